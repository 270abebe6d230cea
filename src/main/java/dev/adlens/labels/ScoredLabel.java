package dev.adlens.labels;

/** One class of one task with its probability and whether the decision rule selected it. */
public record ScoredLabel(int id, String key, String name, float score, boolean selected) {
}
