package dev.adlens.category;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link SentenceEncoder} for unit tests: hashed bag of lower-cased words, L2-normalised, so texts that share words
 * are close and texts that share none are orthogonal (what the engine's logic needs, without a model). Counts calls.
 */
final class BagOfWordsEncoder implements SentenceEncoder {
    static final int DIM = 256;
    int texts;

    @Override
    public List<float[]> encode(List<String> in) {
        List<float[]> out = new ArrayList<>();
        for (String t : in) {
            texts++;
            out.add(vector(t));
        }
        return out;
    }

    static float[] vector(String text) {
        float[] v = new float[DIM];
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (!w.isEmpty()) {
                v[Math.floorMod(w.hashCode(), DIM)] += 1;
            }
        }
        return Vectors.unit(v);
    }

    @Override
    public String name() {
        return "bag-of-words-test";
    }
}
