package dev.adlens.category;

/**
 * How similarities become decisions for one taxonomy (its file's {@code calibration} block; every field optional).
 *
 * @param temperature   softmax temperature over cosine similarities (smaller: sharper)
 * @param selectAt      a category is selected when its probability reaches this
 * @param unclearBelow  when the best top-level category's probability is below this, the answer is "unclear"
 *                      and nothing is selected
 * @param exampleWeight how much the example-ad prototype counts against the phrases once a category has examples
 *                      (grows with the number of examples k as k / (k + exampleHalf))
 * @param exampleHalf   the number of examples at which examples and phrases count the same
 * @param noneAt        null when every ad belongs to one of the categories (the file's {@code "exhaustive"}, by
 *                      default); otherwise "none of them" competes with the top-level categories as one more answer,
 *                      as if it were a category whose texts the ad resembles at this cosine (on the text encoder's
 *                      scale), and an ad it beats gets no category
 */
public record Calibration(double temperature, double selectAt, double unclearBelow, double exampleWeight,
                          double exampleHalf, Double noneAt) {
    /** Defaults measured on web-ads train (models/README.md, "Category engine"). */
    public static final Calibration DEFAULT = new Calibration(0.05, 0.5, 0.15, 1.0, 1.0, null);

    /**
     * Where "none of them" stands when a file says {@code "exhaustive": false} and sets no {@code noneAt}: chosen on
     * fitting sets with taxonomies made of a few of a label set's categories, every other ad's answer being "none"
     * (models/README.md, "Taxonomies most ads are none of").
     */
    public static final double NONE_AT = 0.62;

    public Calibration {
        if (!(temperature > 0) || selectAt < 0 || selectAt > 1 || unclearBelow < 0 || unclearBelow > 1
                || exampleWeight < 0 || exampleWeight > 1 || !(exampleHalf > 0)
                || noneAt != null && !(noneAt >= -1 && noneAt <= 1)) {
            throw new IllegalArgumentException("calibration out of range: temperature > 0, selectAt, unclearBelow and "
                    + "exampleWeight in [0, 1], exampleHalf > 0, noneAt in [-1, 1]");
        }
    }

    /** Whether every ad is taken to belong to one of the categories ("none of them" is never the answer). */
    public boolean exhaustive() {
        return noneAt == null;
    }
}
