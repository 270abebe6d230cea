package dev.adlens.text;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.onnx.OnnxModel;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code text.onnx} in process with ONNX Runtime (CPU). Thread-safe: the shared session allows concurrent runs
 * and each call owns its tensors. Does not own the {@link OnnxModel}.
 */
public final class LocalOnnxTextEncoder implements TextEncoder {
    private final OnnxModel model;
    private final TextContract contract;

    public LocalOnnxTextEncoder(OnnxModel model) throws AdlensException {
        this.model = model;
        this.contract = TextContract.fromMetadata(model.metadata());
    }

    @Override
    public TextContract contract() {
        return contract;
    }

    @Override
    public List<float[]> encode(List<TokenizedText> batch) throws AdlensException {
        List<TokenizedText> nonEmpty = batch.stream().filter(t -> t.length() > 0).toList();
        List<float[]> out = new ArrayList<>(batch.size());
        if (nonEmpty.isEmpty()) {
            batch.forEach(t -> out.add(new float[0]));
            return out;
        }
        TextBatch padded = TextBatch.of(nonEmpty);
        float[] states = run(padded);
        int row = 0;
        for (TokenizedText t : batch) {
            if (t.length() == 0) {
                out.add(new float[0]);
                continue;
            }
            float[] one = new float[t.length() * contract.dim()];
            System.arraycopy(states, row * padded.width() * contract.dim(), one, 0, one.length);
            out.add(one);
            row++;
        }
        return out;
    }

    /** Runs the graph on a padded batch; the result is [n, width, dim] row-major (what serve-encoders answers). */
    public float[] run(TextBatch batch) throws AdlensException {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            long[][] data = {batch.inputIds(), batch.attentionMask(), batch.tokenTypeIds()};
            for (int i = 0; i < TextContract.INPUTS.length; i++) {
                inputs.put(TextContract.INPUTS[i], OnnxTensor.createTensor(model.environment(),
                        LongBuffer.wrap(data[i]), batch.shape()));
            }
            try (OrtSession.Result result = model.session().run(inputs)) {
                OnnxTensor t = (OnnxTensor) result.get(TextContract.OUTPUT)
                        .orElseThrow(() -> new OrtException("missing output " + TextContract.OUTPUT));
                FloatBuffer b = t.getFloatBuffer();
                float[] a = new float[b.remaining()];
                b.get(a);
                return a;
            }
        } catch (OrtException e) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, "text.onnx failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
