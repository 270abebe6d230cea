package dev.adlens.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.kserve.InferMessage;
import dev.adlens.kserve.InferProtocolException;
import dev.adlens.kserve.Tensor;
import dev.adlens.pipeline.Deadline;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.visual.VisualOutputs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * visual.onnx on an inference endpoint. Each attempt's timeout is the policy's, capped by what the current
 * {@link Deadline} leaves (minus a margin for the rest of the pipeline); 429/502/503/504, connection failures and
 * timeouts are retried with jittered backoff; anything else fails at once. Every failure is ENCODER_UNAVAILABLE
 * (retryable: the dispatcher may fall back, the queue retries), and a response whose tensors disagree with the
 * contract is a failure, never a label.
 */
public final class RemoteVisualEncoder implements VisualEncoder {
    /** Time kept back from the deadline for OCR join, head and the DynamoDB write. */
    static final long DEADLINE_MARGIN_MS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RemoteVisualEncoder.class);

    private final VisualContract contract;
    private final InferenceTransport transport;
    private final RetryPolicy retry;
    /** Starts as configured; turns false for good if the endpoint refuses binary tensors (no extension support). */
    private volatile boolean binary;

    public RemoteVisualEncoder(VisualContract contract, InferenceTransport transport, RetryPolicy retry, boolean binary) {
        this.contract = contract;
        this.transport = transport;
        this.retry = retry;
        this.binary = binary;
    }

    @Override
    public VisualContract contract() {
        return contract;
    }

    /** Whether requests currently use the binary tensor extension. */
    public boolean binary() {
        return binary;
    }

    public InferenceTransport transport() {
        return transport;
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images) throws AdlensException {
        if (images.isEmpty()) {
            return List.of();
        }
        Tensor input = VisualOutputs.imageTensor(contract, images);
        boolean asBinary = binary;
        InferMessage.Encoded request = InferMessage.request(List.of(input), VisualOutputs.OUTPUTS, asBinary);
        String last = "no attempt";
        for (int attempt = 0; attempt < retry.maxAttempts(); attempt++) {
            if (attempt > 0) {
                sleepWithinDeadline(retry.backoffMillis(attempt));
            }
            long left = Deadline.remainingMillis() - DEADLINE_MARGIN_MS;
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
                return parse(r, images.size());
            }
            last = "HTTP " + r.status() + " " + errorText(r.body());
            if (r.status() == 400 && asBinary) {
                // a KServe server without the binary tensor extension: JSON tensors from now on (not an attempt)
                LOG.atWarn().addKeyValue("endpoint", transport.describe())
                        .log("binary tensors refused ({}); falling back to JSON tensors", last);
                binary = false;
                asBinary = false;
                request = InferMessage.request(List.of(input), VisualOutputs.OUTPUTS, false);
                attempt--;
                continue;
            }
            if (!RetryPolicy.retryable(r.status())) {
                throw unavailable(last);
            }
        }
        throw unavailable(retry.maxAttempts() + " attempts failed, last: " + last);
    }

    private List<VisualFeatures> parse(InferenceTransport.Response r, int n) throws AdlensException {
        try {
            Map<String, Tensor> outputs = InferMessage.parse(r.body(), r.headerLength(), "outputs").tensors();
            return VisualOutputs.fromTensors(contract, n, outputs);
        } catch (InferProtocolException e) {
            throw unavailable("malformed response: " + e.getMessage());
        } catch (AdlensException e) {
            throw unavailable("response does not match the contract: " + e.getMessage());
        }
    }

    /**
     * Compares the endpoint's model metadata (KServe GET /v2/models/{m}) with the local contract: names, datatypes
     * and shapes of the input and all five outputs.
     *
     * @throws AdlensException MODEL_INVALID when they disagree, ENCODER_UNAVAILABLE when it cannot be read
     */
    public void checkMetadata(Duration timeout) throws AdlensException {
        if (!(transport instanceof KServeHttpTransport http)) {
            return;
        }
        JsonNode m;
        try {
            m = JSON.readTree(http.metadata(timeout));
        } catch (IOException e) {
            throw unavailable("model metadata: " + e.getMessage());
        }
        Map<String, long[]> expected = Map.of(VisualOutputs.INPUT, new long[]{-1, contract.height(), contract.width(), 3},
                "global", new long[]{-1, contract.globalDim()}, "objects", new long[]{-1, contract.topL(),
                        contract.objectDim()}, "boxes", new long[]{-1, contract.topL(), 4},
                "classes", new long[]{-1, contract.topL()}, "scores", new long[]{-1, contract.topL()});
        int seen = 0;
        for (String field : new String[]{"inputs", "outputs"}) {
            for (JsonNode t : m.path(field)) {
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
                            .asText() + " has shape " + shape + ", the local contract says " + java.util.Arrays.toString(want));
                }
            }
        }
        if (seen != expected.size()) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, transport.describe() + " does not serve the visual contract"
                    + " (found " + seen + " of its 6 tensors)");
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

    private static void sleepWithinDeadline(long millis) throws AdlensException {
        long wait = Math.min(millis, Math.max(0, Deadline.remainingMillis() - DEADLINE_MARGIN_MS));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static AdlensException unavailable(String why) {
        return new AdlensException(ErrorCode.ENCODER_UNAVAILABLE, "visual encoder endpoint: " + why);
    }
}
