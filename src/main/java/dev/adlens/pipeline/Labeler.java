package dev.adlens.pipeline;

import dev.adlens.image.RgbImage;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.ModelVersions;
import dev.adlens.time.Deadline;

import java.util.function.Consumer;

/**
 * The labeling port: what the bucket flow, the HTTP API and the CLI need from the pipeline. Input problems come back
 * as {@link LabelOutcome.Failed}, never as exceptions. {@link AdLabeler} is the implementation; tests of the policies
 * around it (ingest, API) use a stand-in without models.
 */
public interface Labeler {
    /**
     * One image's encoded bytes, done by {@code deadline} (the caller's: what is left of an invocation or a request);
     * {@code image} names it in the outcome.
     */
    LabelOutcome label(String image, byte[] bytes, Deadline deadline);

    /**
     * {@link #label(String, byte[], Deadline)}, handing the decoded image to {@code decoded} on the labeling thread
     * when it is labeled (the HTML report draws it without decoding the file again). A labeler that does not
     * decode (a stand-in) never calls it.
     */
    default LabelOutcome label(String image, byte[] bytes, Deadline deadline, Consumer<RgbImage> decoded) {
        return label(image, bytes, deadline);
    }

    /** {@link #label(String, byte[], Deadline)} with no deadline of the caller's (the image's own budget applies). */
    default LabelOutcome label(String image, byte[] bytes) {
        return label(image, bytes, Deadline.NONE);
    }

    /** A text ad (no image), done by {@code deadline}; {@code id} names it in the outcome. */
    LabelOutcome labelText(String id, String text, Deadline deadline);

    /** {@link #labelText(String, String, Deadline)} with no deadline of the caller's. */
    default LabelOutcome labelText(String id, String text) {
        return labelText(id, text, Deadline.NONE);
    }

    /** The versions of the models that label. */
    ModelVersions versions();
}
