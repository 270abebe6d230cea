package dev.adlens.labels;

import java.util.List;

/**
 * Why a task decided as it did: the weights of the three modalities (sum to 1 over present modalities), of each
 * used object (in detection order) and of each word token (in reading order).
 */
public record TaskAttention(float image, float objects, float text, List<Float> objectWeights,
                            List<WordWeight> wordWeights) {
    public TaskAttention {
        objectWeights = List.copyOf(objectWeights);
        wordWeights = List.copyOf(wordWeights);
    }

    public record WordWeight(String token, float weight) {
    }
}
