package dev.adlens.app;

import dev.adlens.encoder.EncoderSettings;
import dev.adlens.image.ImageLimits;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.pipeline.AdLabeler;
import dev.adlens.onnx.GraphCache;
import dev.adlens.time.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import dev.adlens.safety.Policy;

/**
 * Everything an adapter (CLI options, Quarkus config, a test) decides about adlens, with every default in one place
 * ({@link #defaults}) and a wither per decision. {@link Adlens} builds the object graph from it.
 *
 * @param wordVectors frozen word vectors (an adlens .json pack or a FastText/word2vec .vec file) instead of the text
 *                    encoder under models/text; empty: the text encoder (or GloVe for a head trained on GloVe)
 * @param workers     images labeled at once (one Tesseract engine each)
 * @param threads     ONNX Runtime intra-op threads of visual.onnx; text.onnx runs one thread per call and this many
 *                    batches at once when it encodes a taxonomy (LocalTextModel#open)
 * @param headThreads ONNX Runtime intra-op threads of head.onnx (the head takes ~3 ms)
 * @param imageBudget the time one image may take, all stages together (PROCESSING_TIMEOUT past it)
 * @param encoder     where the heavy encoders run (in process, or on a KServe v2 / SageMaker endpoint)
 * @param taxonomies  taxonomies scored on every ad besides Pitt's topics: built-in ids or taxonomy files
 * @param topicFusion Pitt topics fused from the head and the topic phrases (models/head/fusion.json); off: the head
 *                    alone
 * @param policy      the brand-safety policy every ad is assessed under: {@link Policy#DEFAULT_NAME} (the built-in
 *                    one) or an adlens-policy-1 file (docs/safety.md)
 */
public record AdlensSettings(Path models, Path tessdata, Optional<Path> wordVectors, int workers, int threads,
                             int headThreads, int ocrUpscaleBelow, int ocrMaxSide, ImageLimits limits,
                             Duration imageBudget, EncoderSettings encoder, GraphCache graphCache,
                             List<String> taxonomies, boolean topicFusion, String policy) {
    /**
     * An object is not started with less invocation time left than this (the function's adlens.function.min-remaining;
     * its @WithDefault spells the same value, "15s").
     */
    public static final String DEFAULT_MIN_REMAINING_TEXT = "15s";
    /** The models directory, images labeled at once, ONNX Runtime threads: spelled once for defaults() and the config. */
    public static final String DEFAULT_MODELS_DIR = "models";
    public static final String DEFAULT_WORKERS = "1";
    public static final String DEFAULT_THREADS = "2";
    public static final Duration DEFAULT_MIN_REMAINING = Durations.parse(DEFAULT_MIN_REMAINING_TEXT);

    /** Debian's Tesseract language data (AdlensConfig's @WithDefault needs the constant expression). */
    public static final String DEFAULT_TESSDATA_DIR = "/usr/share/tesseract-ocr/5/tessdata";
    public static final Path DEFAULT_TESSDATA = Path.of(DEFAULT_TESSDATA_DIR);
    /** The byte limit of one image (ImageLimits.DEFAULT's 20 MiB, spelled for AdlensConfig's @WithDefault). */
    public static final String DEFAULT_MAX_IMAGE_BYTES = "20971520";

    public AdlensSettings {
        taxonomies = List.copyOf(taxonomies);
        if (workers < 1 || threads < 1 || headThreads < 1) {
            throw new IllegalArgumentException("workers and threads must be >= 1");
        }
        if (imageBudget.isNegative() || imageBudget.isZero()) {
            throw new IllegalArgumentException("the image budget must be positive");
        }
    }

    /** The shipped defaults for a models directory: what the head was trained with, encoders in process. */
    public static AdlensSettings defaults(Path models, Path tessdata) {
        return new AdlensSettings(models, tessdata, Optional.empty(), Integer.parseInt(DEFAULT_WORKERS),
                Integer.parseInt(DEFAULT_THREADS), 1, OcrConfig.UPSCALE_BELOW,
                OcrConfig.MAX_SIDE, ImageLimits.DEFAULT, AdLabeler.DEFAULT_BUDGET, EncoderSettings.local(),
                GraphCache.NONE, List.of(), true, Policy.DEFAULT_NAME);
    }

    /** Where the ONNX models' optimised graphs are kept between starts (the CLI's ~/.cache/adlens/onnx). */
    public AdlensSettings withGraphCache(GraphCache cache) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, threads, headThreads, ocrUpscaleBelow,
                ocrMaxSide, limits, imageBudget, encoder, cache, taxonomies, topicFusion, policy);
    }

    public AdlensSettings withWorkers(int n) {
        return new AdlensSettings(models, tessdata, wordVectors, n, threads, headThreads, ocrUpscaleBelow, ocrMaxSide,
                limits, imageBudget, encoder, graphCache, taxonomies, topicFusion, policy);
    }

    public AdlensSettings withThreads(int encoderThreads, int headThreadCount) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, encoderThreads, headThreadCount,
                ocrUpscaleBelow, ocrMaxSide, limits, imageBudget, encoder, graphCache, taxonomies, topicFusion, policy);
    }

    public AdlensSettings withWordVectors(Optional<Path> vectors) {
        return new AdlensSettings(models, tessdata, vectors, workers, threads, headThreads, ocrUpscaleBelow, ocrMaxSide,
                limits, imageBudget, encoder, graphCache, taxonomies, topicFusion, policy);
    }

    public AdlensSettings withOcr(int upscaleBelow, int maxSide) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, threads, headThreads, upscaleBelow, maxSide,
                limits, imageBudget, encoder, graphCache, taxonomies, topicFusion, policy);
    }

    public AdlensSettings withLimits(ImageLimits l) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, threads, headThreads, ocrUpscaleBelow,
                ocrMaxSide, l, imageBudget, encoder, graphCache, taxonomies, topicFusion, policy);
    }

    public AdlensSettings withMaxImageBytes(long bytes) {
        return withLimits(new ImageLimits(bytes, limits.maxPixels(), limits.minSide(), limits.maxDecodeSide()));
    }

    public AdlensSettings withImageBudget(Duration budget) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, threads, headThreads, ocrUpscaleBelow,
                ocrMaxSide, limits, budget, encoder, graphCache, taxonomies, topicFusion, policy);
    }

    public AdlensSettings withEncoder(EncoderSettings e) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, threads, headThreads, ocrUpscaleBelow,
                ocrMaxSide, limits, imageBudget, e, graphCache, taxonomies, topicFusion, policy);
    }

    /** Taxonomies scored besides Pitt's topics (built-in ids or files), and whether Pitt topics are fused. */
    public AdlensSettings withCategories(List<String> t, boolean fusion) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, threads, headThreads, ocrUpscaleBelow,
                ocrMaxSide, limits, imageBudget, encoder, graphCache, t, fusion, policy);
    }

    /** The brand-safety policy: {@link Policy#DEFAULT_NAME} or a policy file. */
    public AdlensSettings withPolicy(String p) {
        return new AdlensSettings(models, tessdata, wordVectors, workers, threads, headThreads, ocrUpscaleBelow,
                ocrMaxSide, limits, imageBudget, encoder, graphCache, taxonomies, topicFusion, p);
    }

    /** The fitted fusion weights beside the head, when the fusion is on and the models have them. */
    public Optional<Path> fusionFile() {
        Path f = models.resolve("head/fusion.json");
        return topicFusion && Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    /**
     * The ad-quality model shipped with the models (models/quality/quality.json, models/train/quality.py), when
     * they have it: scored on every ad, as the models directory is.
     */
    public java.util.Optional<Path> qualityFile() {
        Path f = models.resolve("quality/quality.json");
        return java.nio.file.Files.isRegularFile(f) ? java.util.Optional.of(f) : java.util.Optional.empty();
    }

    public Path wordVectorsPath() {
        return wordVectors.orElse(models.resolve("words/glove-6b-100d.json"));
    }
}
