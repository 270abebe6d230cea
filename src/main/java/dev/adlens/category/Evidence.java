package dev.adlens.category;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Evidence in the ad's own words: which content words of a category's best phrase the ad's text also has. A phrase
 * that is only like the ad in meaning (a category's name near the ad's topic) supports a pick less than one whose
 * words the ad says; deeper IAB tiers are selected only with support (CategoryIndex).
 */
final class Evidence {
    /** Words too common to be evidence of anything. */
    private static final Set<String> STOP = Set.of("the", "and", "for", "with", "your", "you", "our", "are", "from",
            "that", "this", "all", "not", "but", "can", "get", "now", "new", "more", "its", "into", "out", "off", "one",
            "products", "product", "services", "service", "other", "ads", "advertisement", "advertising", "and/or");

    /** What supports a category on one ad, and whether it comes from the ad (its words, examples, topics). */
    record Support(String text, boolean fromTheAd) {
    }

    private Evidence() {
    }

    /** The ad's words, lower case, stemmed as {@link #stem} does. */
    static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : tokens(text)) {
            out.add(stem(w));
        }
        return out;
    }

    /**
     * The content words of {@code phrase} the ad also says (in the phrase's order), and whether they are enough to
     * support a pick: at least half of the phrase's content words. One shared word of several ("defense" of "Self
     * Defense and Martial Arts Classes") is the pattern of a wrong pick. Words of {@code parentName} do not count: they
     * say the parent, not which of its children ("supplements" of "Weightloss Supplements" under "Vitamins and
     * Supplements").
     */
    static Words shared(String phrase, Set<String> adWords, String parentName) {
        Set<String> parentWords = words(parentName == null ? "" : parentName);
        List<String> content = new ArrayList<>();
        for (String w : tokens(phrase)) {
            if (!STOP.contains(w) && !parentWords.contains(stem(w)) && !content.contains(w)) {
                content.add(w);
            }
        }
        List<String> out = content.stream().filter(w -> adWords.contains(stem(w))).toList();
        return new Words(out, !out.isEmpty() && 2 * out.size() >= content.size());
    }

    /** The ad's words that a phrase shares, and whether they are enough to support a pick. */
    record Words(List<String> shared, boolean enough) {
    }

    private static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (w.length() >= 3) {
                out.add(w);
            }
        }
        return out;
    }

    /** A plural and its singular are one word ("loans" / "loan", "policies" / "policy"). */
    static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
