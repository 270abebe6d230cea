package dev.adlens.visual;

import java.util.List;

/**
 * What the NSFW classifier inside {@code visual.onnx} (nsfwjs's MobileNetV2, its own classification layer) says of
 * the whole image: softmax probabilities over nsfwjs's five classes, in nsfwjs's order. {@link #UNMEASURED} stands
 * for an encoder that does not give them (an older model, a remote endpoint without the output); it is never read
 * as "safe".
 */
public record AdultScores(double drawing, double hentai, double neutral, double porn, double sexy,
                          boolean measured) {
    /** nsfwjs's class order: the order of the {@code adult} output's five columns. */
    public static final List<String> CLASSES = List.of("drawing", "hentai", "neutral", "porn", "sexy");
    public static final AdultScores UNMEASURED = new AdultScores(0, 0, 0, 0, 0, false);

    public AdultScores {
        for (double p : new double[] {drawing, hentai, neutral, porn, sexy}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("adult score outside [0,1]: " + p);
            }
        }
    }

    /** Five probabilities in {@link #CLASSES} order. */
    public static AdultScores of(float[] p) {
        if (p.length != CLASSES.size()) {
            throw new IllegalArgumentException(p.length + " adult scores, expected " + CLASSES.size());
        }
        return new AdultScores(p[0], p[1], p[2], p[3], p[4], true);
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
}
