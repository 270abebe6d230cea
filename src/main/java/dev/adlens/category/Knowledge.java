package dev.adlens.category;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What adlens knows about ads, as a space any taxonomy can borrow from: every category of the built-in IAB taxonomy
 * (its phrases, the prototypes made from real web ads, the bridge from the fused Pitt topics) and every Pitt topic (the
 * trained head that also sees the picture, fused with the topic phrases). For one ad it is one vector of
 * probabilities: IAB's, every tier, in file order, then the fused Pitt topics' (summing to one). Keys name its
 * entries: {@code iab:<id>} and {@code pitt:<id>}. Immutable and thread-safe.
 */
public final class Knowledge {
    public static final String IAB = "iab";
    public static final String PITT = "pitt";

    private final CategoryIndex iab;
    private final CategoryIndex pitt;
    private final List<String> keys = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    /**
     * @param iab  the built-in IAB taxonomy, ready to score
     * @param pitt the Pitt topics read by their phrases (the topic fusion's phrase index), whose ids are the head's
     */
    public Knowledge(CategoryIndex iab, CategoryIndex pitt) {
        this.iab = iab;
        this.pitt = pitt;
        for (Category c : iab.taxonomy().categories()) {
            keys.add(IAB + ":" + c.id());
            names.add("IAB " + c.name());
        }
        for (Category c : pitt.taxonomy().categories()) {
            keys.add(PITT + ":" + c.id());
            names.add("Pitt " + c.name());
        }
    }

    public int size() {
        return keys.size();
    }

    public String key(int k) {
        return keys.get(k);
    }

    public String name(int k) {
        return names.get(k);
    }

    /** Whether entry {@code k} is a Pitt topic (they count {@link TransferSettings#pittWeight} each). */
    public boolean isPitt(int k) {
        return k >= iab.size();
    }

    /** Entry {@code k}'s parent entry (an IAB category's parent), -1 for a top-level one and for a Pitt topic. */
    public int parent(int k) {
        return isPitt(k) ? -1 : iab.parentOf(k);
    }

    /**
     * The ad's knowledge vector: IAB's probabilities (bridged from {@code pittTopics}) and the fused Pitt topics'.
     *
     * @param pittTopics the fused Pitt topic probabilities by topic id, summing to one
     */
    public float[] of(float[] sentence, Map<String, Float> pittTopics) {
        double[] p = iab.probabilities(sentence, pittTopics);
        float[] out = new float[size()];
        for (int i = 0; i < p.length; i++) {
            out[i] = (float) p[i];
        }
        List<Category> topics = pitt.taxonomy().categories();
        for (int i = 0; i < topics.size(); i++) {
            out[p.length + i] = pittTopics.getOrDefault(topics.get(i).id(), 0f);
        }
        return out;
    }

    /**
     * How much each text direction resembles each entry: the best cosine between the direction and any of the entry's
     * own texts (name, description, phrases), {@code [direction][entry]}.
     */
    public float[][] alignment(float[][] directions) {
        float[][] a = iab.bestMatches(directions);
        float[][] b = pitt.bestMatches(directions);
        float[][] out = new float[directions.length][];
        for (int d = 0; d < directions.length; d++) {
            out[d] = new float[a[d].length + b[d].length];
            System.arraycopy(a[d], 0, out[d], 0, a[d].length);
            System.arraycopy(b[d], 0, out[d], a[d].length, b[d].length);
        }
        return out;
    }
}
