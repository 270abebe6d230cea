package dev.adlens.pipeline;

import dev.adlens.image.ImageLimits;
import dev.adlens.ocr.OcrConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything the adapters (CLI options, Quarkus config) decide about the pipeline, in one plain record.
 *
 * @param wordVectors frozen word vectors (an adlens .json pack or a FastText/word2vec .vec file) instead of the text
 *                    encoder under models/text; empty: the text encoder (or GloVe for a head trained on GloVe)
 * @param workers     images labeled at once (one Tesseract engine each)
 * @param threads     ONNX Runtime intra-op threads of visual.onnx
 * @param imageBudget the time one image may take, all stages together (PROCESSING_TIMEOUT past it)
 */
public record PipelineSettings(Path models, Path tessdata, Optional<Path> wordVectors, int workers, int threads,
                               int headThreads, int ocrUpscaleBelow, int ocrMaxSide, ImageLimits limits,
                               java.time.Duration imageBudget) {
    public PipelineSettings {
        if (workers < 1 || threads < 1 || headThreads < 1) {
            throw new IllegalArgumentException("workers and threads must be >= 1");
        }
        if (imageBudget.isNegative() || imageBudget.isZero()) {
            throw new IllegalArgumentException("the image budget must be positive");
        }
    }

    /** The shipped defaults for a models directory: what the head was trained with. */
    public static PipelineSettings defaults(Path models, Path tessdata) {
        return new PipelineSettings(models, tessdata, Optional.empty(), 1, 2, 1, OcrConfig.UPSCALE_BELOW,
                OcrConfig.MAX_SIDE, ImageLimits.DEFAULT, AdLabeler.DEFAULT_BUDGET);
    }

    public Path wordVectorsPath() {
        return wordVectors.orElse(models.resolve("words/glove-6b-100d.json"));
    }
}
