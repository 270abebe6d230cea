package dev.adlens.words;

import java.util.List;

/**
 * The head's text input for one image: up to {@code capacity} in-vocabulary tokens in reading order, their vectors
 * packed row-major into {@code vectors [capacity * dim]} (rows past {@code tokens.size()} are zero and masked), and
 * how many OCR tokens were out of vocabulary. {@link #toString()} leaves vectors out.
 */
public record WordSequence(List<String> tokens, float[] vectors, int capacity, int dim, int oovCount) {
    public WordSequence {
        tokens = List.copyOf(tokens);
        if (vectors.length != capacity * dim || tokens.size() > capacity) {
            throw new IllegalArgumentException("vectors do not match " + capacity + "x" + dim);
        }
    }

    /** 1 for each real token row, 0 for padding: the head's {@code word_mask}. */
    public float[] mask() {
        float[] mask = new float[capacity];
        java.util.Arrays.fill(mask, 0, tokens.size(), 1f);
        return mask;
    }

    @Override
    public String toString() {
        return "WordSequence[" + tokens.size() + "/" + capacity + " tokens, oov=" + oovCount + "]";
    }
}
