package dev.adlens.pipeline;

import dev.adlens.category.Categories;
import dev.adlens.safety.Policy;
import dev.adlens.safety.SafetyAssessor;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.head.Head;
import dev.adlens.head.HeadInput;
import dev.adlens.quality.QualityModel;
import dev.adlens.quality.QualityScores;
import dev.adlens.quality.QualitySignals;
import dev.adlens.head.HeadOutput;
import dev.adlens.head.HeadSpec;
import dev.adlens.image.RgbImage;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.LabelClass;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.time.Deadline;
import dev.adlens.time.Durations;
import dev.adlens.visual.VisualContract;
import dev.adlens.words.WordSequence;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole labeling of one image: features (decode, visual || OCR, words), head, decision. Input problems never
 * escape as exceptions: {@link #label} returns a {@link LabelOutcome.Failed} with the typed reason. Thread-safe.
 */
public final class AdLabeler implements Labeler {
    private final FeatureExtractor extractor;
    private final Head head;
    private final HeadDecoder decoder;
    private final ModelVersions versions;
    private final long budgetMillis;
    private final Categories categories;
    private final Optional<QualityModel> quality;
    private final SafetyAssessor safety;

    /** The default time one image may take, all stages together (decode, OCR, encoders, head), as config spells it. */
    public static final String DEFAULT_BUDGET_TEXT = "20s";
    public static final Duration DEFAULT_BUDGET = Durations.parse(DEFAULT_BUDGET_TEXT);

    /**
     * @param budget the time one image may take; a caller's deadline, when earlier, wins
     * @throws AdlensException MODEL_INVALID when the head was trained on other encoders or dims than these
     */
    public AdLabeler(FeatureExtractor extractor, Head head, PittTaxonomy taxonomy, Duration budget)
            throws AdlensException {
        this(extractor, head, taxonomy, budget, Categories.NONE);
    }

    /**
     * @param categories the Pitt topic fusion and the taxonomies scored on every ad (they read the text encoder's
     *                   sentence vector)
     * @throws AdlensException MODEL_INVALID when the head was trained on other encoders or dims than these, or when
     *                         categories are asked of an embedder without a sentence vector (CategoryLoader leaves
     *                         out a fusion fitted for another head)
     */
    public AdLabeler(FeatureExtractor extractor, Head head, PittTaxonomy taxonomy, Duration budget,
                     Categories categories) throws AdlensException {
        this(extractor, head, taxonomy, budget, categories, Optional.empty(), new SafetyAssessor(Policy.builtIn()));
    }

    /**
     * @param quality the ad-quality model scored on every ad (it reads the text encoder's sentence vector)
     * @param safety  the brand-safety policy every ad is assessed under (its category rules read the IAB answer: the
     *                taxonomy asked for, or {@link Categories#policyIab()})
     * @throws AdlensException MODEL_INVALID as above, or when the quality model was fitted on another sentence vector
     */
    public AdLabeler(FeatureExtractor extractor, Head head, PittTaxonomy taxonomy, Duration budget,
                     Categories categories, Optional<QualityModel> quality, SafetyAssessor safety)
            throws AdlensException {
        this.extractor = extractor;
        this.quality = quality;
        if (quality.isPresent() && quality.get().sentenceDim() != extractor.embedder().sentenceDim()) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, quality.get() + " reads a " + quality.get().sentenceDim()
                    + "-d sentence vector; " + extractor.embedder().name() + " gives "
                    + extractor.embedder().sentenceDim());
        }
        this.categories = categories;
        this.budgetMillis = budget.toMillis();
        this.head = head;
        HeadSpec spec = head.spec();
        VisualContract vc = extractor.visual().contract();
        if (spec.globalDim() != vc.globalDim() || spec.objectDim() != vc.objectDim() || spec.topL() != vc.topL()
                || !spec.visualVersion().equals(vc.version())
                || spec.wordDim() != extractor.embedder().dim()
                || !spec.wordVectors().equals(extractor.embedder().name())
                || spec.sentenceDim() != extractor.embedder().sentenceDim()
                || spec.maxWords() != extractor.embedder().capacity()) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "head " + spec.version() + " was trained on "
                    + spec.visualVersion() + "/" + spec.wordVectors() + " inputs that do not match the loaded encoders");
        }
        List<LabelClass> topics = spec.topicIds().stream().map(id -> taxonomy.topic(id).orElseThrow()).toList();
        List<LabelClass> sentiments = spec.sentimentIds().stream().map(id -> taxonomy.sentiment(id).orElseThrow())
                .toList();
        if (categories.any() && extractor.embedder().sentenceDim() == 0) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "taxonomies and the topic fusion need the text encoder's "
                    + "sentence vector; " + extractor.embedder().name() + " has none");
        }
        this.versions = new ModelVersions(spec.version() + categories.fusion().map(t -> "+" + t.version()).orElse(""),
                vc.version(), extractor.embedder().name(), categories.versions());
        this.safety = safety;
        this.decoder = new HeadDecoder(spec, categories, topics, sentiments, versions, safety);
    }

    /** The Pitt topic fusion and the taxonomies this labeler scores. */
    public Categories categories() {
        return categories;
    }

    /** The brand-safety policy every ad is assessed under. */
    public Policy policy() {
        return safety.policy();
    }

    @Override
    public ModelVersions versions() {
        return versions;
    }

    /**
     * Labels one image within its budget. A budget cut short by the caller's deadline (too little of a Lambda
     * invocation left) fails DEADLINE_EXCEEDED, which is retried; the image's own budget spent fails
     * PROCESSING_TIMEOUT, which is recorded (the same bytes would take as long again). An OutOfMemoryError while
     * labeling fails this image only: the decode gate bounds what one image may allocate, so running out means the
     * other workers were at their peak too, and the heap is free again once this image's buffers are dropped.
     */
    @Override
    public LabelOutcome label(String image, byte[] bytes, Deadline caller) {
        return label(image, bytes, caller, decoded -> { });
    }

    @Override
    public LabelOutcome label(String image, byte[] bytes, Deadline caller, Consumer<RgbImage> decoded) {
        Deadline own = Deadline.in(budgetMillis);
        try {
            AdFeatures f = extractor.extract(image, bytes, own.earlier(caller));
            LabelOutcome.Labeled labeled = new LabelOutcome.Labeled(labels(f));
            decoded.accept(f.decoded().image());
            return labeled;
        } catch (AdlensException e) {
            return new LabelOutcome.Failed(image, whose(e.code(), own, caller), e.getMessage());
        } catch (RuntimeException e) {
            return new LabelOutcome.Failed(image, ErrorCode.INTERNAL_ERROR, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        } catch (OutOfMemoryError e) {
            return new LabelOutcome.Failed(image, ErrorCode.INTERNAL_ERROR, "out of memory while labeling this image");
        }
    }

    /** Longest text a text ad may have (characters); the API and the CLI refuse longer ones. */
    public static final int MAX_TEXT_CHARS = 10_000;

    /**
     * Labels ad copy without an image (search and social ads): the words go through the same text embedder as OCR
     * words, the image and object inputs are absent (zero, masked). {@code id} names the ad in the outcome.
     */
    @Override
    public LabelOutcome labelText(String id, String text, Deadline caller) {
        Deadline own = Deadline.in(budgetMillis);
        try {
            if (text == null || text.length() > MAX_TEXT_CHARS) {
                throw new AdlensException(ErrorCode.BAD_REQUEST, text == null ? "no text"
                        : "text has " + text.length() + " characters (limit " + MAX_TEXT_CHARS + ")");
            }
            AdFeatures f = textFeatures(extractor, head.spec(), id, text, own.earlier(caller));
            return new LabelOutcome.Labeled(labels(f));
        } catch (AdlensException e) {
            return new LabelOutcome.Failed(id, whose(e.code(), own, caller), e.getMessage());
        } catch (RuntimeException e) {
            return new LabelOutcome.Failed(id, ErrorCode.INTERNAL_ERROR, e.getClass().getSimpleName() + ": "
                    + e.getMessage());
        }
    }

    /**
     * A budget cut short by the caller's deadline (too little of a Lambda invocation left) is the caller's:
     * DEADLINE_EXCEEDED, retried; the input's own budget spent stays PROCESSING_TIMEOUT, recorded.
     */
    private static ErrorCode whose(ErrorCode code, Deadline own, Deadline caller) {
        return code == ErrorCode.PROCESSING_TIMEOUT && caller.atNanos() < own.atNanos()
                ? ErrorCode.DEADLINE_EXCEEDED : code;
    }

    /** Text ad copy as the head's inputs (words through the text embedder, no image). */
    static AdFeatures textFeatures(FeatureExtractor extractor, HeadSpec spec, String id, String text, Deadline deadline)
            throws AdlensException {
        long start = System.nanoTime();
        String trimmed = text.strip();
        List<String> words = trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
        WordSequence seq = extractor.embedder().embed(words, deadline);
        if (seq.tokens().isEmpty()) { // an image without words still has pixels; a text ad without words has nothing
            throw new AdlensException(ErrorCode.BAD_REQUEST, "text has no words (letters or digits)");
        }
        return AdFeatures.textOnly(id, words, seq, spec, Math.round((System.nanoTime() - start) / 1e6));
    }

    /** The head and decision on already extracted features: pack, run, decode. */
    public AdLabels labels(AdFeatures f) throws AdlensException {
        long start = System.nanoTime();
        QualityScores q = quality.map(m -> m.score(qualitySignals(f))).orElse(QualityScores.UNMEASURED);
        return decoder.decode(f, run(head, f), q, start);
    }

    /** What the quality model reads of an ad's features (also what {@code adlens quality-features} writes). */
    public static QualitySignals qualitySignals(AdFeatures f) {
        return new QualitySignals(f.words().sentence(), f.ocr().words().size(), f.visual().adult(),
                f.decoded() == null ? null : f.visual().global());
    }

    /**
     * What the built-in knowledge says of an ad's features (example ads of a taxonomy, read at load): the head, the
     * topic fusion and IAB under {@code builtIns}.
     */
    static float[] knowledge(Head head, Categories builtIns, AdFeatures f) throws AdlensException {
        return HeadDecoder.knowledge(head.spec(), builtIns, run(head, f), f);
    }

    private static HeadOutput run(Head head, AdFeatures f) throws AdlensException {
        return head.run(List.of(HeadInput.of(f.visual(), f.words(), head.spec()))).get(0);
    }
}
