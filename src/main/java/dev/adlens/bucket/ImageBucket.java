package dev.adlens.bucket;

import dev.adlens.error.AdlensException;

/** Where images are read from; S3 in production and in tests (S3Proxy), never a mock in an integration test. */
public interface ImageBucket {
    /**
     * @throws AdlensException IMAGE_NOT_FOUND (no such object/version), STORAGE_UNAVAILABLE (transient; retry)
     */
    ObjectMeta head(ImageRef ref) throws AdlensException;

    /**
     * The bytes of exactly the revision {@code meta} describes (If-Match on its eTag), at most {@code maxBytes}.
     *
     * @throws AdlensException IMAGE_TOO_LARGE, IMAGE_NOT_FOUND, STALE_OBJECT when the object changed since
     *                         {@link #head}, STORAGE_UNAVAILABLE
     */
    byte[] read(ImageRef ref, ObjectMeta meta, long maxBytes) throws AdlensException;
}
