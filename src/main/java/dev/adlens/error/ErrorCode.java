package dev.adlens.error;

/** Stable failure codes of the output contract; adapters map them once (HTTP status, FAILED item, exit code). */
public enum ErrorCode {
    UNSUPPORTED_FORMAT(415, false),
    /** A request the caller must fix (a bad parameter, a forged page token, a disallowed bucket). */
    BAD_REQUEST(400, false),
    CORRUPT_IMAGE(400, false),
    IMAGE_TOO_LARGE(413, false),
    IMAGE_TOO_SMALL(400, false),
    MODEL_INVALID(500, false),
    ENCODER_FAILED(500, false),
    /**
     * The encoder endpoint refused the request (a 4xx other than 429: wrong model name, shapes it does not
     * serve): a configuration mismatch that every retry would meet again.
     */
    ENCODER_REJECTED(502, false),
    /** head.onnx failed on these inputs. */
    HEAD_FAILED(500, false),
    /** S3 answered 403 for the object: the function's policy does not cover it; retrying does not change that. */
    ACCESS_DENIED(403, false),
    OCR_FAILED(500, false),
    IMAGE_NOT_FOUND(404, false),
    /** The object was overwritten between the event and the read: a newer event labels the newer object. */
    OBJECT_CHANGED(409, false),
    /** An S3 object whose content type says it is no image (text/plain, video/mp4…): recorded, never downloaded. */
    NOT_AN_IMAGE(415, false),
    /**
     * The image took longer than its processing budget (decode + OCR + encoders; 20 s by default): recorded, not
     * retried, since the same bytes would take as long again.
     */
    PROCESSING_TIMEOUT(422, false),
    ENCODER_UNAVAILABLE(503, true),
    /** S3 or DynamoDB throttled, timed out or answered 5xx after the SDK's own retries: the queue retries. */
    STORAGE_UNAVAILABLE(503, true),
    /** Not enough of the invocation's time left to label safely: handed back for a retry, never half-written. */
    DEADLINE_EXCEEDED(503, true),
    /** HTTP API: no authoriser identified the caller while the API scopes data per caller. */
    UNAUTHENTICATED(401, false),
    /** HTTP API: no such route. */
    NOT_FOUND(404, false),
    /** HTTP API: the route exists with another method. */
    METHOD_NOT_ALLOWED(405, false),
    /** HTTP API: an s3Uri in a bucket the API may not read. */
    BUCKET_NOT_ALLOWED(403, false),
    /** HTTP API: a topic or sentiment key that is not in the taxonomy. */
    UNKNOWN_LABEL(404, false),
    /** A taxonomy file (or a taxonomy named in a request) that cannot be used: the message names the problem. */
    TAXONOMY_INVALID(400, false),
    /** A brand-safety policy file that cannot be used: the message lists every problem found. */
    POLICY_INVALID(400, false),
    /** A defect of ours (an unexpected exception): recorded per image so that one bad case never stops a batch. */
    INTERNAL_ERROR(500, false);

    private final int httpStatus;
    private final boolean retryable;

    ErrorCode(int httpStatus, boolean retryable) {
        this.httpStatus = httpStatus;
        this.retryable = retryable;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public boolean retryable() {
        return retryable;
    }
}
