package dev.adlens.kserve;

/** A malformed inference message; the server answers 400 with a KServe error body, the client ENCODER_FAILED. */
public final class InferProtocolException extends IllegalArgumentException {
    public InferProtocolException(String message) {
        super(message);
    }
}
