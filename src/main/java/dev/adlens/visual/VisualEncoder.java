package dev.adlens.visual;

import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;
import dev.adlens.time.Deadline;
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

    /**
     * The same within {@code deadline}: an encoder that waits (on an endpoint) derives its timeouts from it; one in
     * process is bounded by its fixed input size and ignores it.
     */
    default List<VisualFeatures> encode(List<RgbImage> images, Deadline deadline) throws AdlensException {
        return encode(images);
    }
}
