package dev.adlens.head;

/**
 * What the head says about one image: probabilities in label order (head.json's ids) and, per task, the modality
 * weights (image, objects, text), the object weights [L] and the word weights [M] behind them.
 */
public record HeadOutput(float[] topicProbs, float[] sentimentProbs, float[] topicModality, float[] sentimentModality,
                         float[] topicObjectAttention, float[] topicWordAttention,
                         float[] sentimentObjectAttention, float[] sentimentWordAttention) {
}
