package dev.adlens.visual;

import java.util.List;
import java.util.Optional;

/**
 * What the NSFW classifier inside {@code visual.onnx} (nsfwjs's MobileNetV2, its own classification layer) says of
 * the whole image: softmax probabilities over nsfwjs's five classes, in nsfwjs's order. {@link #UNMEASURED} stands
 * for an encoder that does not give them (an older model, a remote endpoint without the output); it is never read
 * as "safe".
 *
 * <p>{@code secondOpinion} is what {@code adult-check.onnx} (nsfwjs's InceptionV3, {@link AdultCheck}) says of the same
 * image, asked only where these scores alone would fire an adult rule of the policy; null where it was not asked. A
 * rule then reads {@link #agreed}: the lower of the two, so an adult flag needs both models.
 */
public record AdultScores(double drawing, double hentai, double neutral, double porn, double sexy,
                          boolean measured, AdultScores secondOpinion) {
    /** nsfwjs's class order: the order of the {@code adult} output's five columns. */
    public static final List<String> CLASSES = List.of("drawing", "hentai", "neutral", "porn", "sexy");
    public static final AdultScores UNMEASURED = new AdultScores(0, 0, 0, 0, 0, false);

    public AdultScores {
        for (double p : new double[] {drawing, hentai, neutral, porn, sexy}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("adult score outside [0,1]: " + p);
            }
        }
        if (secondOpinion != null && (!measured || !secondOpinion.measured || secondOpinion.secondOpinion != null)) {
            throw new IllegalArgumentException("a second opinion needs measured first scores and is itself one model's");
        }
    }

    /** One model's scores. */
    public AdultScores(double drawing, double hentai, double neutral, double porn, double sexy, boolean measured) {
        this(drawing, hentai, neutral, porn, sexy, measured, null);
    }

    /** Five probabilities in {@link #CLASSES} order. */
    public static AdultScores of(float[] p) {
        if (p.length != CLASSES.size()) {
            throw new IllegalArgumentException(p.length + " adult scores, expected " + CLASSES.size());
        }
        return new AdultScores(p[0], p[1], p[2], p[3], p[4], true);
    }

    /** These scores with {@code second} as the second opinion. */
    public AdultScores withSecondOpinion(AdultScores second) {
        return new AdultScores(drawing, hentai, neutral, porn, sexy, measured, second);
    }

    public Optional<AdultScores> second() {
        return Optional.ofNullable(secondOpinion);
    }

    /** The score of one class by its nsfwjs name. */
    public double score(String name) {
        return switch (name) {
            case "drawing" -> drawing;
            case "hentai" -> hentai;
            case "neutral" -> neutral;
            case "porn" -> porn;
            case "sexy" -> sexy;
            default -> throw new IllegalArgumentException("no adult class " + name);
        };
    }

    /** What a rule reads: the score, or, where a second opinion was asked, the lower of the two models' scores. */
    public double agreed(String name) {
        return secondOpinion == null ? score(name) : Math.min(score(name), secondOpinion.score(name));
    }
}
