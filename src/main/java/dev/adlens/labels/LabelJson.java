package dev.adlens.labels;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.ocr.OcrWord;
import dev.adlens.visual.Detection;
import java.util.List;

/** The DESIGN output contract as JSON; one place, shared by the CLI, the API and the DynamoDB item. */
public final class LabelJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelJson() {
    }

    public static ObjectNode toJson(LabelOutcome outcome) {
        ObjectNode root = head("image", outcome);
        if (!(outcome instanceof LabelOutcome.Labeled labeled)) {
            return root;
        }
        AdLabels l = labeled.labels();
        ArrayNode objects = root.putArray("objects");
        for (Detection d : l.objects()) {
            ObjectNode o = objects.addObject().put("label", d.label()).put("score", round(d.score()));
            o.putArray("box").add(round(d.x1())).add(round(d.y1())).add(round(d.x2())).add(round(d.y2()));
        }
        ObjectNode ocr = root.putObject("ocr");
        ocr.put("text", l.ocr().text());
        ArrayNode words = ocr.putArray("words");
        for (OcrWord w : l.ocr().words()) {
            words.addObject().put("text", w.text()).put("confidence", Math.round(w.confidence() * 10) / 10.0)
                    .putArray("box").add(w.x()).add(w.y()).add(w.width()).add(w.height());
        }
        ObjectNode attention = root.putObject("attention");
        attention.set("topic", attention(l.topicAttention()));
        attention.set("sentiment", attention(l.sentimentAttention()));
        root.putObject("model").put("head", l.models().head()).put("visual", l.models().visual())
                .put("words", l.models().words());
        StageTimings t = l.timings();
        root.putObject("timingsMs").put("decode", t.decodeMs()).put("visual", t.visualMs()).put("ocr", t.ocrMs())
                .put("words", t.wordsMs()).put("head", t.headMs()).put("total", t.totalMs());
        return root;
    }

    /**
     * A text ad's outcome (no image): {@code id} instead of {@code image}, the input words under {@code text}, and no
     * objects, OCR boxes or image timings; attention and models as for an image.
     */
    public static ObjectNode toTextJson(LabelOutcome outcome) {
        ObjectNode root = head("id", outcome);
        if (!(outcome instanceof LabelOutcome.Labeled labeled)) {
            return root;
        }
        AdLabels l = labeled.labels();
        root.putObject("text").put("text", l.ocr().text()).put("words", l.ocr().words().size());
        ObjectNode attention = root.putObject("attention");
        attention.set("topic", attention(l.topicAttention()).without(List.of("objectWeights")));
        attention.set("sentiment", attention(l.sentimentAttention()).without(List.of("objectWeights")));
        root.putObject("model").put("head", l.models().head()).put("words", l.models().words());
        StageTimings t = l.timings();
        root.putObject("timingsMs").put("words", t.wordsMs()).put("head", t.headMs()).put("total", t.totalMs());
        return root;
    }

    /** The input's name under {@code idField}, the status, and the error or every topic and sentiment. */
    private static ObjectNode head(String idField, LabelOutcome outcome) {
        ObjectNode root = JSON.createObjectNode();
        root.put(idField, outcome.image());
        if (outcome instanceof LabelOutcome.Failed failed) {
            root.put("status", "FAILED");
            root.putObject("error").put("code", failed.code().name()).put("message", failed.message());
            return root;
        }
        AdLabels l = ((LabelOutcome.Labeled) outcome).labels();
        root.put("status", "LABELED");
        root.set("topics", labels(l.topics()));
        root.set("sentiments", labels(l.sentiments()));
        return root;
    }

    private static ArrayNode labels(List<ScoredLabel> labels) {
        ArrayNode a = JSON.createArrayNode();
        for (ScoredLabel s : labels) {
            a.addObject().put("id", s.id()).put("key", s.key()).put("name", s.name()).put("score", round(s.score()))
                    .put("selected", s.selected());
        }
        return a;
    }

    private static ObjectNode attention(TaskAttention a) {
        ObjectNode o = JSON.createObjectNode().put("image", round(a.image())).put("objects", round(a.objects()))
                .put("text", round(a.text()));
        ArrayNode objects = o.putArray("objectWeights");
        a.objectWeights().forEach(w -> objects.add(round(w)));
        ArrayNode words = o.putArray("wordWeights");
        a.wordWeights().forEach(w -> words.addObject().put("token", w.token()).put("weight", round(w.weight())));
        return o;
    }

    private static double round(float v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
