package dev.adlens.serve;

/** A client-facing answer: its status and a message safe to show (never internals). */
final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
        super(message);
        this.status = status;
    }
}
