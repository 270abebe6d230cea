package dev.adlens.pipeline;

import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.ModelVersions;
import dev.adlens.time.Deadline;

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

    /** {@link #label(String, byte[], Deadline)} with no deadline of the caller's (the image's own budget applies). */
    default LabelOutcome label(String image, byte[] bytes) {
        return label(image, bytes, Deadline.NONE);
    }

    /** A text ad (no image); {@code id} names it in the outcome. */
    LabelOutcome labelText(String id, String text);

    /** The versions of the models that label. */
    ModelVersions versions();
}
