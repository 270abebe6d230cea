package dev.adlens.category;

import java.util.Map;

/**
 * What the category engine reads of one ad.
 *
 * @param sentence   the text encoder's sentence vector of the ad's words (zero: no words)
 * @param text       the ad's words as read (what evidence may quote)
 * @param pittTopics the fused Pitt topic probabilities by topic id, summing to one (for a taxonomy's bridge)
 * @param knowledge  the ad's {@link Knowledge} vector, or null where no taxonomy borrows
 */
public record AdSignals(float[] sentence, String text, Map<String, Float> pittTopics, float[] knowledge) {
    public AdSignals {
        text = text == null ? "" : text;
        pittTopics = Map.copyOf(pittTopics);
    }

    /** Whether there is anything to judge the ad by: a sentence vector that is not zero, or built-in answers. */
    public boolean informative() {
        if (knowledge != null) {
            return true;
        }
        for (float x : sentence) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }
}
