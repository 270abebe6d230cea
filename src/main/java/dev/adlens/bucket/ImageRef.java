package dev.adlens.bucket;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One S3 object as an event names it. {@code key} is always the decoded key (S3 notifications and Batch Operations
 * URL-encode it; see {@link #fromEncodedKey}). {@code versionId} and {@code eTag} may be null when the event has none.
 */
public record ImageRef(String bucket, String key, String versionId, String eTag) {
    public ImageRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
        if (bucket.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("bucket and key must not be empty");
        }
        versionId = blankToNull(versionId);
        eTag = eTag == null ? null : stripQuotes(eTag);
    }

    /** S3 event notifications encode keys like an HTML form ({@code a+b%2Bc.png} is "a b+c.png"). */
    public static ImageRef fromEncodedKey(String bucket, String encodedKey, String versionId, String eTag) {
        return new ImageRef(bucket, URLDecoder.decode(encodedKey, StandardCharsets.UTF_8),
                versionId, eTag);
    }

    /** {@code s3://bucket/key}: the table's partition key and the contract's {@code image}. */
    public String uri() {
        return "s3://" + bucket + "/" + key;
    }

    /** "null" is how S3 names the version of an object written while versioning was off: the same as none. */
    private static String blankToNull(String s) {
        return s == null || s.isBlank() || s.equals("null") ? null : s;
    }

    public static String stripQuotes(String eTag) {
        String t = eTag.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
