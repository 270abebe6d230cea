package dev.adlens.labels;

import dev.adlens.category.TaxonomyLabels;
import dev.adlens.ocr.OcrResult;
import dev.adlens.visual.Detection;
import java.util.List;

/**
 * The labels of one ad and the evidence behind them (DESIGN "output contract"): every topic and sentiment, highest
 * score first; the objects the head used; the OCR words; the attention; model versions; timings; the answer in each
 * taxonomy asked for; and whether the topic evidence was too weak to choose ({@code topicUnclear}: Pitt's topic 39,
 * no topic selected).
 */
public record AdLabels(String image, List<ScoredLabel> topics, List<ScoredLabel> sentiments, List<Detection> objects,
                       OcrResult ocr, TaskAttention topicAttention, TaskAttention sentimentAttention,
                       ModelVersions models, StageTimings timings, List<TaxonomyLabels> taxonomies,
                       boolean topicUnclear) {
    public AdLabels {
        topics = List.copyOf(topics);
        sentiments = List.copyOf(sentiments);
        objects = List.copyOf(objects);
        taxonomies = List.copyOf(taxonomies);
    }

    /** Labels without taxonomies and with a topic chosen. */
    public AdLabels(String image, List<ScoredLabel> topics, List<ScoredLabel> sentiments, List<Detection> objects,
                    OcrResult ocr, TaskAttention topicAttention, TaskAttention sentimentAttention,
                    ModelVersions models, StageTimings timings) {
        this(image, topics, sentiments, objects, ocr, topicAttention, sentimentAttention, models, timings, List.of(),
                false);
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
                + ", sentiments=" + selectedSentiments().stream().map(ScoredLabel::key).toList() + "]";
    }
}
