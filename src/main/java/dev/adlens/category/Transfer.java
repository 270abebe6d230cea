package dev.adlens.category;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a taxonomy of the user's borrows from adlens's {@link Knowledge}. At load every user category is aligned with
 * every built-in entry (the best cosine between the category's texts, as one direction, and any of the entry's texts);
 * for each built-in entry k the alignments, softmaxed over the user's categories and "none of them" (a sink aligned at
 * {@link TransferSettings#alignedFrom()}: a taxonomy need not cover everything an ad may be), say how its
 * probability divides among them: P(u | k). Example ads, when a category has them, add what the built-in answers
 * said of them (their knowledge vectors, averaged). On an ad, the borrowed probability of u is
 * M(u) = Σ_k P(k | ad) · P(u | k) (Pitt topics weighted by {@code pittWeight}), and the category's similarity gains
 * {@code weight · log M(u)}. A category that aligns with nothing (best alignment below {@code alignedFrom}, or
 * {@code "alignTo": []}) borrows nothing: it gains what "none of them" got — high on an ad the aligned categories do
 * not describe, low on one they do — and keeps its own zero-shot evidence. Immutable and thread-safe.
 */
public final class Transfer {
    /** Borrowed probability floor (keeps the log finite). */
    private static final double FLOOR = 1e-6;
    /** Built-in probabilities below this are skipped per ad (IAB's 583 are mostly ~0). */
    private static final float NEGLIGIBLE = 1e-5f;
    /** Categories aligned together (their directions stay in cache while each built-in text is read). */
    private static final int BLOCK = 16;

    private final Knowledge knowledge;
    private final TransferSettings settings;
    private final List<String> ids;
    private final float[][] alignment; // [user][entry]
    private final float[][] share;     // [entry][user]: P(u | k)
    private final float[] lambda;      // [user]: how fully the category borrows
    private final boolean[] fromExamples;

    private Transfer(Knowledge knowledge, TransferSettings settings, List<String> ids, float[][] alignment,
                     float[][] share, float[] lambda, boolean[] fromExamples) {
        this.knowledge = knowledge;
        this.settings = settings;
        this.ids = ids;
        this.alignment = alignment;
        this.share = share;
        this.lambda = lambda;
        this.fromExamples = fromExamples;
    }

    /**
     * Aligns {@code user}'s categories with {@code knowledge} as its taxonomy's {@code transfer} settings say.
     *
     * @param examples per category id, the knowledge vectors of its example ads (images through the whole pipeline,
     *                 texts through the text path); categories without examples are absent
     * @throws AdlensException TAXONOMY_INVALID for an {@code alignTo} entry that names no built-in category
     */
    public static Transfer align(CategoryIndex user, Knowledge knowledge, Map<String, List<float[]>> examples)
            throws AdlensException {
        CategoryTaxonomy t = user.taxonomy();
        TransferSettings s = t.transfer();
        int users = user.size();
        int k = knowledge.size();
        Map<String, Integer> keyIndex = new HashMap<>();
        for (int i = 0; i < k; i++) {
            keyIndex.put(knowledge.key(i), i);
        }
        float[][] a = new float[users][];
        float[] lambda = new float[users];
        List<String> ids = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            String id = t.categories().get(u).id();
            ids.add(id);
            List<String> to = s.alignTo().get(id);
            if (to != null) {
                boolean[] listed = new boolean[k];
                for (String key : to) {
                    Integer e = keyIndex.get(key);
                    if (e == null) {
                        throw new AdlensException(ErrorCode.TAXONOMY_INVALID, "taxonomy " + t.id() + ": category " + id
                                + " alignTo " + key + ": no such built-in category");
                    }
                    listed[e] = true;
                }
                a[u] = listedAlignment(knowledge, listed);
                lambda[u] = to.isEmpty() ? 0f : 1f;
            }
        }
        // the automatic alignments: every category against every built-in text (~10^6 dot products for 1,000
        // categories), in blocks of categories that share each read of a built-in text, on the common pool's threads
        int[] automatic = IntStream.range(0, users).filter(u -> a[u] == null).toArray();
        IntStream.range(0, (automatic.length + BLOCK - 1) / BLOCK).parallel().forEach(b -> {
            int[] block = Arrays.copyOfRange(automatic, b * BLOCK, Math.min(automatic.length, (b + 1) * BLOCK));
            float[][] aligned = knowledge.alignment(Arrays.stream(block).mapToObj(user::direction)
                    .toArray(float[][]::new));
            for (int j = 0; j < block.length; j++) {
                int u = block[j];
                a[u] = aligned[j];
                float best = -1;
                for (float x : a[u]) {
                    best = Math.max(best, x);
                }
                double ramp = (best - s.alignedFrom()) / (s.alignedAt() - s.alignedFrom());
                lambda[u] = (float) Math.max(0, Math.min(1, ramp));
            }
        });
        float[][] share = new float[k][users + 1]; // the last column: none of the user's categories
        for (int e = 0; e < k; e++) {
            double max = s.alignedFrom();
            for (int u = 0; u < users; u++) {
                if (lambda[u] > 0) {
                    max = Math.max(max, a[u][e]);
                }
            }
            double sum = share[e][users] = (float) Math.exp((s.alignedFrom() - max) / s.temperature());
            for (int u = 0; u < users; u++) {
                if (lambda[u] > 0) {
                    share[e][u] = (float) Math.exp((a[u][e] - max) / s.temperature());
                    sum += share[e][u];
                }
            }
            for (int u = 0; u <= users; u++) {
                share[e][u] /= (float) sum;
            }
        }
        boolean[] fromExamples = new boolean[users];
        if (s.exampleShare() > 0 && !examples.isEmpty()) {
            float[][] seen = new float[k][users + 1]; // what the built-in answers said of each category's examples
            for (int u = 0; u < users; u++) {
                List<float[]> ex = examples.getOrDefault(ids.get(u), List.of());
                if (ex.isEmpty() || lambda[u] == 0) {
                    continue;
                }
                fromExamples[u] = true;
                for (float[] v : ex) {
                    for (int e = 0; e < k; e++) {
                        seen[e][u] += v[e] / ex.size();
                    }
                }
            }
            // The examples re-divide only what their categories may claim of each entry: their own share and, in
            // proportion to how many of the borrowing categories have examples, the "none of them" sink's. When every
            // one has examples that is the whole entry (the mixing the defaults were fitted with); when only some
            // do, the others keep what they borrow — a per-entry normalisation over the categories with examples
            // alone would hand one category with a single example ad most of every entry (any ad's knowledge vector
            // is positive everywhere), and it would win almost every ad.
            int borrowing = 0;
            int taught = 0;
            for (int u = 0; u < users; u++) {
                borrowing += lambda[u] > 0 ? 1 : 0;
                taught += fromExamples[u] ? 1 : 0;
            }
            double sinkPart = taught == 0 ? 0 : (double) taught / borrowing;
            for (int e = 0; e < k && taught > 0; e++) {
                double sum = 0;
                for (float x : seen[e]) {
                    sum += x;
                }
                if (sum <= 0) {
                    continue;
                }
                double pool = 1;
                if (taught < borrowing) {
                    pool = sinkPart * share[e][users];
                    for (int u = 0; u < users; u++) {
                        pool += fromExamples[u] ? share[e][u] : 0;
                    }
                }
                for (int u = 0; u <= users; u++) {
                    if (u == users || fromExamples[u] || taught == borrowing) {
                        double kept = u == users && taught < borrowing ? share[e][u] * (1 - sinkPart) : 0;
                        share[e][u] = (float) (kept + (1 - s.exampleShare()) * (share[e][u] - kept)
                                + s.exampleShare() * pool * seen[e][u] / sum);
                    }
                }
            }
        }
        return new Transfer(knowledge, s, List.copyOf(ids), a, share, lambda, fromExamples);
    }

    /**
     * A category's alignment from its {@code alignTo} list: 1 for each listed entry and, for a listed IAB category,
     * its whole subtree less {@link #INHERITED_STEP} per tier below it (the nearest listed ancestor counts); -1
     * elsewhere. An ad's IAB probability sits at every tier of its answer (a tier-1 category's is shared among its
     * children), so a category listing only "iab:1551" must also take what goes to Vehicles' SUVs and Motorcycles, or
     * most of an ad's IAB evidence would go to "none of them".
     */
    private static float[] listedAlignment(Knowledge knowledge, boolean[] listed) {
        float[] a = new float[listed.length];
        for (int e = 0; e < listed.length; e++) {
            a[e] = -1f;
            int steps = 0;
            for (int x = e; x >= 0; x = knowledge.parent(x), steps++) {
                if (listed[x]) {
                    a[e] = 1f - INHERITED_STEP * steps;
                    break;
                }
            }
        }
        return a;
    }

    /**
     * How much less an entry inherited from a listed ancestor aligns per tier, so that when two categories claim it,
     * the one that listed it more specifically takes it (~92 % at the default temperature, 0.04).
     */
    static final float INHERITED_STEP = 0.1f;

    /** Per user category, what it gains on an ad with this knowledge vector (see the class comment). */
    public float[] evidence(float[] adKnowledge) {
        return Arrays.copyOf(evidenceAndNone(adKnowledge), lambda.length);
    }

    /**
     * {@link #evidence}, and last what "none of them" gains: {@code weight · log} of the share of the ad's built-in
     * answers that no category aligned with (what a taxonomy that does not cover every ad sets against its categories;
     * a category that borrows nothing gains the same, so it competes with "none of them" on its own evidence alone).
     */
    public float[] evidenceAndNone(float[] adKnowledge) {
        int users = lambda.length;
        double[] m = borrowed(adKnowledge);
        double total = 0;
        for (double x : m) {
            total += x;
        }
        float[] out = new float[users + 1];
        if (!(total > 0) || Double.isInfinite(total)) { // nothing known of the ad (or a broken knowledge vector)
            return out;
        }
        double none = Math.log(m[users] / total + FLOOR);
        for (int u = 0; u < users; u++) {
            out[u] = (float) (settings.weight() * (lambda[u] * Math.log(m[u] / total + FLOOR) + (1 - lambda[u]) * none));
        }
        out[users] = (float) (settings.weight() * none);
        return out;
    }

    private double[] borrowed(float[] adKnowledge) {
        double[] m = new double[lambda.length + 1];
        for (int e = 0; e < adKnowledge.length; e++) {
            double p = adKnowledge[e] * (knowledge.isPitt(e) ? settings.pittWeight() : 1.0);
            if (p < NEGLIGIBLE) {
                continue;
            }
            float[] row = share[e];
            for (int u = 0; u < row.length; u++) {
                m[u] += p * row[u];
            }
        }
        return m;
    }

    /** The built-in entry that gave user category {@code u} the most on this ad, as words ("IAB Insurance"). */
    String strongestSource(int u, float[] adKnowledge) {
        int best = -1;
        double most = 0;
        for (int e = 0; e < adKnowledge.length; e++) {
            double c = adKnowledge[e] * (knowledge.isPitt(e) ? settings.pittWeight() : 1.0) * share[e][u];
            if (c > most) {
                most = c;
                best = e;
            }
        }
        return best < 0 || lambda[u] == 0 ? null : knowledge.name(best);
    }

    /** One user category's alignment, strongest entries first (what {@code adlens taxonomy explain} prints). */
    public Explained explain(int u, int top) {
        Integer[] order = new Integer[alignment[u].length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer e) -> alignment[u][e]).reversed());
        List<Explained.Source> sources = new ArrayList<>();
        for (int i = 0; i < Math.min(top, order.length) && lambda[u] > 0; i++) {
            int e = order[i];
            if (alignment[u][e] <= -1f) {
                break;
            }
            sources.add(new Explained.Source(knowledge.key(e), knowledge.name(e), alignment[u][e], share[e][u]));
        }
        return new Explained(ids.get(u), lambda[u], settings.alignTo().containsKey(ids.get(u)), fromExamples[u],
                sources);
    }

    /**
     * @param strength     how fully the category borrows (0: nothing, its own evidence alone; 1: fully)
     * @param fromFile     whether the file's {@code alignTo} chose the sources
     * @param fromExamples whether its example ads' own answers shaped what it borrows
     */
    public record Explained(String id, float strength, boolean fromFile, boolean fromExamples, List<Source> sources) {
        /**
         * @param alignment the best cosine between the category's texts and the entry's
         * @param share     the share of the entry's probability that goes to this category
         */
        public record Source(String key, String name, float alignment, float share) {
        }
    }
}
