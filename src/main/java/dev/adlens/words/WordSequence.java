package dev.adlens.words;

import java.util.Arrays;
import java.util.List;

/**
 * The head's text input for one image: up to {@code capacity} words in reading order, their vectors packed row-major
 * into {@code vectors [capacity * dim]} (rows past {@code tokens.size()} are zero and masked), a sentence vector for
 * the whole text ({@code sentence [sentenceDim]}, zero when there is no text; empty for embedders without one), and
 * how many OCR tokens could not be used. {@link #toString()} leaves vectors out.
 */
public record WordSequence(List<String> tokens, float[] vectors, int capacity, int dim, int oovCount, float[] sentence) {
    public WordSequence {
        tokens = List.copyOf(tokens);
        if (vectors.length != capacity * dim || tokens.size() > capacity) {
            throw new IllegalArgumentException("vectors do not match " + capacity + "x" + dim);
        }
    }

    /** A sequence without a sentence vector (frozen word vectors). */
    public WordSequence(List<String> tokens, float[] vectors, int capacity, int dim, int oovCount) {
        this(tokens, vectors, capacity, dim, oovCount, new float[0]);
    }

    /** 1 for each real token row, 0 for padding: the head's {@code word_mask}. */
    public float[] mask() {
        float[] mask = new float[capacity];
        Arrays.fill(mask, 0, tokens.size(), 1f);
        return mask;
    }

    @Override
    public String toString() {
        return "WordSequence[" + tokens.size() + "/" + capacity + " tokens, oov=" + oovCount + "]";
    }
}
