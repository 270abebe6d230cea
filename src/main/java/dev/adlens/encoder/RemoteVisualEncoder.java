package dev.adlens.encoder;

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
        Map<String, Tensor> outputs = client.infer(List.of(input), VisualOutputs.OUTPUTS, deadline);
        try {
            return VisualOutputs.fromTensors(contract, images.size(), outputs);
        } catch (AdlensException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "visual encoder endpoint: response does not match the"
                    + " contract: " + e.getMessage(), e);
        }
    }

    /**
     * Compares the endpoint's model metadata (KServe GET /v2/models/{m}) with the local contract: names, datatypes
     * and shapes of the input and all five outputs.
     *
     * @throws AdlensException MODEL_INVALID when they disagree, ENCODER_UNAVAILABLE when it cannot be read
     */
    public void checkMetadata(Duration timeout) throws AdlensException {
        Map<String, long[]> expected = new HashMap<>();
        expected.put(VisualOutputs.INPUT, VisualOutputs.input(contract).shape());
        VisualOutputs.outputs(contract).forEach(t -> expected.put(t.name(), t.shape()));
        client.checkShapes(client.metadata(timeout), expected);
    }
}
