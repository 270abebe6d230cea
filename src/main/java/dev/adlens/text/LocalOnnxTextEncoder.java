package dev.adlens.text;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.tensor.Tensor;
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

    /**
     * Runs each text alone, never as a padded batch: text.onnx is dynamically quantized (DynamicQuantizeLinear takes
     * one scale per activation tensor), so padding and batch neighbours change every text's vectors (measured: cosine
     * 0.990-0.992 between a text alone and the same text in a batch of two). One text per run keeps what serves equal
     * to what trained the head.
     */
    @Override
    public List<float[]> encode(List<TokenizedText> batch) throws AdlensException {
        List<float[]> out = new ArrayList<>(batch.size());
        for (TokenizedText t : batch) {
            out.add(t.length() == 0 ? new float[0] : run(TextBatch.of(List.of(t))));
        }
        return out;
    }

    /** Texts per padded run in {@link #encodeBatched}. */
    static final int BATCH = 64;

    /** Padded runs of up to {@link #BATCH} texts of similar length (sorted, so padding stays small). */
    @Override
    public List<float[]> encodeBatched(List<TokenizedText> texts) throws AdlensException {
        Integer[] order = new Integer[texts.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> texts.get(i).length()));
        float[][] out = new float[texts.size()][];
        int dim = contract.dim();
        for (int from = 0; from < order.length; from += BATCH) {
            List<TokenizedText> chunk = new ArrayList<>();
            List<Integer> which = new ArrayList<>();
            for (int k = from; k < Math.min(order.length, from + BATCH); k++) {
                if (texts.get(order[k]).length() == 0) {
                    out[order[k]] = new float[0];
                } else {
                    chunk.add(texts.get(order[k]));
                    which.add(order[k]);
                }
            }
            if (chunk.isEmpty()) {
                continue;
            }
            TextBatch batch = TextBatch.of(chunk);
            float[] states = run(batch);
            for (int b = 0; b < chunk.size(); b++) {
                int len = chunk.get(b).length();
                out[which.get(b)] = java.util.Arrays.copyOfRange(states, b * batch.width() * dim,
                        (b * batch.width() + len) * dim);
            }
        }
        return java.util.Arrays.asList(out);
    }

    /** Runs the graph on a batch as given; the result is [n, width, dim] row-major (what serve-encoders answers). */
    public float[] run(TextBatch batch) throws AdlensException {
        long[][] data = {batch.inputIds(), batch.attentionMask(), batch.tokenTypeIds()};
        Map<String, Tensor> inputs = new HashMap<>();
        for (int i = 0; i < TextContract.INPUTS.length; i++) {
            inputs.put(TextContract.INPUTS[i], Tensor.ofLongs(TextContract.INPUTS[i], batch.shape(), data[i]));
        }
        Tensor out = model.run(inputs, ErrorCode.ENCODER_FAILED).get(TextContract.OUTPUT);
        if (out == null) {
            throw new AdlensException(ErrorCode.ENCODER_FAILED, "text.onnx failed: missing output " + TextContract.OUTPUT);
        }
        return out.floats();
    }
}
