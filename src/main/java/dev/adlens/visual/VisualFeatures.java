package dev.adlens.visual;

import java.util.List;
import java.util.Objects;

/**
 * What the visual encoder says about one image: the global feature {@code [Dg]}, the region feature of each of
 * the top-L detections {@code [L][Do]} (row i belongs to detection i), the detections themselves, highest
 * score first, and the NSFW classifier's {@link AdultScores} ({@link AdultScores#UNMEASURED} where the encoder has
 * none). Arrays are owned by the record; {@link #toString()} leaves the vectors out.
 */
public record VisualFeatures(float[] global, float[][] objects, List<Detection> detections, AdultScores adult) {
    public VisualFeatures {
        detections = List.copyOf(detections);
        Objects.requireNonNull(adult, "adult (AdultScores.UNMEASURED when the encoder has none)");
        if (objects.length != detections.size()) {
            throw new IllegalArgumentException(objects.length + " object rows for " + detections.size() + " detections");
        }
    }

    /** Features from an encoder without the adult output. */
    public VisualFeatures(float[] global, float[][] objects, List<Detection> detections) {
        this(global, objects, detections, AdultScores.UNMEASURED);
    }

    /** The same features with other adult scores (the second opinion added to them). */
    public VisualFeatures withAdult(AdultScores scores) {
        return new VisualFeatures(global, objects, detections, scores);
    }

    @Override
    public String toString() {
        return "VisualFeatures[global=" + global.length + "d, objects=" + objects.length + ", detections="
                + detections + ", adult=" + adult + "]";
    }
}
