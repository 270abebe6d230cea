package dev.adlens.visual;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The contract of {@code visual.onnx} as its metadata states it: input size (the caller stretches the image to
 * {@code width x height}, RGB, uint8, NHWC), output dimensions, detections per image, COCO labels, and the
 * classes of the {@code adult} output (nsfwjs's, in order; empty for a model built without it).
 */
public record VisualContract(String version, int width, int height, int globalDim, int objectDim, int topL,
                             Map<Integer, String> cocoLabels, List<String> adultClasses) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public VisualContract {
        cocoLabels = Map.copyOf(cocoLabels);
        adultClasses = List.copyOf(adultClasses);
        if (!adultClasses.isEmpty() && !adultClasses.equals(AdultScores.CLASSES)) {
            throw new IllegalArgumentException("adult classes " + adultClasses + ", expected " + AdultScores.CLASSES);
        }
    }

    /** A model without the {@code adult} output. */
    public VisualContract(String version, int width, int height, int globalDim, int objectDim, int topL,
                          Map<Integer, String> cocoLabels) {
        this(version, width, height, globalDim, objectDim, topL, cocoLabels, List.of());
    }

    /** Whether the model has the {@code adult} output. */
    public boolean hasAdult() {
        return !adultClasses.isEmpty();
    }

    /** Parses the {@code adlens.*} metadata entries written by models/build/compose_visual.py. */
    public static VisualContract fromMetadata(Map<String, String> meta) throws AdlensException {
        try {
            JsonNode pre = preprocess(meta);
            Map<Integer, String> labels = new TreeMap<>();
            JSON.readTree(require(meta, "adlens.coco_labels")).fields()
                    .forEachRemaining(e -> labels.put(Integer.parseInt(e.getKey()), e.getValue().asText()));
            return new VisualContract(require(meta, "adlens.version"), pre.path("width").asInt(),
                    pre.path("height").asInt(), sumDims(require(meta, "adlens.global_parts")),
                    sumDims(require(meta, "adlens.object_parts")), Integer.parseInt(require(meta, "adlens.top_l")),
                    labels, adultClasses(meta));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "malformed visual metadata: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a model with {@code meta} (the adult second opinion's) takes the same input as this contract: the same
     * preprocessing, size and adult classes.
     *
     * @throws AdlensException MODEL_INVALID naming what differs
     */
    public void requireSameInputAndClasses(String model, Map<String, String> meta) throws AdlensException {
        try {
            JsonNode pre = preprocess(meta);
            if (pre.path("width").asInt() != width || pre.path("height").asInt() != height) {
                throw new AdlensException(ErrorCode.MODEL_INVALID, model + " takes " + pre.path("width").asInt() + "x"
                        + pre.path("height").asInt() + " images, the visual model " + width + "x" + height);
            }
            if (!adultClasses(meta).equals(AdultScores.CLASSES)) {
                throw new AdlensException(ErrorCode.MODEL_INVALID, model + " has adult classes "
                        + meta.get("adlens.adult_classes") + ", expected " + AdultScores.CLASSES);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "malformed metadata in " + model + ": " + e.getMessage(),
                    e);
        }
    }

    /** The {@code adlens.preprocess} entry, checked for what adlens feeds: UINT8 NHWC RGB. */
    private static JsonNode preprocess(Map<String, String> meta)
            throws AdlensException, com.fasterxml.jackson.core.JsonProcessingException {
        JsonNode pre = JSON.readTree(require(meta, "adlens.preprocess"));
        if (!"NHWC".equals(pre.path("layout").asText()) || !"uint8".equals(pre.path("dtype").asText())
                || !"RGB".equals(pre.path("color").asText())) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "unsupported visual preprocessing " + pre);
        }
        return pre;
    }

    /** The {@code adlens.adult_classes} entry (empty where the model has no adult output). */
    private static List<String> adultClasses(Map<String, String> meta)
            throws com.fasterxml.jackson.core.JsonProcessingException {
        List<String> adult = new ArrayList<>();
        if (meta.containsKey("adlens.adult_classes")) {
            JSON.readTree(meta.get("adlens.adult_classes")).forEach(c -> adult.add(c.asText()));
        }
        return adult;
    }

    private static int sumDims(String partsJson) throws com.fasterxml.jackson.core.JsonProcessingException {
        int sum = 0;
        for (JsonNode part : JSON.readTree(partsJson)) {
            sum += part.path("dim").asInt();
        }
        return sum;
    }

    private static String require(Map<String, String> meta, String key) throws AdlensException {
        String v = meta.get(key);
        if (v == null) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "visual model metadata lacks " + key);
        }
        return v;
    }
}
