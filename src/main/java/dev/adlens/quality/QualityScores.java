package dev.adlens.quality;

import java.util.List;
import java.util.Map;

/**
 * What viewers would think of an ad, per opinion: a calibrated score that reads as "the share of viewers who would
 * say so" (Zeng et al., CHI 2021's opinion labels, learned from web-ads train). {@code formats}: per kind of ad unit
 * that measured well (native, advertorial, …; the researchers' format labels), the calibrated chance that the ad is
 * one; empty for an ad without a picture. {@link #UNMEASURED}: no quality model loaded.
 */
public record QualityScores(Map<String, Double> opinions, Map<String, Double> formats, boolean measured) {
    /** The opinions scored, in output order. */
    public static final List<String> OPINIONS = List.of("clickbait", "deceptive", "manipulative", "distasteful");
    /**
     * The ad formats a quality model may score (models/train/quality.py ships those that measured well on web-ads):
     * what a policy's {@code adFormats} rules may name.
     */
    public static final List<String> FORMATS = List.of("advertorial", "googleResponsive", "image", "native");
    public static final QualityScores UNMEASURED = new QualityScores(Map.of(), Map.of(), false);

    public QualityScores {
        opinions = Map.copyOf(opinions);
        formats = Map.copyOf(formats);
        requireProbabilities(opinions, "opinion share");
        requireProbabilities(formats, "format probability");
    }

    private static void requireProbabilities(Map<String, Double> scores, String what) {
        for (double p : scores.values()) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException(what + " outside [0,1]: " + p);
            }
        }
    }
}
