package dev.adlens.cli;

import dev.adlens.ocr.OcrConfig;
import dev.adlens.pipeline.AdLabeler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.adlens.app.AdlensSettings;
import dev.adlens.encoder.EncoderMode;
import dev.adlens.encoder.EncoderSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import dev.adlens.safety.Policy;
import picocli.CommandLine.Option;

/** Where the models live and how much parallelism to use; shared by every command that runs the pipeline. */
public final class ModelOptions {
    @Option(names = "--models", description = "models directory (default: $ADLENS_MODELS or ./models)")
    Path models = Path.of(System.getenv().getOrDefault("ADLENS_MODELS", "models"));

    @Option(names = "--tessdata", description = "Tesseract language data (default: $TESSDATA_PREFIX or Debian's)")
    Path tessdata = Path.of(System.getenv().getOrDefault("TESSDATA_PREFIX", AdlensSettings.DEFAULT_TESSDATA_DIR));

    @Option(names = "--word-vectors", description = "frozen word vectors instead of the text encoder (<models>/text): "
            + "an adlens .json pack or a FastText/word2vec .vec file. A head only works with the text inputs it was "
            + "trained on (head.json says which).")
    Path wordVectors;

    @Option(names = "--ocr-upscale-below", description = "read images whose longer side is below this at 2x "
            + "(default: ${DEFAULT-VALUE}; the shipped head was trained with it)")
    int ocrUpscaleBelow = OcrConfig.UPSCALE_BELOW;

    @Option(names = "--ocr-max-side", description = "read larger images downscaled to this longer side "
            + "(default: ${DEFAULT-VALUE}; the shipped head was trained with it)")
    int ocrMaxSide = OcrConfig.MAX_SIDE;

    @Option(names = "--image-budget-ms", description = "time one image may take, all stages together; past it the "
            + "image is FAILED PROCESSING_TIMEOUT (default: ${DEFAULT-VALUE})")
    long budgetMillis = AdLabeler.DEFAULT_BUDGET.toMillis();

    @Option(names = "--workers", defaultValue = AdlensSettings.DEFAULT_WORKERS,
            description = "images processed at once (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--threads", defaultValue = AdlensSettings.DEFAULT_THREADS,
            description = "ONNX Runtime intra-op threads of visual.onnx, and text batches encoded at once when a "
                    + "taxonomy is first loaded (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--head-threads", description = "ONNX Runtime intra-op threads of head.onnx (default: ${DEFAULT-VALUE};"
            + " the head takes ~3 ms)")
    int headThreads = 1;

    @Option(names = "--encoder", description = "where visual.onnx runs: local, remote or auto (default: ${DEFAULT-VALUE})")
    EncoderMode encoderMode = EncoderMode.LOCAL;

    @Option(names = "--encoder-url", description = "KServe v2 endpoint (Triton, adlens serve-encoders), e.g. http://gpu:8000;"
            + " with no --encoder given this means auto")
    URI encoderUrl;

    @Option(names = "--taxonomy", paramLabel = "ID|FILE", description = "also label in this taxonomy: a built-in one "
            + "(iab-ad-product-2.0, pitt-topics) or an adlens-taxonomy-1 file (docs/taxonomies.md); repeatable")
    List<String> taxonomies = new ArrayList<>();

    @Option(names = "--policy", paramLabel = "default|FILE", description = "the brand-safety policy every ad is "
            + "assessed under: the built-in one or an adlens-policy-1 file (docs/safety.md; default: ${DEFAULT-VALUE})")
    String policy = Policy.DEFAULT_NAME;

    @Option(names = "--no-topic-fusion", description = "Pitt topics from the trained head alone, without the topic "
            + "phrases (models/head/fusion.json); for comparisons")
    boolean noTopicFusion;

    /** The models directory (--models). */
    public Path modelsDir() {
        return models;
    }

    /** Images processed at once (--workers). */
    public int workers() {
        return workers;
    }

    /** Overrides --workers (a benchmark that runs at several worker counts sizes the pools for the largest). */
    public void workers(int n) {
        workers = n;
    }

    @picocli.CommandLine.Mixin
    GraphCacheOption graphCache = new GraphCacheOption();

    EncoderSettings encoder() {
        if (encoderUrl == null && encoderMode == EncoderMode.REMOTE) {
            throw new IllegalArgumentException("--encoder remote needs --encoder-url");
        }
        if (encoderUrl == null) {
            return EncoderSettings.local(); // auto with no endpoint configured is local
        }
        return EncoderSettings.endpoint(encoderMode == EncoderMode.LOCAL ? EncoderMode.AUTO : encoderMode, encoderUrl);
    }

    public AdlensSettings settings() {
        return AdlensSettings.defaults(models, tessdata).withWordVectors(Optional.ofNullable(wordVectors))
                .withWorkers(workers).withThreads(threads, headThreads).withOcr(ocrUpscaleBelow, ocrMaxSide)
                .withImageBudget(Duration.ofMillis(budgetMillis)).withEncoder(encoder())
                .withGraphCache(graphCache.cache()).withCategories(taxonomies, !noTopicFusion).withPolicy(policy);
    }
}
