package dev.adlens.pipeline;

import dev.adlens.category.AdSignals;
import dev.adlens.category.Categories;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.category.TopicFusion;
import dev.adlens.head.HeadOutput;
import dev.adlens.head.HeadSpec;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.Decision;
import dev.adlens.labels.LabelClass;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.TaskAttention;
import dev.adlens.quality.QualityScores;
import dev.adlens.safety.Policy;
import dev.adlens.safety.Safety;
import dev.adlens.safety.SafetyAssessor;
import dev.adlens.visual.Detection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The head's output turned into an ad's labels (the post-processing half of the head, as a DJL translator's): the
 * Pitt topics fused with the topic phrases, one unit of Pitt probability for the bridges, the knowledge vector a
 * user's taxonomy borrows from, every taxonomy, the brand-safety verdict, the decisions and the attention.
 * Immutable and thread-safe.
 */
final class HeadDecoder {
    private final HeadSpec spec;
    private final Categories categories;
    private final List<LabelClass> topics;
    private final List<LabelClass> sentiments;
    private final ModelVersions versions;
    private final SafetyAssessor safety;

    HeadDecoder(HeadSpec spec, Categories categories, List<LabelClass> topics, List<LabelClass> sentiments,
                ModelVersions versions, SafetyAssessor safety) {
        this.safety = safety;
        this.spec = spec;
        this.categories = categories;
        this.topics = List.copyOf(topics);
        this.sentiments = List.copyOf(sentiments);
        this.versions = versions;
    }

    /** The labels of one ad from its features, the head's output on them and its quality scores; the head's time counts from {@code startNanos}. */
    AdLabels decode(AdFeatures f, HeadOutput out, QualityScores quality, long startNanos) {
        Topics t = topics(spec, categories, out, f);
        float[] knowledge = categories.borrows() ? categories.knowledge().orElseThrow().of(t.sentence(), t.pitt()) : null;
        AdSignals signals = new AdSignals(t.sentence(), f.ocr().text(), t.pitt(), knowledge);
        List<TaxonomyLabels> taxonomies = categories.taxonomies().stream().map(x -> x.label(signals)).toList();
        List<TaxonomyLabels> assessed = taxonomies;
        if (taxonomies.stream().noneMatch(x -> x.taxonomy().equals(Policy.TAXONOMY))
                && safety.policy().readsCategories() && categories.policyIab().isPresent()) {
            assessed = new java.util.ArrayList<>(taxonomies);
            assessed.add(categories.policyIab().get().label(signals));
        }
        Safety verdict = safety.assess(f.visual().adult(), quality, assessed);
        long headMs = Math.round((System.nanoTime() - startNanos) / 1e6);
        int used = t.used().size();
        return new AdLabels(f.image(), Decision.decide(t.probs(), t.thresholds(), topics, t.unclear()),
                Decision.decide(out.sentimentProbs(), spec.sentimentThresholds(), sentiments), t.used(), f.ocr(),
                attention(out.topicModality(), out.topicObjectAttention(), out.topicWordAttention(), used, f),
                attention(out.sentimentModality(), out.sentimentObjectAttention(), out.sentimentWordAttention(), used,
                        f),
                versions, f.timings().withHead(headMs, f.timings().totalMs() + headMs), taxonomies, t.unclear(),
                quality, f.visual().adult(), verdict);
    }

    /**
     * What the built-in knowledge ({@code builtIns}: the topic fusion and IAB) says of an ad, from the head's output
     * on it: the vector a user's taxonomy borrows through (for its example ads, read at load).
     */
    static float[] knowledge(HeadSpec spec, Categories builtIns, HeadOutput out, AdFeatures f) {
        Topics t = topics(spec, builtIns, out, f);
        return builtIns.knowledge().orElseThrow().of(t.sentence(), t.pitt());
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
