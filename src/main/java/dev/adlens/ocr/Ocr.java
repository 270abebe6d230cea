package dev.adlens.ocr;

import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;

/** Reads the text of an ad. Implementations are thread-safe. */
public interface Ocr {
    /**
     * Reads within {@code timeoutMillis} ({@code Long.MAX_VALUE}: no limit).
     *
     * @throws AdlensException OCR_FAILED when the engine fails on this image, PROCESSING_TIMEOUT when the time is up
     */
    OcrResult read(RgbImage image, long timeoutMillis) throws AdlensException;

    /** {@link #read(RgbImage, long)} without a time limit. */
    default OcrResult read(RgbImage image) throws AdlensException {
        return read(image, Long.MAX_VALUE);
    }
}
