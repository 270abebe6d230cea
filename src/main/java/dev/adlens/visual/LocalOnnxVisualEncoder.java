package dev.adlens.visual;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.tensor.Tensor;
import dev.adlens.onnx.OnnxModel;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code visual.onnx} in process with ONNX Runtime (CPU). Thread-safe: the shared session allows
 * concurrent runs and every call owns its tensors. Does not own the {@link OnnxModel}.
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
        ByteBuffer batch = ByteBuffer.allocateDirect(image.data().length);
        batch.put(image.data()).flip();
        try (OnnxTensor input = OnnxTensor.createTensor(model.environment(), batch, image.shape(), OnnxJavaType.UINT8);
             OrtSession.Result result = model.run(Map.of(VisualOutputs.INPUT, input))) {
            Map<String, Tensor> out = new LinkedHashMap<>();
            for (String name : VisualOutputs.OUTPUTS) {
                OnnxTensor t = (OnnxTensor) result.get(name).orElseThrow(() -> new OrtException("missing output " + name));
                long[] shape = t.getInfo().getShape();
                out.put(name, t.getInfo().type == OnnxJavaType.INT64
                        ? Tensor.ofLongs(name, shape, toArray(t.getLongBuffer()))
                        : Tensor.ofFloats(name, shape, toArray(t.getFloatBuffer())));
            }
            return out;
        } catch (OrtException e) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, "visual.onnx failed: " + e.getMessage(), e);
        }
    }

    private static float[] toArray(FloatBuffer b) {
        float[] a = new float[b.remaining()];
        b.get(a);
        return a;
    }

    private static long[] toArray(LongBuffer b) {
        long[] a = new long[b.remaining()];
        b.get(a);
        return a;
    }
}
