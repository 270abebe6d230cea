package dev.adlens.labels;

import dev.adlens.category.TaxonomyLabels;
import dev.adlens.ocr.OcrResult;
import dev.adlens.quality.QualityScores;
import dev.adlens.safety.Safety;
import dev.adlens.visual.AdultScores;
import dev.adlens.visual.Detection;
import java.util.List;
import java.util.Objects;

/**
 * The labels of one ad and the evidence behind them (DESIGN "output contract"): every topic and sentiment, highest
 * score first; the objects the head used; the OCR words; the attention; model versions; timings; the answer in each
 * taxonomy asked for; whether the topic evidence was too weak to choose ({@code topicUnclear}: Pitt's topic 39,
 * no topic selected); what viewers would think of the ad ({@code quality}, {@link QualityScores#UNMEASURED} without
 * a quality model) and what the NSFW classifier says of the picture ({@code adult}, {@link AdultScores#UNMEASURED}
 * where the visual encoder has no such output); and the brand-safety verdict under the labeler's policy
 * ({@code safety}: null only for labels made outside the labeler, which no policy assessed).
 */
public record AdLabels(String image, List<ScoredLabel> topics, List<ScoredLabel> sentiments, List<Detection> objects,
                       OcrResult ocr, TaskAttention topicAttention, TaskAttention sentimentAttention,
                       ModelVersions models, StageTimings timings, List<TaxonomyLabels> taxonomies,
                       boolean topicUnclear, QualityScores quality, AdultScores adult, Safety safety) {
    public AdLabels {
        topics = List.copyOf(topics);
        sentiments = List.copyOf(sentiments);
        objects = List.copyOf(objects);
        taxonomies = List.copyOf(taxonomies);
        Objects.requireNonNull(quality, "quality (QualityScores.UNMEASURED without a model)");
        Objects.requireNonNull(adult, "adult (AdultScores.UNMEASURED without the output)");
    }

    /** Labels no policy assessed, without the quality and adult signals (both unmeasured). */
    public AdLabels(String image, List<ScoredLabel> topics, List<ScoredLabel> sentiments, List<Detection> objects,
                    OcrResult ocr, TaskAttention topicAttention, TaskAttention sentimentAttention,
                    ModelVersions models, StageTimings timings, List<TaxonomyLabels> taxonomies,
                    boolean topicUnclear) {
        this(image, topics, sentiments, objects, ocr, topicAttention, sentimentAttention, models, timings, taxonomies,
                topicUnclear, QualityScores.UNMEASURED, AdultScores.UNMEASURED, null);
    }

    /** Labels without taxonomies and with a topic chosen. */
    public AdLabels(String image, List<ScoredLabel> topics, List<ScoredLabel> sentiments, List<Detection> objects,
                    OcrResult ocr, TaskAttention topicAttention, TaskAttention sentimentAttention,
                    ModelVersions models, StageTimings timings) {
        this(image, topics, sentiments, objects, ocr, topicAttention, sentimentAttention, models, timings, List.of(),
                false, QualityScores.UNMEASURED, AdultScores.UNMEASURED, null);
    }

    public List<ScoredLabel> selectedTopics() {
        return topics.stream().filter(ScoredLabel::selected).toList();
    }

    public List<ScoredLabel> selectedSentiments() {
        return sentiments.stream().filter(ScoredLabel::selected).toList();
    }

    @Override
    public String toString() {
        return "AdLabels[" + image + ", topics=" + selectedTopics().stream().map(ScoredLabel::key).toList()
                + ", sentiments=" + selectedSentiments().stream().map(ScoredLabel::key).toList()
                + (safety == null ? "" : ", verdict=" + safety.verdict().key()) + "]";
    }
}
