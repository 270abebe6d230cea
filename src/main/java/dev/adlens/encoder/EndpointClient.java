package dev.adlens.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.kserve.InferMessage;
import dev.adlens.kserve.InferProtocolException;
import dev.adlens.tensor.Tensor;
import dev.adlens.time.Deadline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model on an inference endpoint, with the retry policy every remote encoder shares: each attempt's timeout is
 * the policy's, capped by what the current {@link Deadline} leaves (minus a margin for the rest of the pipeline);
 * 429/502/503/504, connection failures and timeouts are retried with jittered backoff; anything else fails at once.
 * Every failure is ENCODER_UNAVAILABLE (retryable: a dispatcher may fall back, the queue retries). An endpoint that
 * refuses binary tensors (400 on a binary request) gets JSON tensors from then on. Thread-safe.
 */
public final class EndpointClient {
    /** Time kept back from the deadline for OCR join, head and the DynamoDB write. */
    static final long DEADLINE_MARGIN_MS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(EndpointClient.class);

    private final String what;
    private final InferenceTransport transport;
    private final RetryPolicy retry;
    /** Starts as configured; turns false for good if the endpoint refuses binary tensors (no extension support). */
    private volatile boolean binary;

    /** @param what names the model in error messages ("visual encoder", "text encoder") */
    public EndpointClient(String what, InferenceTransport transport, RetryPolicy retry, boolean binary) {
        this.what = what;
        this.transport = transport;
        this.retry = retry;
        this.binary = binary;
    }

    public InferenceTransport transport() {
        return transport;
    }

    public boolean binary() {
        return binary;
    }

    /**
     * Runs one infer request within {@code deadline} (each attempt's timeout and the backoff are cut to what is left,
     * less a margin for the caller's own work) and returns its output tensors by name.
     *
     * @throws AdlensException ENCODER_UNAVAILABLE after the retries, or at once for a non-retryable answer
     */
    public Map<String, Tensor> infer(List<Tensor> inputs, List<String> outputs, Deadline deadline)
            throws AdlensException {
        boolean asBinary = binary;
        InferMessage.Encoded request = InferMessage.request(inputs, outputs, asBinary);
        String last = "no attempt";
        for (int attempt = 0; attempt < retry.maxAttempts(); attempt++) {
            if (attempt > 0) {
                sleepWithinDeadline(retry.backoffMillis(attempt), deadline);
            }
            long left = deadline.remainingMillis() - DEADLINE_MARGIN_MS;
            if (left <= 0) {
                throw unavailable("no time left before the deadline (" + last + ")");
            }
            Duration timeout = Duration.ofMillis(Math.min(retry.attemptTimeout().toMillis(), left));
            InferenceTransport.Response r;
            try {
                r = transport.infer(request.body(), request.headerLength(), timeout);
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + ": " + e.getMessage();
                continue;
            }
            if (r.status() == 200) {
                try {
                    return InferMessage.parse(r.body(), r.headerLength(), "outputs").tensors();
                } catch (InferProtocolException e) {
                    throw unavailable("malformed response: " + e.getMessage());
                }
            }
            last = "HTTP " + r.status() + " " + errorText(r.body());
            if (r.status() == 400 && asBinary) {
                // a KServe server without the binary tensor extension: JSON tensors from now on (not an attempt)
                LOG.atWarn().addKeyValue("endpoint", transport.describe())
                        .log("binary tensors refused ({}); falling back to JSON tensors", last);
                binary = false;
                asBinary = false;
                request = InferMessage.request(inputs, outputs, false);
                attempt--;
                continue;
            }
            if (!RetryPolicy.retryable(r.status())) { // the same request would meet the same answer
                throw new AdlensException(r.status() < 500 ? ErrorCode.ENCODER_REJECTED : ErrorCode.ENCODER_FAILED,
                        what + " endpoint " + (r.status() < 500 ? "refused the request: " : "failed: ") + last);
            }
        }
        throw unavailable(retry.maxAttempts() + " attempts failed, last: " + last);
    }

    /**
     * The endpoint's model metadata (KServe GET /v2/models/{m}), or null when the transport has none (SageMaker).
     *
     * @throws AdlensException ENCODER_UNAVAILABLE when it cannot be read
     */
    public JsonNode metadata(Duration timeout) throws AdlensException {
        if (!(transport instanceof KServeHttpTransport http)) {
            return null;
        }
        try {
            return JSON.readTree(http.metadata(timeout));
        } catch (IOException e) {
            throw unavailable("model metadata: " + e.getMessage());
        }
    }

    /**
     * Compares declared tensor shapes (dimension 0, the batch, is not compared) with {@code expected}.
     *
     * @throws AdlensException MODEL_INVALID when a shape disagrees or a tensor is missing
     */
    public void checkShapes(JsonNode meta, Map<String, long[]> expected) throws AdlensException {
        if (meta == null) {
            return;
        }
        int seen = 0;
        for (String field : new String[]{"inputs", "outputs"}) {
            for (JsonNode t : meta.path(field)) {
                long[] want = expected.get(t.path("name").asText());
                if (want == null) {
                    continue;
                }
                seen++;
                JsonNode shape = t.path("shape");
                boolean ok = shape.size() == want.length;
                for (int i = 1; ok && i < want.length; i++) {
                    ok = shape.get(i).asLong() == want[i];
                }
                if (!ok) {
                    throw new AdlensException(ErrorCode.MODEL_INVALID, transport.describe() + ": " + t.path("name")
                            .asText() + " has shape " + shape + ", the local contract says "
                            + Arrays.toString(want));
                }
            }
        }
        if (seen != expected.size()) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, transport.describe() + " does not serve the " + what
                    + " contract (found " + seen + " of its " + expected.size() + " tensors)");
        }
    }

    private static String errorText(byte[] body) {
        try {
            JsonNode e = JSON.readTree(body).path("error");
            if (e.isTextual()) {
                return e.asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not a KServe error body: show its start
        }
        String s = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
        return s.replaceAll("\\s+", " ");
    }

    private void sleepWithinDeadline(long millis, Deadline deadline) throws AdlensException {
        long wait = Math.min(millis, Math.max(0, deadline.remainingMillis() - DEADLINE_MARGIN_MS));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    /** The typed failure of this endpoint, for the caller's own checks of a response. */
    public AdlensException unavailable(String why) {
        return new AdlensException(ErrorCode.ENCODER_UNAVAILABLE, what + " endpoint: " + why);
    }
}
