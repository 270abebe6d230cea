package dev.adlens.ocr;

import java.nio.file.Path;

/**
 * OCR settings. {@code engines}: native Tesseract instances (one per concurrent worker; each holds ~40 MB);
 * {@code minConfidence}: words below it are dropped as junk; {@code colourfulFraction}: an image whose share of
 * strongly saturated pixels reaches it also gets the min-channel pass that recovers light text on colour.
 */
public record OcrConfig(Path tessdata, String language, int engines, float minConfidence, double colourfulFraction) {
    public static OcrConfig defaults(Path tessdata) {
        return new OcrConfig(tessdata, "eng", 1, 55f, 0.08);
    }
}
