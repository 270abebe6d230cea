package dev.adlens.labels;

/** One class of a task: its official id (1-based), short key ("clothing"), and official name. */
public record LabelClass(int id, String key, String name) {
}
