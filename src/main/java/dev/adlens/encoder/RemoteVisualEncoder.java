package dev.adlens.encoder;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.time.Deadline;
import dev.adlens.image.RgbImage;
import dev.adlens.tensor.Tensor;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.visual.VisualOutputs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * visual.onnx on an inference endpoint ({@link EndpointClient}: retries, deadline, JSON fallback). A response whose
 * tensors disagree with the contract is ENCODER_UNAVAILABLE, never a label.
 */
public final class RemoteVisualEncoder implements VisualEncoder {
    private final VisualContract contract;
    private final EndpointClient client;
    /**
     * Whether to ask the endpoint for the {@code adult} output: only once its metadata has listed it (the start check
     * of {@code auto}, {@link #checkMetadata}); until then, and for an endpoint serving a visual.onnx built before the
     * output, the ads' adult scores are UNMEASURED and the endpoint still works. Never a request of its own: a
     * failing endpoint sees no more calls than before. A transport without metadata (SageMaker, which runs the same
     * serve-encoders image) is asked for what the local contract has once checked.
     */
    private volatile boolean endpointAdult;

    public RemoteVisualEncoder(VisualContract contract, InferenceTransport transport, RetryPolicy retry, boolean binary) {
        this.contract = contract;
        this.client = new EndpointClient("visual encoder", transport, retry, binary);
    }

    @Override
    public VisualContract contract() {
        return contract;
    }

    /** Whether requests currently use the binary tensor extension. */
    public boolean binary() {
        return client.binary();
    }

    public InferenceTransport transport() {
        return client.transport();
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images) throws AdlensException {
        return encode(images, Deadline.NONE);
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images, Deadline deadline) throws AdlensException {
        if (images.isEmpty()) {
            return List.of();
        }
        if (!client.binary() && images.size() > 1) {
            // JSON tensors go one image a request (serve-encoders refuses JSON batches: parsing them costs ~10x memory)
            List<VisualFeatures> all = new ArrayList<>(images.size());
            for (RgbImage image : images) {
                all.addAll(encode(List.of(image), deadline));
            }
            return all;
        }
        Tensor input = VisualOutputs.imageTensor(contract, images);
        List<String> wanted = endpointAdult() ? VisualOutputs.names(contract) : VisualOutputs.OUTPUTS;
        Map<String, Tensor> outputs = client.infer(List.of(input), wanted, deadline);
        try {
            return VisualOutputs.fromTensors(contract, images.size(), outputs);
        } catch (AdlensException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "visual encoder endpoint: response does not match the"
                    + " contract: " + e.getMessage(), e);
        }
    }

    /**
     * Compares the endpoint's model metadata (KServe GET /v2/models/{m}) with the local contract: names, datatypes
     * and shapes of the input and all five feature outputs, and of {@code adult} where the endpoint has it; notes
     * whether it has it.
     *
     * @throws AdlensException MODEL_INVALID when they disagree, ENCODER_UNAVAILABLE when it cannot be read
     */
    public void checkMetadata(Duration timeout) throws AdlensException {
        JsonNode meta = client.metadata(timeout);
        boolean servesAdult = contract.hasAdult() && (meta == null || lists(meta, VisualOutputs.ADULT));
        Map<String, long[]> expected = new HashMap<>();
        expected.put(VisualOutputs.INPUT, VisualOutputs.input(contract).shape());
        VisualOutputs.outputs(contract).stream()
                .filter(t -> servesAdult || !t.name().equals(VisualOutputs.ADULT))
                .forEach(t -> expected.put(t.name(), t.shape()));
        client.checkShapes(meta, expected);
        endpointAdult = servesAdult;
    }

    /** Whether requests ask for {@code adult}: what the last metadata check found. */
    boolean endpointAdult() {
        return endpointAdult;
    }

    private static boolean lists(JsonNode meta, String output) {
        for (JsonNode t : meta.path("outputs")) {
            if (output.equals(t.path("name").asText())) {
                return true;
            }
        }
        return false;
    }
}
