package dev.adlens.visual;

import java.util.List;

/**
 * What the visual encoder says about one image: the global feature {@code [Dg]}, the region feature of each of
 * the top-L detections {@code [L][Do]} (row i belongs to detection i) and the detections themselves, highest
 * score first. Arrays are owned by the record; {@link #toString()} leaves the vectors out.
 */
public record VisualFeatures(float[] global, float[][] objects, List<Detection> detections) {
    public VisualFeatures {
        detections = List.copyOf(detections);
        if (objects.length != detections.size()) {
            throw new IllegalArgumentException(objects.length + " object rows for " + detections.size() + " detections");
        }
    }

    @Override
    public String toString() {
        return "VisualFeatures[global=" + global.length + "d, objects=" + objects.length + ", detections="
                + detections + "]";
    }
}
