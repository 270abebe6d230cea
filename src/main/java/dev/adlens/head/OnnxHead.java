package dev.adlens.head;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.tensor.Tensor;
import dev.adlens.tensor.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs head.onnx. Thread-safe (a shared session, per-call tensors); does not own the model. */
public final class OnnxHead implements Head {
    private static final String[] OUTPUTS = {"topic_probs", "sentiment_probs", "topic_modality", "sentiment_modality",
            "topic_object_attention", "topic_word_attention", "sentiment_object_attention", "sentiment_word_attention"};
    private final OnnxModel model;
    private final HeadSpec spec;

    private final Set<String> declared;

    public OnnxHead(OnnxModel model, HeadSpec spec) throws AdlensException {
        this.model = model;
        this.spec = spec;
        try {
            this.declared = model.inputs().stream().map(TensorSpec::name).collect(Collectors.toSet());
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
        Map<String, Tensor> inputs = new HashMap<>();
        inputs.put("global", tensor("global", batch, HeadInput::global, n, spec.globalDim()));
        inputs.put("objects", tensor("objects", batch, HeadInput::objects, n, spec.topL(), spec.objectDim()));
        inputs.put("object_mask", tensor("object_mask", batch, HeadInput::objectMask, n, spec.topL()));
        inputs.put("words", tensor("words", batch, HeadInput::words, n, spec.maxWords(), spec.wordDim()));
        inputs.put("word_mask", tensor("word_mask", batch, HeadInput::wordMask, n, spec.maxWords()));
        if (spec.sentenceDim() > 0) {
            inputs.put("sentence", tensor("sentence", batch, HeadInput::sentence, n, spec.sentenceDim()));
        }
        // torch.onnx drops inputs a graph never reads (an ablation without one): feed only what it declares
        inputs.keySet().retainAll(declared);
        Map<String, Tensor> result = model.run(inputs, ErrorCode.HEAD_FAILED);
        float[][] out = new float[OUTPUTS.length][];
        int[] width = new int[OUTPUTS.length];
        for (int i = 0; i < OUTPUTS.length; i++) {
            Tensor t = result.get(OUTPUTS[i]);
            if (t == null) {
                throw new AdlensException(ErrorCode.HEAD_FAILED, "head.onnx failed: missing output " + OUTPUTS[i]);
            }
            out[i] = t.floats();
            width[i] = out[i].length / n;
        }
        List<HeadOutput> outputs = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            float[][] row = new float[OUTPUTS.length][];
            for (int i = 0; i < OUTPUTS.length; i++) {
                row[i] = Arrays.copyOfRange(out[i], b * width[i], (b + 1) * width[i]);
            }
            outputs.add(new HeadOutput(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7]));
        }
        return outputs;
    }

    private static Tensor tensor(String name, List<HeadInput> batch, Function<HeadInput, float[]> field,
                                 int n, long... dims) throws AdlensException {
        long per = 1;
        for (long d : dims) {
            per *= d;
        }
        float[] values = new float[(int) (per * n)];
        int at = 0;
        for (HeadInput in : batch) {
            float[] v = field.apply(in);
            if (v.length != per) {
                throw new AdlensException(ErrorCode.HEAD_FAILED, "head input has " + v.length + " values, expected "
                        + per);
            }
            System.arraycopy(v, 0, values, at, v.length);
            at += v.length;
        }
        long[] shape = new long[dims.length + 1];
        shape[0] = n;
        System.arraycopy(dims, 0, shape, 1, dims.length);
        return Tensor.ofFloats(name, shape, values);
    }
}
