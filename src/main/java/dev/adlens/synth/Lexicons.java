package dev.adlens.synth;

import dev.adlens.labels.LabelClass;
import dev.adlens.words.WordVectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Per-class word lists: the words of each official label name, expanded with their nearest GloVe neighbours
 * (cosine, among the {@code searchRows} most frequent words so that rare noise does not enter ad copy).
 */
public final class Lexicons {
    private static final Set<String> STOP = Set.of("and", "or", "the", "of", "for", "to", "a", "in", "on", "etc",
            "e.g", "eg", "other", "such", "as", "with", "not", "support", "opposition", "own");

    private Lexicons() {
    }

    public static Map<Integer, List<String>> build(List<LabelClass> classes, WordVectors vectors, int neighbours,
                                                   int searchRows) {
        int dim = vectors.dim();
        int rows = Math.min(searchRows, vectors.size());
        float[] matrix = new float[rows * dim];
        float[] norms = new float[rows];
        for (int r = 0; r < rows; r++) {
            vectors.copyVector(r, matrix, r * dim);
            norms[r] = norm(matrix, r * dim, dim);
        }
        Map<Integer, List<String>> out = new TreeMap<>();
        for (LabelClass c : classes) {
            Set<String> words = new LinkedHashSet<>();
            for (String w : seedWords(c)) {
                if (vectors.index(w).isEmpty()) {
                    continue;
                }
                words.add(w);
                words.addAll(nearest(vectors, w, matrix, norms, rows, neighbours));
            }
            out.put(c.id(), List.copyOf(words));
        }
        return out;
    }

    static List<String> seedWords(LabelClass c) {
        List<String> seeds = new ArrayList<>();
        for (String w : (c.name() + " " + c.key()).toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (w.length() > 2 && !STOP.contains(w)) {
                seeds.add(w);
            }
        }
        return seeds;
    }

    private static List<String> nearest(WordVectors vectors, String word, float[] matrix, float[] norms, int rows,
                                        int k) {
        int dim = vectors.dim();
        float[] q = new float[dim];
        vectors.copyVector(vectors.index(word).getAsInt(), q, 0);
        float qn = norm(q, 0, dim);
        int[] best = new int[k];
        float[] bestScore = new float[k];
        Arrays.fill(bestScore, -2f);
        for (int r = 0; r < rows; r++) {
            float dot = 0;
            for (int i = 0; i < dim; i++) {
                dot += q[i] * matrix[r * dim + i];
            }
            float cos = dot / (qn * norms[r] + 1e-9f);
            if (cos > bestScore[k - 1] && !vectors.word(r).equals(word)) {
                int pos = k - 1;
                while (pos > 0 && bestScore[pos - 1] < cos) {
                    bestScore[pos] = bestScore[pos - 1];
                    best[pos] = best[pos - 1];
                    pos--;
                }
                bestScore[pos] = cos;
                best[pos] = r;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            String w = vectors.word(best[i]);
            if (bestScore[i] > 0.5f && w.chars().allMatch(Character::isLetter)) {
                out.add(w);
            }
        }
        return out;
    }

    private static float norm(float[] v, int off, int dim) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += v[off + i] * v[off + i];
        }
        return (float) Math.sqrt(s);
    }
}
