package dev.adlens.error;

/** The one checked failure type of the core pipeline; the code says what went wrong and how to treat it. */
public class AdlensException extends Exception {
    private final ErrorCode code;

    public AdlensException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AdlensException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return code.retryable();
    }
}
