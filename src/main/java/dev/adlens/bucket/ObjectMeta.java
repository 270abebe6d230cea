package dev.adlens.bucket;

/**
 * What HeadObject says about the object that will be labeled: the revision ({@code eTag}, {@code versionId},
 * {@code lastModifiedMs}) that the stored record is keyed on, and what is checked before any download.
 */
public record ObjectMeta(long size, String contentType, String eTag, String versionId, long lastModifiedMs) {
    public ObjectMeta {
        eTag = eTag == null ? null : ImageRef.stripQuotes(eTag);
    }
}
