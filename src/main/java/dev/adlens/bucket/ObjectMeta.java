package dev.adlens.bucket;

import java.util.Locale;

/**
 * What HeadObject says about the object that will be labeled: the revision ({@code eTag}, {@code versionId},
 * {@code lastModifiedMs}) that the stored record is keyed on, and what is checked before any download.
 */
public record ObjectMeta(long size, String contentType, String eTag, String versionId, long lastModifiedMs) {
    /**
     * Image types and the generic types uploads often carry without a real type (the decoder sniffs the bytes);
     * anything else (text/html, video/mp4, application/pdf…) is no image and is never downloaded.
     */
    public boolean mayBeImage() {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        String t = contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        return t.startsWith("image/") || t.equals("application/octet-stream") || t.equals("binary/octet-stream");
    }

    public ObjectMeta {
        eTag = eTag == null ? null : ImageRef.stripQuotes(eTag);
    }
}
