package dev.adlens.quality;

import dev.adlens.visual.AdultScores;

/**
 * What the ad-quality model reads of one ad, all of it already computed by the labeling pipeline: the text encoder's
 * sentence vector of the OCR text ({@code null} for an embedder without one), the number of OCR words, the adult
 * scores of the picture ({@link AdultScores#UNMEASURED} where the visual encoder has none) and the visual model's
 * global vector ({@code null} for an ad without a picture: a text ad).
 */
public record QualitySignals(float[] sentence, int words, AdultScores adult, float[] global) {
    public QualitySignals {
        if (words < 0) {
            throw new IllegalArgumentException("negative word count " + words);
        }
        java.util.Objects.requireNonNull(adult, "adult (AdultScores.UNMEASURED when unknown)");
    }
}
