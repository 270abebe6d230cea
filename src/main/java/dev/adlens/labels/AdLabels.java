package dev.adlens.labels;

import dev.adlens.ocr.OcrResult;
import dev.adlens.visual.Detection;
import java.util.List;

/**
 * The labels of one ad and the evidence behind them (DESIGN "output contract"): every topic and sentiment, highest
 * score first; the objects the head used; the OCR words; the attention; model versions; timings.
 */
public record AdLabels(String image, List<ScoredLabel> topics, List<ScoredLabel> sentiments, List<Detection> objects,
                       OcrResult ocr, TaskAttention topicAttention, TaskAttention sentimentAttention,
                       ModelVersions models, StageTimings timings) {
    public AdLabels {
        topics = List.copyOf(topics);
        sentiments = List.copyOf(sentiments);
        objects = List.copyOf(objects);
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
