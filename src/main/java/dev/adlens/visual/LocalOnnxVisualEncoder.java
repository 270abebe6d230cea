package dev.adlens.visual;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.tensor.Tensor;
import dev.adlens.onnx.OnnxModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code visual.onnx} in process with ONNX Runtime (CPU) through {@link OnnxModel}. Thread-safe: the shared
 * session allows concurrent runs and every call owns its tensors. Does not own the {@link OnnxModel}.
 */
public final class LocalOnnxVisualEncoder implements VisualEncoder {
    private final OnnxModel model;
    private final VisualContract contract;

    public LocalOnnxVisualEncoder(OnnxModel model) throws AdlensException {
        this.model = model;
        this.contract = VisualContract.fromMetadata(model.metadata());
    }

    @Override
    public VisualContract contract() {
        return contract;
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images) throws AdlensException {
        if (images.isEmpty()) {
            return List.of();
        }
        return VisualOutputs.fromTensors(contract, images.size(), run(VisualOutputs.imageTensor(contract, images)));
    }

    /**
     * Runs the graph on an already-sized UINT8 [N,H,W,3] tensor and returns every output as a tensor: what
     * serve-encoders answers with, and what {@link #encode} parses.
     */
    public Map<String, Tensor> run(Tensor image) throws AdlensException {
        Map<String, Tensor> result = model.run(Map.of(VisualOutputs.INPUT, image), ErrorCode.ENCODER_FAILED);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : VisualOutputs.names(contract)) {
            Tensor t = result.get(name);
            if (t == null) {
                throw new AdlensException(ErrorCode.ENCODER_FAILED, "visual.onnx failed: missing output " + name);
            }
            out.put(name, t);
        }
        return out;
    }
}
