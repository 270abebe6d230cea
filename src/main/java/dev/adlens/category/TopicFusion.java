package dev.adlens.category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pitt topics from two readers: the trained head (Pitt-like ads, images and objects) and the topic phrases (what real
 * ads of each topic say, {@code pitt-topics} taxonomy). Per topic c the fused logit is
 * {@code headWeight * ln p_head(c) + engineWeight * sim(c) / temperature + bias(c)}, softmax over topics: one answer
 * sharing one unit of probability, with {@code bias} the logit adjustment that removes the head's lean towards Pitt's
 * big classes. Below {@code unclearBelow} the answer is "unclear" (Pitt's topic 39). The weights are fitted by
 * {@code models/train/fit_fusion.py} on training data only (models/head/fusion.json says which).
 */
public final class TopicFusion {
    public static final String FORMAT = "adlens-fusion-1";

    private final CategoryIndex phrases;
    private final String head;
    private final double headWeight;
    private final double engineWeight;
    private final double temperature;
    private final double selectAt;
    private final double unclearBelow;
    private final Map<Integer, Double> bias;
    private final Map<Integer, Integer> phraseOf = new HashMap<>();

    public TopicFusion(CategoryIndex phrases, String head, double headWeight, double engineWeight, double temperature,
                       Map<Integer, Double> bias, double selectAt, double unclearBelow) {
        this.phrases = phrases;
        this.head = head;
        this.headWeight = headWeight;
        this.engineWeight = engineWeight;
        this.temperature = temperature;
        this.bias = Map.copyOf(bias);
        this.selectAt = selectAt;
        this.unclearBelow = unclearBelow;
        List<Category> cats = phrases.taxonomy().categories();
        for (int i = 0; i < cats.size(); i++) {
            phraseOf.put(Integer.parseInt(cats.get(i).id()), i);
        }
    }

    /** The fitted weights in {@code fusion.json} over {@code phrases}. */
    public static TopicFusion read(Path file, CategoryIndex phrases) throws AdlensException {
        try {
            JsonNode j = new ObjectMapper().readTree(file.toFile());
            if (!FORMAT.equals(j.path("format").asText())) {
                throw new AdlensException(ErrorCode.MODEL_INVALID, file + ": not an " + FORMAT + " file");
            }
            Map<Integer, Double> bias = new HashMap<>();
            j.path("bias").fields().forEachRemaining(e -> bias.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
            return new TopicFusion(phrases, j.path("head").asText(), j.path("headWeight").asDouble(),
                    j.path("engineWeight").asDouble(), j.path("temperature").asDouble(), bias,
                    j.path("selectAt").asDouble(), j.path("unclearBelow").asDouble());
        } catch (IOException | RuntimeException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The head version the weights were fitted with. */
    public String head() {
        return head;
    }

    public String version() {
        return phrases.taxonomy().id() + "@" + phrases.taxonomy().version();
    }

    public double selectAt() {
        return selectAt;
    }

    /** The fused topic probabilities in the head's order ({@code topicIds}), and whether the answer is unclear. */
    public Fused fuse(float[] headProbs, List<Integer> topicIds, float[] sentence) {
        float[] sim = phrases.similarities(sentence);
        double[] z = new double[headProbs.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < z.length; i++) {
            int id = topicIds.get(i);
            Integer p = phraseOf.get(id);
            double s = p == null ? 0 : sim[p];
            z[i] = headWeight * Math.log(Math.max(headProbs[i], 1e-4)) + engineWeight * s / temperature
                    + bias.getOrDefault(id, 0.0);
            max = Math.max(max, z[i]);
        }
        double sum = 0;
        for (int i = 0; i < z.length; i++) {
            z[i] = Math.exp(z[i] - max);
            sum += z[i];
        }
        float[] out = new float[z.length];
        float top = 0;
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) (z[i] / sum);
            top = Math.max(top, out[i]);
        }
        return new Fused(out, top < unclearBelow);
    }

    /** Fused probabilities (head order) and the abstention. */
    public record Fused(float[] probs, boolean unclear) {
    }
}
