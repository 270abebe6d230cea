package dev.adlens.visual;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.OnnxModel;
import java.nio.ByteBuffer;
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
        int frame = contract.width() * contract.height() * 3;
        ByteBuffer batch = ByteBuffer.allocateDirect(frame * images.size());
        for (RgbImage image : images) {
            batch.put(InputResizer.stretch(image, contract.width(), contract.height()).rgb());
        }
        batch.flip();
        long[] shape = {images.size(), contract.height(), contract.width(), 3};
        try (OnnxTensor input = OnnxTensor.createTensor(model.environment(), batch, shape, OnnxJavaType.UINT8);
             OrtSession.Result result = model.session().run(Map.of("image", input))) {
            return VisualOutputs.parse(contract, images.size(),
                    (float[][]) value(result, "global"), (float[][][]) value(result, "objects"),
                    (float[][][]) value(result, "boxes"), (long[][]) value(result, "classes"),
                    (float[][]) value(result, "scores"));
        } catch (OrtException e) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, "visual.onnx failed: " + e.getMessage(), e);
        }
    }

    private static Object value(OrtSession.Result result, String name) throws OrtException {
        return result.get(name).orElseThrow(() -> new OrtException("missing output " + name)).getValue();
    }
}
