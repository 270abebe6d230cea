package dev.adlens.cli;

import dev.adlens.onnx.GraphCache;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.serve.DynamicBatcher;
import dev.adlens.serve.EncoderServer;
import dev.adlens.serve.TextModel;
import dev.adlens.text.LocalOnnxTextEncoder;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve-encoders", mixinStandardHelpOptions = true,
        description = "Serve visual.onnx (dynamic batching) and text.onnx over KServe v2 HTTP (binary tensors).")
final class ServeEncodersCommand implements Callable<Integer> {
    @Option(names = "--models", description = "models directory (default: $ADLENS_MODELS or ./models)")
    Path models = Path.of(System.getenv().getOrDefault("ADLENS_MODELS", "models"));

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 to serve others)")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port, 0 = any free one (default: ${DEFAULT-VALUE}, Triton's HTTP port)")
    int port = 8000;

    @Option(names = "--max-batch", description = "images per model run; 1 turns dynamic batching off (default: ${DEFAULT-VALUE})")
    int maxBatch = 8;

    @Option(names = "--max-delay-us", description = "how long the first request of a batch waits for more (default: ${DEFAULT-VALUE})")
    long maxDelayMicros = 5000;

    @Option(names = "--max-queue", description = "images waiting at most; beyond: 429 (default: ${DEFAULT-VALUE})")
    int maxQueue = 64;

    @Option(names = "--max-request-images", description = "images per request at most (default: ${DEFAULT-VALUE})")
    int maxRequestImages = 16;

    @Option(names = "--request-timeout-ms", description = "queue wait before 503 (default: ${DEFAULT-VALUE})")
    long requestTimeoutMs = 30_000;

    @Option(names = "--threads", description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE})")
    int threads = 2;

    @Option(names = "--cuda", description = "use the CUDA execution provider when this ONNX Runtime has it")
    boolean cuda;

    @picocli.CommandLine.Mixin
    GraphCacheOption graphCache = new GraphCacheOption();

    @Override
    public Integer call() throws Exception {
        GraphCache cache = graphCache.cache();
        OnnxModel.Options options = OnnxModel.Options.threads(threads).withCuda(cuda).withCache(cache);
        try (OnnxModel model = OnnxModel.open(models.resolve("visual/visual.onnx"), options);
             OnnxModel textModel = OnnxModel.open(models.resolve("text/text.onnx"), options)) {
            LocalOnnxVisualEncoder encoder = new LocalOnnxVisualEncoder(model);
            LocalOnnxTextEncoder textEncoder = new LocalOnnxTextEncoder(textModel);
            String provider = cuda && OnnxModel.cudaAvailable() ? "CUDA" : "CPU";
            try (EncoderServer server = new EncoderServer(new InetSocketAddress(host, port),
                    new DynamicBatcher(encoder::run, maxBatch, maxDelayMicros, maxQueue), encoder.contract(),
                    "onnxruntime_onnx", 32, maxRequestImages, requestTimeoutMs,
                    new TextModel(textEncoder.contract(), textEncoder::run))) {
                server.start();
                System.err.printf("serve-encoders: http://%s:%d/v2/models/{%s,%s} (%s, visual max batch %d, delay %d us;"
                        + " text one per run)%n", host, server.port(), EncoderServer.MODEL, EncoderServer.TEXT_MODEL,
                        provider, maxBatch, maxDelayMicros);
                new CountDownLatch(1).await();
            }
        }
        return 0;
    }
}
