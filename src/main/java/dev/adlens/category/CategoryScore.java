package dev.adlens.category;

/**
 * One category's answer for one ad.
 *
 * @param tier       1 for a top-level category, 2 for its children, …
 * @param score      probability (a child's never exceeds its parent's)
 * @param similarity the best cosine similarity in its subtree (the evidence before calibration)
 * @param evidence   the phrase or example that matched best (explains the answer)
 */
public record CategoryScore(String id, String name, String parent, int tier, float score, float similarity,
                            String evidence, boolean selected) {
}
