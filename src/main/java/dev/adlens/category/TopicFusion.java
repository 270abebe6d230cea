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
 * ads of each topic say, and the prototypes of web-ads train ads where a topic has them: the {@code pitt-topics}
 * taxonomy). Each reader's answer is a distribution over the topics (the head's probabilities renormalised, with the
 * logit adjustment {@code bias} against its lean to Pitt's big classes; the phrases' softmax of similarity /
 * {@code temperature}); they are mixed with weights that say how likely each reader is to be right on this ad — a
 * logistic gate over its own confidence (the head: top probability, its share, its margin; the phrases: top
 * similarity, margin, how many words were read, fewer than five words). So a confident head keeps a Pitt-like ad,
 * words that clearly name a product win on a real web ad, and an ad with almost no words is left to the head. Below
 * {@code unclearBelow} the answer is "unclear" (Pitt's topic 39). Everything is fitted by
 * {@code models/train/fit_fusion.py} on training data only (models/head/fusion.json says which).
 */
public final class TopicFusion {
    public static final String FORMAT = "adlens-fusion-2";
    /** Words read at which the phrases' gate stops growing with more. */
    static final int WORDS_SATURATE = 20;
    /** Fewer words than this: the phrases have almost nothing to read. */
    static final int FEW_WORDS = 5;

    private final CategoryIndex phrases;
    private final String head;
    private final double temperature;
    private final double[] headGate;
    private final double[] phraseGate;
    private final double selectAt;
    private final double unclearBelow;
    private final Map<Integer, Double> bias;
    private final Map<Integer, Integer> phraseOf = new HashMap<>();

    /**
     * @param headGate   4 weights: bias, top probability, its share of the sum, margin over the second
     * @param phraseGate 5 weights: bias, top similarity, margin over the second, min(words, 20) / 20, words &lt; 5
     */
    public TopicFusion(CategoryIndex phrases, String head, double temperature, double[] headGate, double[] phraseGate,
                       Map<Integer, Double> bias, double selectAt, double unclearBelow) {
        if (headGate.length != 4 || phraseGate.length != 5 || !(temperature > 0)) {
            throw new IllegalArgumentException("fusion: 4 head gate weights, 5 phrase gate weights, temperature > 0");
        }
        this.phrases = phrases;
        this.head = head;
        this.temperature = temperature;
        this.headGate = headGate.clone();
        this.phraseGate = phraseGate.clone();
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
            return new TopicFusion(phrases, j.path("head").asText(), j.path("temperature").asDouble(),
                    doubles(j.path("headGate")), doubles(j.path("phraseGate")), bias, j.path("selectAt").asDouble(),
                    j.path("unclearBelow").asDouble());
        } catch (IOException | RuntimeException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static double[] doubles(JsonNode a) {
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).asDouble();
        }
        return out;
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

    /**
     * The fused topic probabilities in the head's order ({@code topicIds}), and whether the answer is unclear.
     *
     * @param words how many words the ad's text had (the sentence vector's evidence)
     */
    public Fused fuse(float[] headProbs, List<Integer> topicIds, float[] sentence, int words) {
        float[] sim = phrases.similarities(sentence);
        int n = headProbs.length;
        double[] h = new double[n];
        double[] s = new double[n];
        double headSum = 0;
        double rawSum = 0;
        for (int i = 0; i < n; i++) {
            int id = topicIds.get(i);
            Integer p = phraseOf.get(id);
            s[i] = p == null ? -1 : sim[p];
            h[i] = headProbs[i] * Math.exp(bias.getOrDefault(id, 0.0));
            headSum += h[i];
            rawSum += headProbs[i];
        }
        double[] hTop = top2(headProbs);
        double[] sTop = top2(s);
        double gh = sigmoid(headGate[0] + headGate[1] * hTop[0] + headGate[2] * hTop[0] / Math.max(rawSum, 1e-9)
                + headGate[3] * (hTop[0] - hTop[1]));
        double gp = sigmoid(phraseGate[0] + phraseGate[1] * sTop[0] + phraseGate[2] * (sTop[0] - sTop[1])
                + phraseGate[3] * Math.min(words, WORDS_SATURATE) / (double) WORDS_SATURATE
                + phraseGate[4] * (words < FEW_WORDS ? 1 : 0));
        double eSum = 0;
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = Math.exp((s[i] - sTop[0]) / temperature);
            eSum += e[i];
        }
        float[] out = new float[n];
        float best = 0;
        for (int i = 0; i < n; i++) {
            out[i] = (float) ((gh * h[i] / Math.max(headSum, 1e-12) + gp * e[i] / eSum) / (gh + gp));
            best = Math.max(best, out[i]);
        }
        return new Fused(out, best < unclearBelow);
    }

    private static double[] top2(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return top2(d);
    }

    private static double[] top2(double[] v) {
        double a = Double.NEGATIVE_INFINITY;
        double b = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            if (x > a) {
                b = a;
                a = x;
            } else if (x > b) {
                b = x;
            }
        }
        return new double[] {a, b == Double.NEGATIVE_INFINITY ? a : b};
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Fused probabilities (head order) and the abstention. */
    public record Fused(float[] probs, boolean unclear) {
    }
}
