package dev.adlens.category;

import static dev.adlens.category.Vectors.add;
import static dev.adlens.category.Vectors.best;
import static dev.adlens.category.Vectors.dot;
import static dev.adlens.category.Vectors.unit;

import dev.adlens.error.AdlensException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A taxonomy made ready to score: every category's name, description and phrases encoded once (zero-shot), and its
 * example texts averaged into a prototype (few-shot). Scoring an ad is a dot product per vector (the vectors are unit
 * length), then the hierarchy: a category's evidence is the best similarity in its subtree, top-level categories share
 * the probability by a softmax of their evidence, and each child takes its parent's probability shared among its
 * siblings the same way — so a child never scores above its parent. Immutable and thread-safe once built.
 */
public final class CategoryIndex {
    /** Categories shown per ad beyond the selected ones (a small taxonomy shows them all). */
    public static final int SHOWN = 12;

    private final CategoryTaxonomy taxonomy;
    private final List<Category> categories;
    private final Hierarchy tree;
    private final Phrases phrases;
    private final Examples examples;
    private final Contrasts contrasts;
    /** Per Pitt topic id, the categories its bridge carries it to. */
    private final Map<String, int[]> bridged = new HashMap<>();
    /** Per bridged taxonomy, its topics' short names by id, read once and only when evidence names one. */
    private static final Map<String, Map<String, String>> BRIDGED_NAMES = new ConcurrentHashMap<>();
    /** What this taxonomy borrows from adlens's knowledge (null: nothing). */
    private final Transfer transfer;

    /**
     * Every category's own texts (name, description, phrases), encoded: text {@code v} is {@code vectors[v]}, it
     * belongs to category {@code owner[v]} and reads {@code texts[v]} (what evidence may quote).
     */
    private record Phrases(float[][] vectors, int[] owner, String[] texts) {
    }

    /** Per category, its example ads as one direction (null without examples) and the share they weigh. */
    private record Examples(float[][] prototype, double[] share) {
    }

    /** Per category with a contrast, its "for" and "against" phrase vectors (null elsewhere). */
    private record Contrasts(float[][][] pro, float[][][] against) {
    }

    private CategoryIndex(CategoryTaxonomy taxonomy, Phrases phrases, Examples examples, Contrasts contrasts,
                          Transfer transfer) {
        this.taxonomy = taxonomy;
        this.categories = taxonomy.categories();
        this.tree = new Hierarchy(categories);
        this.phrases = phrases;
        this.examples = examples;
        this.contrasts = contrasts;
        this.transfer = transfer;
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            index.put(categories.get(i).id(), i);
        }
        if (taxonomy.bridge() != null) {
            taxonomy.bridge().map().forEach((from, to) ->
                    bridged.put(from, to.stream().mapToInt(index::get).toArray()));
        }
    }

    /** The short names ("Cars, automobiles") of a built-in taxonomy's categories by id; none for any other. */
    private static Map<String, String> bridgedNames(String from) {
        return BRIDGED_NAMES.computeIfAbsent(from, f -> {
            Map<String, String> names = new HashMap<>();
            try {
                for (Category t : CategoryTaxonomy.builtIn(f).categories()) {
                    int cut = t.name().indexOf(" (");
                    names.put(t.id(), cut > 0 ? t.name().substring(0, cut) : t.name());
                }
            } catch (AdlensException e) {
                // a bridge from a taxonomy that is not built in: its evidence names topics by id
            }
            return Map.copyOf(names);
        });
    }

    /** The same index borrowing through {@code transfer} (made for this index by {@link Transfer#align}). */
    public CategoryIndex withTransfer(Transfer transfer) {
        return new CategoryIndex(taxonomy, phrases, examples, contrasts, transfer);
    }

    /** What this taxonomy borrows, when it does. */
    public Optional<Transfer> transfer() {
        return Optional.ofNullable(transfer);
    }

    public int size() {
        return categories.size();
    }

    /** Category {@code i}'s parent's position, -1 for a top-level one. */
    int parentOf(int i) {
        return tree.parent(i);
    }

    /**
     * Per direction and category, the best cosine between the direction and any of the category's own texts (name,
     * description, phrases): {@code [direction][category]}. Each text vector is read once for all the directions
     * (they are few enough to stay in cache), not once per direction.
     */
    public float[][] bestMatches(float[][] directions) {
        float[][] out = new float[directions.length][categories.size()];
        for (float[] row : out) {
            Arrays.fill(row, -1f);
        }
        float[][] vectors = phrases.vectors();
        for (int v = 0; v < vectors.length; v++) {
            float[] text = vectors[v];
            int c = phrases.owner()[v];
            for (int d = 0; d < directions.length; d++) {
                out[d][c] = Math.max(out[d][c], dot(text, directions[d]));
            }
        }
        return out;
    }

    /** Category {@code c}'s own texts as one direction: the unit mean of their vectors. */
    public float[] direction(int c) {
        float[][] vectors = phrases.vectors();
        float[] sum = new float[vectors.length == 0 ? 0 : vectors[0].length];
        for (int v = 0; v < vectors.length; v++) {
            if (phrases.owner()[v] == c) {
                add(sum, vectors[v]);
            }
        }
        return unit(sum);
    }

    /**
     * Encodes every category's texts with {@code encoder}. Example images must already be resolved to text
     * ({@link Category#withImageTexts}); any left are ignored here.
     */
    public static CategoryIndex build(CategoryTaxonomy taxonomy, SentenceEncoder encoder) throws AdlensException {
        List<String> texts = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<Category> cats = taxonomy.categories();
        for (int i = 0; i < cats.size(); i++) {
            for (String t : cats.get(i).matchTexts()) {
                texts.add(t);
                owners.add(i);
            }
        }
        // the contrasts' phrases ride in the same call, so that a taxonomy is one cached encoding (CachedSentences)
        int matched = texts.size();
        for (Category c : cats) {
            if (c.contrast() != null) {
                texts.addAll(c.contrast().forPhrases());
                texts.addAll(c.contrast().againstPhrases());
            }
        }
        List<float[]> all = encoder.encode(texts);
        List<float[]> encoded = all.subList(0, matched);
        texts.subList(matched, texts.size()).clear();
        float[][] prototype = new float[cats.size()][];
        double[] share = new double[cats.size()];
        Calibration cal = taxonomy.calibration();
        int dim = encoded.isEmpty() ? 0 : encoded.get(0).length;
        for (int i = 0; i < cats.size(); i++) {
            List<String> ex = cats.get(i).exampleTexts();
            CategoryTaxonomy.Prototype pre = prototypeFor(taxonomy, cats.get(i).id(), encoder.name(), dim);
            int k = ex.size() + (pre == null ? 0 : pre.examples());
            if (k == 0) {
                continue;
            }
            float[] sum = new float[dim];
            if (pre != null) { // a unit mean of pre.examples() ads: weighs as that many
                for (int d = 0; d < dim; d++) {
                    sum[d] = pre.vector()[d] * pre.examples();
                }
            }
            if (!ex.isEmpty()) {
                encoder.encode(ex).forEach(x -> add(sum, x));
            }
            prototype[i] = unit(sum);
            share[i] = cal.exampleWeight() * k / (k + cal.exampleHalf());
        }
        float[][][] pro = new float[cats.size()][][];
        float[][][] con = new float[cats.size()][][];
        int next = matched;
        for (int i = 0; i < cats.size(); i++) {
            Category.Contrast c = cats.get(i).contrast();
            if (c != null) {
                pro[i] = all.subList(next, next += c.forPhrases().size()).toArray(float[][]::new);
                con[i] = all.subList(next, next += c.againstPhrases().size()).toArray(float[][]::new);
            }
        }
        return new CategoryIndex(taxonomy, new Phrases(encoded.toArray(float[][]::new),
                owners.stream().mapToInt(Integer::intValue).toArray(), texts.toArray(String[]::new)),
                new Examples(prototype, share), new Contrasts(pro, con), null);
    }

    /** The unit mean of unit vectors: a category's example ads as one direction (also what a shipped prototype is). */
    public static float[] prototype(List<float[]> vectors) {
        return Vectors.unitMean(vectors);
    }

    /** A category's shipped prototype, when the taxonomy has one made by this very encoder (else none). */
    private static CategoryTaxonomy.Prototype prototypeFor(CategoryTaxonomy t, String id, String encoder, int dim) {
        if (!prototypesUsable(t, encoder)) {
            return null;
        }
        CategoryTaxonomy.Prototype p = t.prototypes().categories().get(id);
        return p == null || p.vector().length != dim ? null : p;
    }

    /** Whether the taxonomy's shipped prototypes were made by {@code encoder} (and so are used). */
    public static boolean prototypesUsable(CategoryTaxonomy t, String encoder) {
        return t.prototypes() != null && t.prototypes().encoder().equals(encoder);
    }

    public CategoryTaxonomy taxonomy() {
        return taxonomy;
    }

    /** Each category's own similarity to the ad (its phrases, mixed with its examples' prototype), in file order. */
    public float[] similarities(float[] ad) {
        return similarities(ad, null, null);
    }

    /** The same; {@code bestPhrase} gets each category's best text, {@code phraseOnly} its similarity alone. */
    private float[] similarities(float[] ad, int[] bestPhrase, float[] phraseOnly) {
        int n = categories.size();
        float[] sim = new float[n];
        Arrays.fill(sim, -1f);
        float[][] vectors = phrases.vectors();
        for (int v = 0; v < vectors.length; v++) {
            float s = dot(vectors[v], ad);
            int c = phrases.owner()[v];
            if (s > sim[c]) {
                sim[c] = s;
                if (bestPhrase != null) {
                    bestPhrase[c] = v;
                }
            }
        }
        if (phraseOnly != null) {
            System.arraycopy(sim, 0, phraseOnly, 0, n);
        }
        for (int c = 0; c < n; c++) {
            float[] prototype = examples.prototype()[c];
            if (prototype != null) {
                double share = examples.share()[c];
                sim[c] = (float) ((1 - share) * sim[c] + share * dot(prototype, ad));
            }
            if (contrasts.pro()[c] != null) {
                sim[c] += (float) (categories.get(c).contrast().weight()
                        * (best(contrasts.pro()[c], ad) - best(contrasts.against()[c], ad)));
            }
        }
        return sim;
    }

    /**
     * The ad's answer in this taxonomy, from its sentence vector (a zero vector: no text, "unclear" — in a taxonomy
     * most ads are none of, too: "none of them" needs evidence).
     */
    public TaxonomyLabels label(float[] ad) {
        return label(new AdSignals(ad, "", Map.of(), null));
    }

    /**
     * The same, with the ad's Pitt topic probabilities (topic id → probability) carried over by the taxonomy's
     * bridge, when it has one.
     */
    public TaxonomyLabels label(float[] ad, Map<String, Float> pittTopics) {
        return label(new AdSignals(ad, "", pittTopics, null));
    }

    /**
     * The ad's answer from everything the engine reads: its sentence vector, its words (what evidence may quote),
     * the fused Pitt topics (for a bridge) and its knowledge vector (for a taxonomy that borrows, {@link Transfer}).
     * A tier-1 category is selected when it is the best one (and the answer is not unclear) or reaches
     * {@code selectAt}; a deeper one only when, besides reaching {@code selectAt} under a selected parent, its own
     * evidence (not its subtree's) stands {@link #SIBLING_MARGIN} above its siblings' and something in the ad supports
     * it: words of the ad that its phrase shares, its example ads, a bridged Pitt topic or a borrowed category.
     */
    public TaxonomyLabels label(AdSignals ad) {
        int n = categories.size();
        Scores s = scores(ad);
        Calibration cal = taxonomy.calibration();
        int top = tree.roots()[0];
        for (int r : tree.roots()) {
            top = s.prob[r] > s.prob[top] ? r : top;
        }
        // "none of them" is an answer only with evidence to give it: an ad without words or built-in answers is unclear
        boolean noneOfThem = !cal.exhaustive() && s.none >= s.prob[top] && ad.informative();
        boolean unclear = !noneOfThem && (s.prob[top] < cal.unclearBelow() || !cal.exhaustive() && s.none >= s.prob[top]);
        // selectAt reads a category's probability given that the ad is one of the categories (the same as its
        // probability when the taxonomy covers every ad), so that "none of them" does not starve the deeper tiers
        double given = 1 - s.none;
        Set<String> adWords = Evidence.words(ad.text());
        Evidence.Support[] support = new Evidence.Support[n]; // what supports each category: found only where asked
        boolean[] selected = new boolean[n];
        for (int i : tree.parentsFirst()) {
            if (unclear || noneOfThem || s.prob[i] < cal.selectAt() * given && i != top) {
                continue;
            }
            if (tree.parent(i) < 0) {
                selected[i] = true;
            } else if (selected[tree.parent(i)] && s.prob[i] >= cal.selectAt() * given
                    && s.own[i] - bestSibling(i, s.subtree) >= SIBLING_MARGIN) {
                selected[i] = supportOf(i, s, ad, adWords, support).fromTheAd();
            }
        }
        Integer[] ranked = new Integer[n];
        for (int i = 0; i < n; i++) {
            ranked[i] = i;
        }
        Arrays.sort(ranked, Comparator.comparing((Integer i) -> selected[i]).reversed()
                .thenComparing(Comparator.comparingDouble((Integer i) -> s.prob[i]).reversed()));
        int selectedCount = 0;
        for (boolean b : selected) {
            selectedCount += b ? 1 : 0;
        }
        int shown = n <= 64 ? n : Math.max(SHOWN, selectedCount);
        List<CategoryScore> out = new ArrayList<>(shown);
        for (int r = 0; r < shown; r++) {
            int i = ranked[r];
            Category c = categories.get(i);
            out.add(new CategoryScore(c.id(), c.name(), c.parent(), tree.tier(i), (float) s.prob[i], s.subtree[i],
                    supportOf(i, s, ad, adWords, support).text(), selected[i]));
        }
        return new TaxonomyLabels(taxonomy.id(), taxonomy.version(), taxonomy.cattax(), out, unclear,
                cal.exhaustive() ? null : s.none);
    }

    /** Category {@code i}'s support: its subtree's best category's, found once per ad. */
    private Evidence.Support supportOf(int i, Scores s, AdSignals ad, Set<String> adWords, Evidence.Support[] memo) {
        if (memo[i] == null) {
            memo[i] = support(s.from[i], s, ad, adWords);
        }
        return memo[i];
    }

    /** How far a deeper category's own evidence must stand above its best sibling's to be selected. */
    static final double SIBLING_MARGIN = 0.02;
    /** Evidence beyond the phrases (examples, bridge, borrowed) that counts as support. */
    static final double SUPPORT_AT = 0.02;

    /** Every category's probability in file order (children share their parent's), as {@link #label} computes it. */
    public double[] probabilities(float[] ad, Map<String, Float> pittTopics) {
        return scores(new AdSignals(ad, "", pittTopics, null)).prob;
    }

    /** The ad's evidence per category: its parts, the subtree's best, and the probabilities. */
    private Scores scores(AdSignals ad) {
        int n = categories.size();
        int[] best = new int[n];
        float[] phrase = new float[n];
        float[] own = similarities(ad.sentence(), best, phrase);
        float[] bridgeAdd = new float[n];
        CategoryTaxonomy.Bridge bridge = taxonomy.bridge();
        if (bridge != null && bridge.weight() > 0) {
            for (Map.Entry<String, Float> e : ad.pittTopics().entrySet()) {
                for (int target : bridged.getOrDefault(e.getKey(), new int[0])) {
                    bridgeAdd[target] += (float) (bridge.weight() * e.getValue());
                }
            }
        }
        float[] borrowed = transfer == null || ad.knowledge() == null ? new float[n + 1]
                : transfer.evidenceAndNone(ad.knowledge());
        for (int i = 0; i < n; i++) {
            own[i] += bridgeAdd[i] + borrowed[i];
        }
        Double noneAt = taxonomy.calibration().noneAt();
        float[] subtree = own.clone();
        int[] from = new int[n]; // the category whose own evidence is the subtree's best
        for (int i = 0; i < n; i++) {
            from[i] = i;
        }
        for (int i : tree.deepestFirst()) {
            int p = tree.parent(i);
            if (p >= 0 && subtree[i] > subtree[p]) {
                subtree[p] = subtree[i];
                from[p] = from[i];
            }
        }
        double[] prob = new double[n];
        double none = shareWithNone(tree.roots(), subtree,
                noneAt == null ? Double.NEGATIVE_INFINITY : noneAt + borrowed[n], 1.0, prob);
        for (int i : tree.parentsFirst()) {
            if (tree.children(i).length > 0) {
                share(tree.children(i), subtree, prob[i], prob);
            }
        }
        return new Scores(own, phrase, best, bridgeAdd, borrowed, subtree, from, prob, none);
    }

    /** @param none the probability that the ad is none of the categories (0 for a taxonomy that covers every ad) */
    private record Scores(float[] own, float[] phrase, int[] best, float[] bridge, float[] borrowed, float[] subtree,
                          int[] from, double[] prob, double none) {
    }

    /** What supports category {@code c} on this ad, and whether it comes from the ad rather than a name's likeness. */
    private Evidence.Support support(int c, Scores s, AdSignals ad, Set<String> adWords) {
        String phrase = s.best[c] >= 0 ? phrases.texts()[s.best[c]] : categories.get(c).name();
        Evidence.Words words = Evidence.shared(phrase, adWords,
                tree.parent(c) < 0 ? null : categories.get(tree.parent(c)).name());
        if (words.enough()) {
            return new Evidence.Support(String.join(" ", words.shared()), true);
        }
        if (transfer != null && s.borrowed[c] != 0 && ad.knowledge() != null) {
            String like = transfer.strongestSource(c, ad.knowledge());
            if (like != null) {
                return new Evidence.Support("reads like " + like, true);
            }
        }
        if (examples.prototype()[c] != null && s.own[c] - s.bridge[c] - s.borrowed[c] - s.phrase[c] >= SUPPORT_AT) {
            return new Evidence.Support("like its example ads", true);
        }
        if (s.bridge[c] >= SUPPORT_AT) {
            return new Evidence.Support(bridgedTopic(c, ad), true);
        }
        return new Evidence.Support(words.shared().isEmpty() ? "resembles: " + phrase
                : String.join(" ", words.shared()) + " (part of: " + phrase + ")", false);
    }

    /** The Pitt topic that carried the most to category {@code c} on this ad, named, with its probability. */
    private String bridgedTopic(int c, AdSignals ad) {
        String top = null;
        float p = 0;
        for (Map.Entry<String, Float> e : ad.pittTopics().entrySet()) {
            if (e.getValue() > p && Arrays.stream(bridged.getOrDefault(e.getKey(), new int[0])).anyMatch(t -> t == c)) {
                top = e.getKey();
                p = e.getValue();
            }
        }
        return top == null ? "the ad's Pitt topic" : String.format(Locale.ROOT, "reads as Pitt topic %s (%.2f)",
                bridgedNames(taxonomy.bridge().from()).getOrDefault(top, top), p);
    }

    private float bestSibling(int i, float[] subtree) {
        float best = -Float.MAX_VALUE;
        for (int j : tree.siblingsOf(i)) {
            if (j != i) {
                best = Math.max(best, subtree[j]);
            }
        }
        return best == -Float.MAX_VALUE ? -1f : best;
    }

    private void share(int[] group, float[] evidence, double mass, double[] prob) {
        shareWithNone(group, evidence, Double.NEGATIVE_INFINITY, mass, prob);
    }

    /**
     * Divides {@code mass} among {@code group} by a softmax of their evidence, with "none of them" as one more answer
     * at evidence {@code none} (negative infinity: no such answer); returns the share "none of them" got.
     */
    private double shareWithNone(int[] group, float[] evidence, double none, double mass, double[] prob) {
        double t = taxonomy.calibration().temperature();
        double max = none;
        for (int i : group) {
            max = Math.max(max, evidence[i]);
        }
        double sum = Math.exp((none - max) / t);
        for (int i : group) {
            sum += Math.exp((evidence[i] - max) / t);
        }
        for (int i : group) {
            prob[i] = mass * Math.exp((evidence[i] - max) / t) / sum;
        }
        return mass * Math.exp((none - max) / t) / sum;
    }
}
