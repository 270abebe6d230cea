package dev.adlens.app;

import dev.adlens.api.ApiSettings;
import dev.adlens.api.LabelsApi;
import dev.adlens.bucket.ImageBucket;
import dev.adlens.encoder.Dispatcher;
import dev.adlens.encoder.DispatchingTextEncoder;
import dev.adlens.encoder.DispatchingVisualEncoder;
import dev.adlens.encoder.Encoders;
import dev.adlens.encoder.EncoderSettings;
import dev.adlens.error.AdlensException;
import dev.adlens.head.HeadSpec;
import dev.adlens.head.OnnxHead;
import dev.adlens.image.ImageDecoder;
import dev.adlens.ingest.IngestResult;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.ingest.TriggerProcessor;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.ocr.TesseractOcr;
import dev.adlens.onnx.LazyOnnxModel;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.pipeline.AdLabeler;
import dev.adlens.pipeline.CategoryLoader;
import dev.adlens.safety.Policy;
import dev.adlens.safety.SafetyAssessor;
import dev.adlens.pipeline.FeatureExtractor;
import dev.adlens.quality.QualityModel;
import dev.adlens.store.LabelStore;
import dev.adlens.text.LocalTextModel;
import dev.adlens.text.TextEmbedder;
import dev.adlens.text.TextEncoder;
import dev.adlens.text.WordEmbedder;
import dev.adlens.visual.AdultCheck;
import dev.adlens.visual.AdultScores;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.SecondOpinionVisualEncoder;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.words.WordVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composition root: every adapter (CLI commands, the Quarkus producers of the Lambda functions, integration
 * tests) asks this for what it needs, built from one {@link AdlensSettings}. It owns every native resource (ONNX
 * sessions, Tesseract engines) and every pool it starts, and closes them in reverse order of creation, pools drained
 * first. What to build when is decided here and nowhere else: transports, credentials, the endpoint start check and
 * the breakers of the remote encoders included.
 */
public final class Adlens implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Adlens.class);
    private final OwnedResources owned = new OwnedResources();
    private final AdlensSettings settings;
    private final Stages stages;
    private final AdLabeler labeler;

    private Adlens(AdlensSettings s) throws AdlensException {
        this.settings = s;
        List<CategoryLoader.Source> taxonomies = CategoryLoader.read(s.taxonomies()); // a bad file fails before any model
        Policy policy = Policy.load(s.policy()); // so does a bad policy file
        policy.requireLabeled(taxonomies.stream().map(CategoryLoader.Source::taxonomy).toList());
        if (s.topicFusion() && s.fusionFile().isEmpty()) {
            // a models directory (or Lambda layer) without fusion.json: say so, rather than answer with the head alone
            // as if nothing were missing
            LOG.atWarn().log("{} is missing: Pitt topics come from the head alone", s.models().resolve("head/fusion.json"));
        }
        // head.json is the first JSON read (Jackson's start, ~0.2 s) and says how the text is embedded: it is read on a
        // loading thread, then the text model loads after it, while this thread opens the visual model and Tesseract
        CompletableFuture<HeadSpec> spec = Loading.start(() -> HeadSpec.read(s.models().resolve("head/head.json")));
        SafetyAssessor safety = new SafetyAssessor(policy);
        try {
            stages = new Stages(s, spec.thenApply(h -> new TextPlan(h.maxWords(),
                    // a head trained on frozen word vectors (the GloVe heads before the text encoder) gets them back
                    s.wordVectors().isPresent() || h.wordVectors().startsWith("glove"))), true, owned,
                    Optional.of(safety::adultRuleFires));
            OnnxModel headModel = owned.own(OnnxModel.open(s.models().resolve("head/head.onnx"),
                    OnnxModel.Options.threads(s.headThreads()).withCache(s.graphCache())));
            OnnxHead head = new OnnxHead(headModel, Loading.joined(spec));
            labeler = new AdLabeler(stages.extractor, head, PittTaxonomy.official(),
                    s.imageBudget(), CategoryLoader.load(taxonomies, s.fusionFile(), stages.extractor,
                            Optional.ofNullable(stages.localText), shippedCategoryVectors(s),
                            s.graphCache().dir().map(d -> d.resolveSibling("categories")),
                            Loading.joined(spec).version(), head, policy.readsCategories(),
                            "visual " + stages.visual.contract().version() + ", ocr " + s.ocrUpscaleBelow() + "/"
                                    + s.ocrMaxSide()),
                    s.qualityFile().isPresent() ? Optional.of(QualityModel.load(s.qualityFile().get())) : Optional.empty(),
                    safety);
        } catch (AdlensException | RuntimeException e) {
            owned.closeAfter(e);
            throw e;
        }
    }

    /** The built-in taxonomies' vectors shipped with the models (models/build/category-vectors), when there. */
    private static Optional<Path> shippedCategoryVectors(AdlensSettings s) {
        Path d = s.models().resolve("categories");
        return Files.isDirectory(d) ? Optional.of(d) : Optional.empty();
    }

    /** Labeling: decoder, encoders (where the settings say), OCR, text embedder and the head under models/. */
    public static Adlens open(AdlensSettings settings) throws AdlensException {
        return new Adlens(settings);
    }

    /**
     * Head inputs only (training data): {@code wordCapacity} word slots, the encoders in process, no head (a new head
     * is what these features are for).
     */
    public static Features features(AdlensSettings settings, int wordCapacity) throws AdlensException {
        OwnedResources owned = new OwnedResources();
        try {
            return new Features(new Stages(settings, CompletableFuture.completedFuture(
                    new TextPlan(wordCapacity, settings.wordVectors().isPresent())), false, owned, Optional.empty()),
                    owned);
        } catch (AdlensException | RuntimeException e) {
            owned.closeAfter(e);
            throw e;
        }
    }

    public AdlensSettings settings() {
        return settings;
    }

    public AdLabeler labeler() {
        return labeler;
    }

    public FeatureExtractor extractor() {
        return stages.extractor;
    }

    /** The per-object bucket flow over {@code bucket} and {@code store}, with this labeler and image limit. */
    public ObjectIngest ingest(ImageBucket bucket, LabelStore store, Clock clock) {
        return new ObjectIngest(bucket, store, labeler, settings.limits().maxBytes(), clock);
    }

    /**
     * The trigger processor over {@code ingest}: one worker per configured worker (a pool this object owns and drains
     * at close), objects not started with less than {@code minRemaining} of an invocation left.
     */
    public TriggerProcessor triggers(ObjectIngest ingest, Duration minRemaining, Consumer<IngestResult> observer) {
        ExecutorService pool = owned.ownPool(Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "adlens-ingest");
            t.setDaemon(true);
            return t;
        }));
        return new TriggerProcessor(ingest, pool, minRemaining.toMillis(), observer);
    }

    /** The HTTP API's routes over {@code bucket}, {@code ingest} and {@code store}. */
    public LabelsApi api(ImageBucket bucket, ObjectIngest ingest, LabelStore store, ApiSettings api, Clock clock) {
        return new LabelsApi(labeler, bucket, ingest, store, PittTaxonomy.official(), api, clock,
                settings.encoder().mode().name().toLowerCase(Locale.ROOT));
    }

    /** Images (and texts) per encoder path since start, for the dispatching encoders in use ("visual", "text"). */
    public Map<String, Dispatcher.Stats> encoderStats() {
        Map<String, Dispatcher.Stats> stats = new LinkedHashMap<>();
        if (stages.visual instanceof DispatchingVisualEncoder d) {
            stats.put("visual", d.stats());
        }
        if (stages.textEncoder instanceof DispatchingTextEncoder d) {
            stats.put("text", d.stats());
        }
        return stats;
    }

    /**
     * The visual encoder in use (local, or dispatching between an endpoint and local), for its contract and path
     * statistics; the extractor's encoder wraps it with the adult second opinion.
     */
    public VisualEncoder visual() {
        return stages.visual;
    }

    /** Stops a pool and waits for its tasks, so that nothing native is freed under a running worker. */
    public static void drain(ExecutorService pool) {
        OwnedResources.drain(pool);
    }

    @Override
    public void close() throws Exception {
        owned.close();
    }

    /** Head inputs without a head (training data). */
    public static final class Features implements AutoCloseable {
        private final Stages stages;
        private final OwnedResources owned;

        private Features(Stages stages, OwnedResources owned) {
            this.stages = stages;
            this.owned = owned;
        }

        public FeatureExtractor extractor() {
            return stages.extractor;
        }

        public TextEmbedder text() {
            return stages.text;
        }

        public VisualEncoder visual() {
            return stages.visual;
        }

        @Override
        public void close() throws Exception {
            owned.close();
        }
    }

    /** How the text is embedded: {@code wordCapacity} word slots, frozen word vectors or the text encoder. */
    private record TextPlan(int wordCapacity, boolean frozenWords) {
    }

    /** The stages up to the head inputs, their native resources pushed onto {@code owned} as they are created. */
    private static final class Stages {
        final TextEmbedder text;
        /** The text model in this process (null with frozen word vectors): what encodes category texts at load. */
        final TextEmbedder localText;
        final TextEncoder textEncoder;
        final VisualEncoder visual;
        final FeatureExtractor extractor;

        /**
         * @param askSecondOpinion when the first model's adult scores alone would fire a rule of the policy (empty for
         *                         training features: no policy, no second opinion)
         */
        Stages(AdlensSettings s, CompletableFuture<TextPlan> plan, boolean useEndpoint, OwnedResources owned,
               Optional<Predicate<AdultScores>> askSecondOpinion) throws AdlensException {
            EncoderSettings enc = useEndpoint ? s.encoder() : EncoderSettings.local();
            ImageDecoder decoder = new ImageDecoder(s.limits());
            // The text model loads beside the visual model and Tesseract: most of its time is the tokenizer's
            // library start (DJL, ~0.5 s, one core), which overlaps with ORT's graph work on the other
            CompletableFuture<LocalTextModel> textLoad = plan.thenApplyAsync(p -> p.frozenWords() ? null
                    : Loading.unchecked(() -> LocalTextModel.open(s.models(), s.threads(), p.wordCapacity(),
                    s.graphCache())), Loading::thread);
            TesseractOcr ocr;
            OnnxModel visualModel;
            try {
                visualModel = OnnxModel.open(s.models().resolve("visual/visual.onnx"),
                        OnnxModel.Options.threads(s.threads()).withCache(s.graphCache()));
                owned.own(visualModel);
                OcrConfig defaults = OcrConfig.defaults(s.tessdata());
                // an image's second OCR pass runs here, beside its first (docs/performance.md, "Where the CPU goes")
                ExecutorService passPool = owned.ownDaemonPool(s.workers(), "adlens-ocr-pass");
                ocr = new TesseractOcr(new OcrConfig(s.tessdata(), defaults.language(), s.workers(),
                        defaults.minConfidence(), defaults.colourfulFraction(), s.ocrUpscaleBelow(), s.ocrMaxSide()),
                        passPool);
                owned.own(ocr);
            } catch (AdlensException | RuntimeException e) {
                try { // owned, so that the caller's cleanup closes it too
                    LocalTextModel loaded = textLoad.join();
                    if (loaded != null) {
                        owned.own(loaded);
                    }
                } catch (CompletionException alsoFailed) {
                    e.addSuppressed(alsoFailed.getCause());
                }
                throw e;
            }
            LocalTextModel local = Loading.joined(textLoad); // null for frozen word vectors
            TextPlan p = plan.join(); // done: the text load followed it
            if (p.frozenWords()) {
                textEncoder = null;
                text = new WordEmbedder(WordVectors.open(s.wordVectorsPath()), p.wordCapacity());
                localText = null;
            } else {
                owned.own(local);
                textEncoder = Encoders.text(enc, local.encoder());
                text = local.embedder(textEncoder);
                localText = local.embedder(null);
            }
            ExecutorService ocrPool = owned.ownDaemonPool(s.workers(), "adlens-ocr");
            LocalOnnxVisualEncoder localVisual = new LocalOnnxVisualEncoder(visualModel);
            visual = Encoders.visual(enc, localVisual);
            if (visual instanceof AutoCloseable closeable && visual != localVisual) {
                owned.own(closeable);
            }
            extractor = new FeatureExtractor(decoder, secondOpinion(s, visual, askSecondOpinion, owned), ocr, text,
                    ocrPool);
        }

        /**
         * {@code visual} with the adult second opinion where a policy may ask for it and the models have it (a models
         * directory or layer from before it labels as before, with a warning); the model opens on its first use.
         */
        private static VisualEncoder secondOpinion(AdlensSettings s, VisualEncoder visual,
                                                   Optional<Predicate<AdultScores>> ask, OwnedResources owned) {
            if (ask.isEmpty()) {
                return visual;
            }
            Path file = s.models().resolve(AdultCheck.FILE);
            if (!Files.isRegularFile(file)) {
                LOG.atWarn().log("{} is missing: adult flags rest on the first model alone", file);
                return visual;
            }
            LazyOnnxModel model = owned.own(AdultCheck.model(file, s.threads()));
            return new SecondOpinionVisualEncoder(visual, new AdultCheck(model, visual.contract()), ask.get());
        }
    }
}
