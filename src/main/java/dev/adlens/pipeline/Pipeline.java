package dev.adlens.pipeline;

import dev.adlens.error.AdlensException;
import dev.adlens.head.HeadSpec;
import dev.adlens.head.OnnxHead;
import dev.adlens.image.ImageDecoder;
import dev.adlens.labels.Taxonomy;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.ocr.TesseractOcr;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.text.LocalOnnxTextEncoder;
import dev.adlens.text.LocalTextModel;
import dev.adlens.text.TextEncoder;
import dev.adlens.words.TextEmbedder;
import dev.adlens.words.WordEmbedder;
import dev.adlens.words.WordVectors;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The assembled pipeline, shared by every adapter (CLI, Lambda handlers, API, encoder server): owns each native
 * resource (ONNX sessions, Tesseract engines, the OCR pool) and closes them in reverse order of creation.
 */
public final class Pipeline implements AutoCloseable {
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final PipelineSettings settings;
    private final ImageDecoder decoder;
    private final TextEmbedder text;
    private final TesseractOcr ocr;
    private final VisualEncoder visual;
    private final FeatureExtractor extractor;
    private AdLabeler labeler;

    /**
     * Features only (training data): {@code wordCapacity} word slots, the local visual encoder, the text encoder
     * (or the frozen word vectors {@link PipelineSettings#wordVectors()} names).
     */
    public static Pipeline forFeatures(PipelineSettings s, int wordCapacity) throws AdlensException {
        return new Pipeline(s, wordCapacity, null, null, s.wordVectors().isPresent());
    }

    /** Full labeling with the local (in-process) visual encoder. */
    public static Pipeline forLabeling(PipelineSettings s) throws AdlensException {
        return forLabeling(s, null);
    }

    /**
     * Full labeling; {@code visualFactory} makes the visual encoder from the local one (null: local only), so a
     * remote encoder can fall back to it. The head's descriptor decides the word capacity M.
     */
    public static Pipeline forLabeling(PipelineSettings s, Function<LocalOnnxVisualEncoder, VisualEncoder> visualFactory)
            throws AdlensException {
        return forLabeling(s, visualFactory, null);
    }

    /** As above; {@code textFactory} makes the text encoder from the local one (null: local only). */
    public static Pipeline forLabeling(PipelineSettings s, Function<LocalOnnxVisualEncoder, VisualEncoder> visualFactory,
                                       Function<LocalOnnxTextEncoder, TextEncoder> textFactory) throws AdlensException {
        HeadSpec spec = HeadSpec.read(s.models().resolve("head/head.json"));
        // A head trained on frozen word vectors (the GloVe heads before the text encoder) gets them back.
        boolean frozen = s.wordVectors().isPresent() || spec.wordVectors().startsWith("glove");
        Pipeline p = new Pipeline(s, spec.maxWords(), visualFactory, textFactory, frozen);
        try {
            OnnxModel headModel = p.own(OnnxModel.open(s.models().resolve("head/head.onnx"), s.headThreads()));
            p.labeler = new AdLabeler(p.extractor, new OnnxHead(headModel, spec), Taxonomy.official(), s.imageBudget());
            return p;
        } catch (AdlensException | RuntimeException e) {
            p.closeQuietly(e);
            throw e;
        }
    }

    private Pipeline(PipelineSettings s, int wordCapacity, Function<LocalOnnxVisualEncoder, VisualEncoder> visualFactory,
                     Function<LocalOnnxTextEncoder, TextEncoder> textFactory, boolean frozenWords) throws AdlensException {
        this.settings = s;
        this.decoder = new ImageDecoder(s.limits());
        try {
            OnnxModel visualModel = own(OnnxModel.open(s.models().resolve("visual/visual.onnx"), s.threads()));
            OcrConfig defaults = OcrConfig.defaults(s.tessdata());
            ocr = own(new TesseractOcr(new OcrConfig(s.tessdata(), defaults.language(), s.workers(),
                    defaults.minConfidence(), defaults.colourfulFraction(), s.ocrUpscaleBelow(), s.ocrMaxSide())));
            text = frozenWords ? new WordEmbedder(WordVectors.open(s.wordVectorsPath()), wordCapacity)
                    : contextual(s, wordCapacity, textFactory);
            ExecutorService ocrPool = Executors.newFixedThreadPool(s.workers(), r -> {
                Thread t = new Thread(r, "adlens-ocr");
                t.setDaemon(true);
                return t;
            });
            own(ocrPool::shutdownNow);
            LocalOnnxVisualEncoder local = new LocalOnnxVisualEncoder(visualModel);
            visual = visualFactory == null ? local : visualFactory.apply(local);
            if (visual instanceof AutoCloseable closeable && visual != local) {
                own(closeable);
            }
            extractor = new FeatureExtractor(decoder, visual, ocr, text, ocrPool);
        } catch (AdlensException | RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
    }

    /** The text encoder under models/text (text.onnx + tokenizer.json), in process. */
    private TextEmbedder contextual(PipelineSettings s, int wordCapacity,
                                    Function<LocalOnnxTextEncoder, TextEncoder> textFactory) throws AdlensException {
        LocalTextModel local = own(LocalTextModel.open(s.models(), s.threads(), wordCapacity));
        TextEncoder encoder = textFactory == null ? local.encoder() : textFactory.apply(local.encoder());
        return local.embedder(encoder);
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    public ImageDecoder decoder() {
        return decoder;
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    public TextEmbedder text() {
        return text;
    }

    public VisualEncoder visual() {
        return visual;
    }

    /** @throws IllegalStateException when built {@link #forFeatures} */
    public AdLabeler labeler() {
        if (labeler == null) {
            throw new IllegalStateException("pipeline was built for features only");
        }
        return labeler;
    }

    private void closeQuietly(Exception primary) {
        try {
            close();
        } catch (Exception suppressed) {
            primary.addSuppressed(suppressed);
        }
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
