package dev.adlens.visual;

import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;
import java.util.List;

/**
 * Runs {@code visual.onnx} (in process or on an inference endpoint). Implementations are thread-safe and
 * resize inputs themselves according to {@link #contract()}.
 */
public interface VisualEncoder {
    /** The input/output contract read from the model, never re-typed by callers. */
    VisualContract contract();

    /**
     * Encodes a batch of images; the result has one entry per input, in order.
     *
     * @throws AdlensException ENCODER_FAILED for a model error, ENCODER_UNAVAILABLE for a transient one
     */
    List<VisualFeatures> encode(List<RgbImage> images) throws AdlensException;
}
