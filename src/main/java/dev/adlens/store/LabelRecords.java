package dev.adlens.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.category.CategoryScore;
import dev.adlens.error.ErrorCode;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.LabelJson;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.safety.Safety;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Builds table records from pipeline outcomes, keeping every item under DynamoDB's 400 KB item limit. */
public final class LabelRecords {
    /**
     * Budget for the {@code result} JSON. DynamoDB's limit is 400 KB for the whole item (names + values); the other
     * attributes take well under 4 KB, so 380,000 bytes of result leaves ample room.
     */
    public static final int MAX_RESULT_BYTES = 380_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelRecords() {
    }

    public static String modelVersion(ModelVersions v) {
        return v.head() + "/" + v.visual() + "/" + v.words() + (v.taxonomies().isEmpty() ? "" : "/" + v.taxonomies());
    }

    /** A labeled or failed image. The contract's {@code image} becomes the object's s3:// URI. */
    public static LabelRecord of(ImageRef ref, ObjectMeta meta, LabelOutcome outcome, ModelVersions versions,
                                 String eventTime, Instant now) {
        ObjectNode result = LabelJson.toJson(outcome);
        result.put("image", ref.uri());
        boolean truncated = fitOcr(result, MAX_RESULT_BYTES);
        Optional<LabelRecord.TopLabels> top = Optional.empty();
        String code = null;
        String message = null;
        RecordStatus status;
        if (outcome instanceof LabelOutcome.Labeled labeled) {
            status = RecordStatus.LABELED;
            AdLabels l = labeled.labels();
            ScoredLabel t = l.topics().get(0);
            ScoredLabel s = l.sentiments().get(0);
            Optional<CategoryScore> c = l.taxonomies().stream().findFirst()
                    .flatMap(x -> x.selected().stream().filter(k -> k.tier() == 1).findFirst()
                            .map(k -> new CategoryScore(x.taxonomy() + "/" + k.id(), k.name(),
                                    k.parent(), k.tier(), k.score(), k.similarity(), k.evidence(), true)));
            Safety safety = l.safety();
            top = Optional.of(new LabelRecord.TopLabels(t.key(), round(t.score()), s.key(), round(s.score()),
                    c.map(CategoryScore::id).orElse(null), c.map(k -> round(k.score())).orElse(0.0),
                    safety == null ? null : safety.verdict().key(), safety == null ? 0 : round((float) safety.flags()
                            .stream().mapToDouble(Safety.Flag::score).max().orElse(0))));
        } else {
            LabelOutcome.Failed failed = (LabelOutcome.Failed) outcome;
            status = RecordStatus.FAILED;
            code = failed.code().name();
            message = failed.message();
        }
        return new LabelRecord(ref.uri(), ref.bucket(), ref.key(), meta.versionId(), meta.eTag(), meta.lastModifiedMs(),
                meta.size(), meta.contentType(), status, code, message, modelVersion(versions), top, write(result),
                truncated, eventTime, now.toString(), null);
    }

    /** An object that was never downloaded (not an image, missing, too large): recorded with its reason. */
    public static LabelRecord notLabeled(ImageRef ref, ObjectMeta meta, RecordStatus status, ErrorCode code,
                                         String message, ModelVersions versions, String eventTime, Instant now) {
        LabelOutcome.Failed failed = new LabelOutcome.Failed(ref.uri(), code, message);
        ObjectNode result = LabelJson.toJson(failed);
        if (status == RecordStatus.SKIPPED) {
            result.put("status", RecordStatus.SKIPPED.name());
        }
        return new LabelRecord(ref.uri(), ref.bucket(), ref.key(), meta.versionId(), meta.eTag(), meta.lastModifiedMs(),
                meta.size(), meta.contentType(), status, code.name(), message, modelVersion(versions), Optional.empty(),
                write(result), false, eventTime, now.toString(), null);
    }

    /**
     * Drops OCR words from the end, then shortens the OCR text, until the JSON fits; marks {@code ocrTruncated}.
     * Only OCR can grow without bound (labels, objects and attention are fixed-size).
     */
    static boolean fitOcr(ObjectNode result, int maxBytes) {
        if (bytes(result) <= maxBytes || !result.has("ocr")) {
            return false;
        }
        ObjectNode ocr = (ObjectNode) result.get("ocr");
        ArrayNode words = (ArrayNode) ocr.get("words");
        ocr.put("truncated", true);
        result.put("ocrTruncated", true);
        while (bytes(result) > maxBytes && words != null && !words.isEmpty()) {
            int drop = Math.max(1, words.size() / 4); // word boxes cost more than the text they repeat
            for (int i = 0; i < drop && !words.isEmpty(); i++) {
                words.remove(words.size() - 1);
            }
        }
        int over = bytes(result) - maxBytes;
        if (over > 0) {
            String text = ocr.path("text").asText(""); // keep the start: headlines come first
            ocr.put("text", text.substring(0, Math.max(0, text.length() - over)));
            while (bytes(result) > maxBytes && !ocr.get("text").asText().isEmpty()) {
                String t = ocr.get("text").asText();
                ocr.put("text", t.substring(0, t.length() / 2));
            }
        }
        return true;
    }

    static int bytes(ObjectNode node) {
        return write(node).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double round(float v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
