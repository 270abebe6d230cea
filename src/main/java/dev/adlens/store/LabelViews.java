package dev.adlens.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** How a stored record is shown (CLI `get`, API): the output contract plus where it came from; summaries for lists. */
public final class LabelViews {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelViews() {
    }

    public static ObjectNode full(LabelRecord r) {
        try {
            ObjectNode out = r.result() == null ? JSON.createObjectNode() : (ObjectNode) JSON.readTree(r.result());
            ObjectNode source = out.putObject("source").put("bucket", r.bucket()).put("key", r.key())
                    .put("eTag", r.eTag()).put("objectModified", r.objectModified()).put("labeledAt", r.labeledAt());
            if (r.versionId() != null) {
                source.put("versionId", r.versionId());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode summary(LabelRecord r) {
        ObjectNode o = JSON.createObjectNode().put("image", r.image()).put("bucket", r.bucket()).put("key", r.key());
        r.top().ifPresent(t -> {
            o.put("topic", t.topic()).put("topicScore", t.topicScore()).put("sentiment", t.sentiment())
                    .put("sentimentScore", t.sentimentScore());
            if (t.category() != null) {
                o.put("category", t.category()).put("categoryScore", t.categoryScore());
            }
            if (t.verdict() != null) {
                o.put("verdict", t.verdict()).put("verdictScore", t.verdictScore());
            }
        });
        return o.put("modelVersion", r.modelVersion()).put("labeledAt", r.labeledAt());
    }
}
