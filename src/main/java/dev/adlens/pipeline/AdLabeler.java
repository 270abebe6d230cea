package dev.adlens.pipeline;

import dev.adlens.category.Categories;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.category.TopicFusion;
import dev.adlens.quality.QualityScores;
import dev.adlens.safety.Policy;
import dev.adlens.safety.Safety;
import dev.adlens.safety.SafetyAssessor;
import dev.adlens.labels.StageTimings;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.head.HeadInput;
import dev.adlens.head.HeadOutput;
import dev.adlens.head.HeadSpec;
import dev.adlens.head.Head;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.Decision;
import dev.adlens.labels.LabelClass;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.TaskAttention;
import dev.adlens.labels.Taxonomy;
import dev.adlens.image.RgbImage;
import dev.adlens.time.Deadline;
import dev.adlens.visual.Detection;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.category.AdSignals;
import dev.adlens.words.WordSequence;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The whole labeling of one image: features (decode, visual || OCR, words), head, decision. Input problems never
 * escape as exceptions: {@link #label} returns a {@link LabelOutcome.Failed} with the typed reason. Thread-safe.
 */
public final class AdLabeler implements Labeler {
    private final FeatureExtractor extractor;
    private final Head head;
    private final List<LabelClass> topics;
    private final List<LabelClass> sentiments;
    private final ModelVersions versions;
    private final long budgetMillis;
    private final Categories categories;
    private final SafetyAssessor safety;

    /** The default time one image may take, all stages together (decode, OCR, encoders, head), as config spells it. */
    public static final String DEFAULT_BUDGET_TEXT = "20s";
    public static final java.time.Duration DEFAULT_BUDGET = dev.adlens.time.Durations.parse(DEFAULT_BUDGET_TEXT);

    /**
     * @param budget the time one image may take; a caller's deadline, when earlier, wins
     * @throws AdlensException MODEL_INVALID when the head was trained on other encoders or dims than these
     */
    public AdLabeler(FeatureExtractor extractor, Head head, Taxonomy taxonomy, java.time.Duration budget)
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
    public Categories categories() {
        return categories;
    }

    public AdLabeler(FeatureExtractor extractor, Head head, Taxonomy taxonomy, java.time.Duration budget,
                     Categories categories) throws AdlensException {
        this(extractor, head, taxonomy, budget, categories, new SafetyAssessor(Policy.builtIn()));
    }

    /**
     * @param safety the brand-safety policy every ad is assessed under (its category rules read the IAB answer: the
     *               taxonomy asked for, or {@link Categories#policyIab()})
     */
    public AdLabeler(FeatureExtractor extractor, Head head, Taxonomy taxonomy, java.time.Duration budget,
                     Categories categories, SafetyAssessor safety) throws AdlensException {
        this.extractor = extractor;
        this.safety = safety;
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
        this.topics = spec.topicIds().stream().map(id -> taxonomy.topic(id).orElseThrow()).toList();
        this.sentiments = spec.sentimentIds().stream().map(id -> taxonomy.sentiment(id).orElseThrow()).toList();
        if (categories.any() && extractor.embedder().sentenceDim() == 0) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "taxonomies and the topic fusion need the text encoder's "
                    + "sentence vector; " + extractor.embedder().name() + " has none");
        }
        this.versions = new ModelVersions(spec.version() + categories.fusion().map(t -> "+" + t.version()).orElse(""),
                vc.version(), extractor.embedder().name(), categories.versions());
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

    /** The head and decision on already extracted features. */
    public AdLabels labels(AdFeatures f) throws AdlensException {
        long start = System.nanoTime();
        HeadOutput out = runHead(head, f);
        Topics t = topics(head.spec(), categories, out, f);
        float[] knowledge = categories.borrows() ? categories.knowledge().orElseThrow().of(t.sentence(), t.pitt()) : null;
        AdSignals signals = new AdSignals(t.sentence(), f.ocr().text(), t.pitt(), knowledge);
        List<TaxonomyLabels> taxonomies = categories.taxonomies().stream().map(x -> x.label(signals)).toList();
        Optional<TaxonomyLabels> iab = taxonomies.stream().filter(x -> x.taxonomy().equals(Policy.TAXONOMY)).findFirst();
        if (iab.isEmpty() && safety.policy().readsCategories() && categories.policyIab().isPresent()) {
            iab = Optional.of(categories.policyIab().get().label(signals));
        }
        // the quality model is wired at merge (issue 32's signals): until then its rules are unmeasured
        Safety verdict = safety.assess(f.visual().adult(), QualityScores.UNMEASURED, iab);
        long headMs = Math.round((System.nanoTime() - start) / 1e6);
        HeadSpec spec = head.spec();
        return new AdLabels(f.image(), Decision.decide(t.probs(), t.thresholds(), topics, t.unclear()),
                Decision.decide(out.sentimentProbs(), spec.sentimentThresholds(), sentiments), t.used(), f.ocr(),
                attention(out.topicModality(), out.topicObjectAttention(), out.topicWordAttention(), t.used().size(), f),
                attention(out.sentimentModality(), out.sentimentObjectAttention(), out.sentimentWordAttention(),
                        t.used().size(), f),
                versions, f.timings().withHead(headMs, f.timings().totalMs() + headMs), taxonomies, t.unclear(),
                verdict);
    }

    /**
     * What the built-in knowledge says of an ad's features (example ads of a taxonomy, read at load): the head, the
     * topic fusion and IAB under {@code builtIns}.
     */
    static float[] knowledge(Head head, Categories builtIns, AdFeatures f) throws AdlensException {
        Topics t = topics(head.spec(), builtIns, runHead(head, f), f);
        return builtIns.knowledge().orElseThrow().of(t.sentence(), t.pitt());
    }

    private static HeadOutput runHead(Head head, AdFeatures f) throws AdlensException {
        HeadSpec spec = head.spec();
        VisualFeatures v = f.visual();
        float[] objects = new float[spec.topL() * spec.objectDim()];
        float[] objectMask = new float[spec.topL()];
        for (int i = 0; i < spec.topL(); i++) {
            System.arraycopy(v.objects()[i], 0, objects, i * spec.objectDim(), spec.objectDim());
            if (v.detections().get(i).score() >= spec.objectScoreThreshold()) {
                objectMask[i] = 1f;
            }
        }
        return head.run(List.of(new HeadInput(v.global(), objects, objectMask, f.words().vectors(),
                f.words().mask(), f.words().sentence()))).get(0);
    }

    /** The Pitt topics of one ad: fused when the fusion is on, and as one unit of probability for bridges. */
    private record Topics(float[] probs, float[] thresholds, boolean unclear, Map<String, Float> pitt,
                          float[] sentence, List<Detection> used) {
    }

    private static Topics topics(HeadSpec spec, Categories categories, HeadOutput out, AdFeatures f) {
        List<Detection> used = new ArrayList<>();
        for (int i = 0; i < spec.topL(); i++) {
            if (f.visual().detections().get(i).score() >= spec.objectScoreThreshold()) {
                used.add(f.visual().detections().get(i));
            }
        }
        float[] topicProbs = out.topicProbs();
        float[] topicThresholds = spec.topicThresholds();
        boolean unclear = false;
        float[] sentence = f.words().sentence();
        if (categories.fusion().isPresent()) {
            TopicFusion fusion = categories.fusion().get();
            TopicFusion.Fused fused = fusion.fuse(topicProbs, spec.topicIds(), sentence, f.words().tokens().size());
            topicProbs = fused.probs();
            topicThresholds = new float[topicProbs.length];
            Arrays.fill(topicThresholds, (float) fusion.selectAt());
            unclear = fused.unclear();
        }
        Map<String, Float> pitt = new HashMap<>();
        double mass = 0;
        for (float p : topicProbs) {
            mass += p;
        }
        for (int i = 0; i < topicProbs.length; i++) { // one unit of probability over the topics, for bridges
            pitt.put(Integer.toString(spec.topicIds().get(i)), (float) (topicProbs[i] / Math.max(mass, 1e-9)));
        }
        return new Topics(topicProbs, topicThresholds, unclear, pitt, sentence, used);
    }

    private static TaskAttention attention(float[] modality, float[] objectWeights, float[] wordWeights, int usedObjects,
                                           AdFeatures f) {
        List<Float> objects = new ArrayList<>();
        for (int i = 0; i < usedObjects; i++) {
            objects.add(objectWeights[i]); // masked-in objects are the top of the score-sorted detections
        }
        List<TaskAttention.WordWeight> words = new ArrayList<>();
        for (int i = 0; i < f.words().tokens().size(); i++) {
            words.add(new TaskAttention.WordWeight(f.words().tokens().get(i), wordWeights[i]));
        }
        return new TaskAttention(modality[0], modality[1], modality[2], objects, words);
    }
}
