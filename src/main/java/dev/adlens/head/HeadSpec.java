package dev.adlens.head;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * head.json: the head's input dims, label order (official ids), per-class decision thresholds, the detector score
 * below which objects are masked, and which visual model and word vectors it was trained on. The Java side reads
 * every dimension from here; nothing is typed twice.
 */
public record HeadSpec(String version, int globalDim, int topL, int objectDim, int maxWords, int wordDim,
                       int sentenceDim,
                       float objectScoreThreshold, String visualVersion, String wordVectors,
                       List<Integer> topicIds, List<Integer> sentimentIds,
                       float[] topicThresholds, float[] sentimentThresholds) {
    public HeadSpec {
        topicIds = List.copyOf(topicIds);
        sentimentIds = List.copyOf(sentimentIds);
    }

    /**
     * @throws AdlensException MODEL_INVALID when the file is missing, malformed or inconsistent
     */
    public static HeadSpec read(Path file) throws AdlensException {
        try {
            JsonNode j = new ObjectMapper().readTree(file.toFile());
            if (!"adlens-head-1".equals(j.path("format").asText())) {
                throw new AdlensException(ErrorCode.MODEL_INVALID, file + ": not an adlens-head-1 descriptor");
            }
            JsonNode d = j.path("dims");
            HeadSpec spec = new HeadSpec(j.path("version").asText(), d.path("global").asInt(), d.path("objects").asInt(),
                    d.path("objectDim").asInt(), d.path("words").asInt(), d.path("wordDim").asInt(), d.path("sentence").asInt(0),
                    (float) j.path("objectScoreThreshold").asDouble(), j.path("visual").asText(),
                    j.path("wordVectors").asText(), ints(j.path("topicIds")), ints(j.path("sentimentIds")),
                    floats(j.path("thresholds").path("topic")), floats(j.path("thresholds").path("sentiment")));
            if (spec.topicThresholds.length != spec.topicIds.size()
                    || spec.sentimentThresholds.length != spec.sentimentIds.size() || spec.globalDim <= 0) {
                throw new AdlensException(ErrorCode.MODEL_INVALID, file + ": thresholds do not match the label lists");
            }
            return spec;
        } catch (IOException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asInt()));
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }
}
