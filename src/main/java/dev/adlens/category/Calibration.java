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
 */
public record Calibration(double temperature, double selectAt, double unclearBelow, double exampleWeight,
                          double exampleHalf) {
    /** Defaults measured on web-ads train (models/README.md, "Category engine"). */
    public static final Calibration DEFAULT = new Calibration(0.05, 0.5, 0.15, 1.0, 1.0);

    public Calibration {
        if (!(temperature > 0) || selectAt < 0 || selectAt > 1 || unclearBelow < 0 || unclearBelow > 1
                || exampleWeight < 0 || exampleWeight > 1 || !(exampleHalf > 0)) {
            throw new IllegalArgumentException("calibration out of range: temperature > 0, selectAt, unclearBelow and "
                    + "exampleWeight in [0, 1], exampleHalf > 0");
        }
    }
}
