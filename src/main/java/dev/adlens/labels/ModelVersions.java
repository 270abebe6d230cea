package dev.adlens.labels;

/** The versions of the three model artifacts that produced a label (part of the idempotency key downstream). */
public record ModelVersions(String head, String visual, String words) {
}
