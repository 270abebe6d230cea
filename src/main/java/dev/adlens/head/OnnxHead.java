package dev.adlens.head;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.onnx.OnnxModel;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs head.onnx. Thread-safe (shared ORT session, per-call tensors); does not own the model. */
public final class OnnxHead implements Head {
    private static final String[] OUTPUTS = {"topic_probs", "sentiment_probs", "topic_modality", "sentiment_modality",
            "topic_object_attention", "topic_word_attention", "sentiment_object_attention", "sentiment_word_attention"};
    private final OnnxModel model;
    private final HeadSpec spec;

    private final java.util.Set<String> declared;

    public OnnxHead(OnnxModel model, HeadSpec spec) throws AdlensException {
        this.model = model;
        this.spec = spec;
        try {
            this.declared = java.util.Set.copyOf(model.session().getInputNames());
        } catch (RuntimeException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "head.onnx inputs unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public HeadSpec spec() {
        return spec;
    }

    /**
     * @throws AdlensException ENCODER_FAILED when ONNX Runtime fails or an input has the wrong size
     */
    @Override
    public List<HeadOutput> run(List<HeadInput> batch) throws AdlensException {
        int n = batch.size();
        if (n == 0) {
            return List.of();
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("global", tensor(batch, HeadInput::global, n, spec.globalDim()));
            inputs.put("objects", tensor(batch, HeadInput::objects, n, spec.topL(), spec.objectDim()));
            inputs.put("object_mask", tensor(batch, HeadInput::objectMask, n, spec.topL()));
            inputs.put("words", tensor(batch, HeadInput::words, n, spec.maxWords(), spec.wordDim()));
            inputs.put("word_mask", tensor(batch, HeadInput::wordMask, n, spec.maxWords()));
            if (spec.sentenceDim() > 0) {
                inputs.put("sentence", tensor(batch, HeadInput::sentence, n, spec.sentenceDim()));
            }
            // torch.onnx drops inputs a graph never reads (an ablation without one): feed only what it declares
            Map<String, OnnxTensor> fed = new HashMap<>(inputs);
            fed.keySet().retainAll(declared);
            try (OrtSession.Result result = model.run(fed)) {
                float[][][] out = new float[OUTPUTS.length][][];
                for (int i = 0; i < OUTPUTS.length; i++) {
                    out[i] = (float[][]) result.get(OUTPUTS[i]).orElseThrow().getValue();
                }
                List<HeadOutput> outputs = new ArrayList<>(n);
                for (int b = 0; b < n; b++) {
                    outputs.add(new HeadOutput(out[0][b], out[1][b], out[2][b], out[3][b], out[4][b], out[5][b],
                            out[6][b], out[7][b]));
                }
                return outputs;
            }
        } catch (OrtException | java.util.NoSuchElementException e) {
            throw new AdlensException(ErrorCode.HEAD_FAILED, "head.onnx failed: " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private OnnxTensor tensor(List<HeadInput> batch, java.util.function.Function<HeadInput, float[]> field, int n,
                              long... dims) throws OrtException, AdlensException {
        long per = 1;
        for (long d : dims) {
            per *= d;
        }
        FloatBuffer buf = FloatBuffer.allocate((int) (per * n));
        for (HeadInput in : batch) {
            float[] v = field.apply(in);
            if (v.length != per) {
                throw new AdlensException(ErrorCode.HEAD_FAILED, "head input has " + v.length + " values, expected "
                        + per);
            }
            buf.put(v);
        }
        buf.flip();
        long[] shape = new long[dims.length + 1];
        shape[0] = n;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        return OnnxTensor.createTensor(model.environment(), buf, shape);
    }
}
