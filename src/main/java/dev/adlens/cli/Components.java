package dev.adlens.cli;

import dev.adlens.error.AdlensException;
import dev.adlens.head.HeadSpec;
import dev.adlens.head.OnnxHead;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.labels.Taxonomy;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.ocr.TesseractOcr;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.pipeline.AdLabeler;
import dev.adlens.pipeline.FeatureExtractor;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.words.PackedWordVectors;
import dev.adlens.words.VecFileWordVectors;
import dev.adlens.words.WordEmbedder;
import dev.adlens.words.WordVectors;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The CLI's wiring of the core pipeline: owns every native resource and closes them in reverse order. */
final class Components implements AutoCloseable {
    final OnnxModel visualModel;
    final TesseractOcr ocr;
    final WordVectors words;
    final ExecutorService ocrPool;
    final FeatureExtractor extractor;
    final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
    OnnxModel headModel;
    AdLabeler labeler;

    /** Everything for labeling: the head's descriptor decides M (word slots). */
    static Components forLabeling(ModelOptions o) throws AdlensException {
        HeadSpec spec = HeadSpec.read(o.models.resolve("head/head.json"));
        Components c = new Components(o, spec.maxWords());
        try {
            c.headModel = OnnxModel.open(o.models.resolve("head/head.onnx"), o.headThreads);
            c.labeler = new AdLabeler(c.extractor, new OnnxHead(c.headModel, spec), Taxonomy.official());
            return c;
        } catch (AdlensException e) {
            try {
                c.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    Components(ModelOptions o, int wordCapacity) throws AdlensException {
        visualModel = OnnxModel.open(o.models.resolve("visual/visual.onnx"), o.threads);
        OcrConfig defaults = OcrConfig.defaults(o.tessdata);
        ocr = new TesseractOcr(new OcrConfig(o.tessdata, defaults.language(), o.workers, defaults.minConfidence(),
                defaults.colourfulFraction(), o.ocrUpscaleBelow, o.ocrMaxSide));
        words = wordVectors(o);
        ocrPool = Executors.newFixedThreadPool(o.workers, r -> {
            Thread t = new Thread(r, "adlens-ocr");
            t.setDaemon(true);
            return t;
        });
        extractor = new FeatureExtractor(decoder,
                new LocalOnnxVisualEncoder(visualModel), ocr, new WordEmbedder(words, wordCapacity), ocrPool);
    }

    /** GloVe pack by default; a .vec file (FastText) when configured. */
    static WordVectors wordVectors(ModelOptions o) throws AdlensException {
        Path path = o.wordVectors == null ? o.models.resolve("words/glove-6b-100d.json") : o.wordVectors;
        return path.toString().endsWith(".vec") ? VecFileWordVectors.load(path, 400_000) : PackedWordVectors.open(path);
    }

    @Override
    public void close() throws Exception {
        ocrPool.shutdownNow();
        if (headModel != null) {
            headModel.close();
        }
        ocr.close();
        visualModel.close();
    }
}
