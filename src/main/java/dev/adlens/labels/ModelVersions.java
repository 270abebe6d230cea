package dev.adlens.labels;

/**
 * The versions of the model artifacts that produced a label (part of the idempotency key downstream): the head (with
 * the topic fusion, when on), the visual and text encoders, and the taxonomies scored ({@code id@version}, comma
 * separated; empty when none).
 */
public record ModelVersions(String head, String visual, String words, String taxonomies) {
    public ModelVersions(String head, String visual, String words) {
        this(head, visual, words, "");
    }
}
