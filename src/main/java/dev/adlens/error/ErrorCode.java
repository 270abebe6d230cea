package dev.adlens.error;

/** Stable failure codes of the output contract; adapters map them once (HTTP status, FAILED item, exit code). */
public enum ErrorCode {
    UNSUPPORTED_FORMAT(415, false),
    CORRUPT_IMAGE(400, false),
    IMAGE_TOO_LARGE(413, false),
    IMAGE_TOO_SMALL(400, false),
    MODEL_INVALID(500, false),
    ENCODER_FAILED(500, false),
    OCR_FAILED(500, false),
    IMAGE_NOT_FOUND(404, false),
    ENCODER_UNAVAILABLE(503, true),
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
