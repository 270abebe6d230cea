package dev.adlens.tools;

import dev.adlens.cli.AdlensCommand;
import dev.adlens.cli.InputFiles;
import dev.adlens.cli.ModelOptions;
import dev.adlens.encoder.EncoderMode;
import dev.adlens.encoder.EncoderSettings;
import dev.adlens.encoder.KServeHttpTransport;
import dev.adlens.encoder.RemoteVisualEncoder;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.pipeline.AdFeatures;
import dev.adlens.pipeline.FeatureExtractor;
import dev.adlens.app.Adlens;
import dev.adlens.serve.DynamicBatcher;
import dev.adlens.serve.EncoderServer;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Two measurements side by side in one run, everything on this machine over loopback HTTP: (A) per-image latency of
 * the feature stages with visual.onnx on serve-encoders, OCR sequential (before the remote call) vs overlapped
 * (during it); (B) serve-encoders throughput under N concurrent single-image clients with dynamic batching on vs off.
 */
@Command(name = "bench-encoders", mixinStandardHelpOptions = true,
        description = "Benchmark the remote encoder path: sequential vs overlapped OCR, batching on vs off.")
public final class EncoderBenchCommand implements Callable<Integer>, AdlensCommand.Tool {
    @Parameters(arity = "1..*", description = "image files or directories")
    List<Path> inputs;

    @Option(names = "--clients", description = "concurrent clients for (B) (default: ${DEFAULT-VALUE})")
    int clients = 8;

    @Option(names = "--requests", description = "requests per client for (B) (default: ${DEFAULT-VALUE})")
    int requests = 12;

    @Option(names = "--server-threads", description = "ORT intra-op threads of the server (default: ${DEFAULT-VALUE})")
    int serverThreads = 2;

    @Option(names = "--cuda", description = "run the served model on the CUDA execution provider (onnxruntime_gpu)")
    boolean cuda;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        List<Path> files = InputFiles.readable(inputs);
        List<byte[]> bytes = new ArrayList<>();
        for (Path f : files) {
            bytes.add(Files.readAllBytes(f));
        }
        try (OnnxModel served = OnnxModel.open(models.modelsDir().resolve("visual/visual.onnx"),
                OnnxModel.Options.threads(serverThreads).withCuda(cuda))) {
            LocalOnnxVisualEncoder enc = new LocalOnnxVisualEncoder(served);
            System.out.println("served model on " + (cuda && OnnxModel.cudaAvailable() ? "CUDA" : "CPU"));
            System.out.println(overlap(enc, bytes));
            System.out.println(batching(enc, bytes));
        }
        return 0;
    }

    private String overlap(LocalOnnxVisualEncoder enc, List<byte[]> images) throws Exception {
        try (EncoderServer server = server(enc, 8);
             Adlens p = Adlens.open(models.settings().withEncoder(settings(server)))) {
            server.start();
            FeatureExtractor overlapped = p.extractor();
            FeatureExtractor sequential = overlapped.withOcrExecutor(Runnable::run);
            overlapped.extract("warm-up", images.get(0));
            List<Long> seq = new ArrayList<>();
            List<Long> ovl = new ArrayList<>();
            List<Long> ocr = new ArrayList<>();
            List<Long> visual = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                // alternate which goes first so that caches and machine noise favour neither
                for (int k = 0; k < 2; k++) {
                    boolean seqTurn = (i + k) % 2 == 0;
                    long t0 = System.nanoTime();
                    AdFeatures f = (seqTurn ? sequential : overlapped).extract("img" + i, images.get(i));
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    (seqTurn ? seq : ovl).add(ms);
                    if (!seqTurn) {
                        ocr.add(f.timings().ocrMs());
                        visual.add(f.timings().visualMs());
                    }
                }
            }
            return String.format("""
                    (A) feature latency per image, visual.onnx on serve-encoders (loopback HTTP, binary tensors), %d images
                    | pipeline | p50 ms | p90 ms |
                    |---|---|---|
                    | sequential (OCR, then remote visual) | %d | %d |
                    | overlapped (OCR during the remote call) | %d | %d |
                    overlapped / sequential p50 = %.2f; stage p50 in the overlapped run: OCR %d ms, remote visual %d ms
                    """, images.size(), pct(seq, 50), pct(seq, 90), pct(ovl, 50), pct(ovl, 90),
                    (double) pct(ovl, 50) / pct(seq, 50), pct(ocr, 50), pct(visual, 50));
        }
    }

    private String batching(LocalOnnxVisualEncoder enc, List<byte[]> bytes) throws Exception {
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        List<RgbImage> images = new ArrayList<>();
        for (byte[] b : bytes) {
            images.add(decoder.decode(b).image());
        }
        double[] rate = new double[2];
        double[] meanBatch = new double[2];
        int[] maxBatch = {1, 8};
        for (int mode = 0; mode < 2; mode++) {
            try (EncoderServer server = server(enc, maxBatch[mode])) {
                server.start();
                RemoteVisualEncoder client = new RemoteVisualEncoder(enc.contract(), new KServeHttpTransport(
                        URI.create("http://127.0.0.1:" + server.port()), "visual", Duration.ofSeconds(2)),
                        EncoderSettings.defaultRetry(), true);
                client.encode(List.of(images.get(0)));
                long b0 = server.batcher().batches();
                long i0 = server.batcher().images();
                CountDownLatch go = new CountDownLatch(1);
                AtomicInteger failures = new AtomicInteger();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    int offset = c;
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                            for (int r = 0; r < requests; r++) {
                                client.encode(List.of(images.get((offset + r) % images.size())));
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    });
                    t.start();
                    threads.add(t);
                }
                long start = System.nanoTime();
                go.countDown();
                for (Thread t : threads) {
                    t.join();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                if (failures.get() > 0) {
                    throw new IllegalStateException(failures.get() + " clients failed");
                }
                rate[mode] = clients * requests / seconds;
                meanBatch[mode] = (double) (server.batcher().images() - i0) / (server.batcher().batches() - b0);
            }
        }
        return String.format("""
                (B) serve-encoders, %d concurrent clients x %d single-image requests, ORT %d threads
                | dynamic batching | images/s | mean batch |
                |---|---|---|
                | off (max batch 1) | %.2f | %.2f |
                | on (max batch 8, 5 ms window) | %.2f | %.2f |
                throughput ratio on/off = %.2f
                """, clients, requests, serverThreads, rate[0], meanBatch[0], rate[1], meanBatch[1], rate[1] / rate[0]);
    }

    private EncoderServer server(LocalOnnxVisualEncoder enc, int maxBatch) throws Exception {
        return new EncoderServer(new InetSocketAddress("127.0.0.1", 0), new DynamicBatcher(enc::run, maxBatch, 5000, 256),
                enc.contract(), "onnxruntime_onnx", 32, 16, 120_000);
    }

    private static EncoderSettings settings(EncoderServer server) {
        // AUTO: this server has the visual model only, so the text encoder finds it unusable and stays local
        return EncoderSettings.endpoint(EncoderMode.AUTO, URI.create("http://127.0.0.1:" + server.port()));
    }

    private static long pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
