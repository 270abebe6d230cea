package dev.adlens.quality;

import java.util.List;
import java.util.Map;

/**
 * What viewers would think of an ad, per opinion: a calibrated score that reads as "the share of viewers who would
 * say so" (Zeng et al., CHI 2021's opinion labels, learned from web-ads train). {@code formats} is the ad unit's
 * kind (native, advertorial, …) where it measures well, else empty. {@link #UNMEASURED}: no quality model loaded.
 */
public record QualityScores(Map<String, Double> opinions, Map<String, Double> formats, boolean measured) {
    /** The opinions scored, in output order. */
    public static final List<String> OPINIONS = List.of("clickbait", "deceptive", "manipulative", "distasteful");
    public static final QualityScores UNMEASURED = new QualityScores(Map.of(), Map.of(), false);

    public QualityScores {
        opinions = Map.copyOf(opinions);
        formats = Map.copyOf(formats);
        for (double p : opinions.values()) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("opinion share outside [0,1]: " + p);
            }
        }
    }
}
