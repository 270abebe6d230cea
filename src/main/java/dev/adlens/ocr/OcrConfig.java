package dev.adlens.ocr;

import java.nio.file.Path;

/**
 * OCR settings. {@code engines}: native Tesseract instances (one per concurrent worker; each holds ~40 MB; as many
 * spares again for second passes when {@link TesseractOcr} has a pass executor);
 * {@code minConfidence}: words below it are dropped as junk; {@code colourfulFraction}: an image whose share of
 * strongly saturated pixels reaches it also gets the min-channel pass that recovers light text on colour;
 * {@code upscaleBelow}: images with a smaller longer side are read at 2x; {@code maxSide}: larger ones are read
 * downscaled to it.
 */
public record OcrConfig(Path tessdata, String language, int engines, float minConfidence, double colourfulFraction,
                        int upscaleBelow, int maxSide) {
    public OcrConfig(Path tessdata, String language, int engines, float minConfidence, double colourfulFraction) {
        this(tessdata, language, engines, minConfidence, colourfulFraction, UPSCALE_BELOW, MAX_SIDE);
    }

    /**
     * Larger images are read downscaled so that the longer side is this many pixels (ad text is large). Chosen with
     * {@link #UPSCALE_BELOW} on 240 rendered ads (models/README.md, "OCR settings"): word recall 0.943 vs 0.940 for
     * the former (2x below 1000 px, no limit), OCR p50 196 vs 233 ms, p95 428 vs 522 ms. The head is trained on these.
     */
    public static final int MAX_SIDE = 1024;

    /** Images whose longer side is under this many pixels are read at 2x (small print on small banners). */
    public static final int UPSCALE_BELOW = 640;

    public static OcrConfig defaults(Path tessdata) {
        return new OcrConfig(tessdata, "eng", 1, 55f, 0.08);
    }
}
