package dev.adlens.store;

/** What became of an image: labels, a failure with its code, or skipped (no image content type), with its reason. */
public enum RecordStatus {
    LABELED, FAILED, SKIPPED
}
