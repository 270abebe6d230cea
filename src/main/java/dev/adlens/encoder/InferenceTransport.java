package dev.adlens.encoder;

import java.io.IOException;
import java.time.Duration;

/** Moves one encoded KServe inference request to an endpoint and its response back. */
public interface InferenceTransport {
    /** A response: HTTP-like status, body, and the length of its JSON header (0: pure JSON). */
    record Response(int status, byte[] body, int headerLength) {
    }

    /**
     * @throws IOException for connection failures and timeouts (retryable)
     */
    Response infer(byte[] body, int headerLength, Duration timeout) throws IOException;

    /** Whether the endpoint says it is ready to serve the model (transports without a health API: true). */
    boolean ready(Duration timeout);

    /** Where requests go, for logs. */
    String describe();
}
