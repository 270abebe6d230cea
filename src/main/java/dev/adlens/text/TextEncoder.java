package dev.adlens.text;

import dev.adlens.error.AdlensException;
import dev.adlens.time.Deadline;
import java.util.List;

/**
 * Runs {@code text.onnx} (in process or on an inference endpoint): token ids in, token-level contextual vectors out.
 * Implementations are thread-safe.
 */
public interface TextEncoder {
    TextContract contract();

    /**
     * One array per input, row-major [length x dim], the hidden state of each token. Empty texts give empty arrays.
     *
     * @throws AdlensException ENCODER_FAILED for a model error, ENCODER_UNAVAILABLE for a transient one
     */
    List<float[]> encode(List<TokenizedText> batch) throws AdlensException;

    /**
     * The same, allowed to pad texts together in one run: much faster for many short texts (category phrases), at the
     * price of slightly different vectors (text.onnx is dynamically quantized: cosine ≥ 0.99 to a text run alone).
     * Never for the head's inputs, which must be what the head was trained on.
     */
    default List<float[]> encodeBatched(List<TokenizedText> batch) throws AdlensException {
        return encode(batch);
    }

    /** The same within {@code deadline} (see {@code VisualEncoder}: only an encoder that waits uses it). */
    default List<float[]> encode(List<TokenizedText> batch, Deadline deadline) throws AdlensException {
        return encode(batch);
    }
}
