package dev.adlens.ocr;

import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;

/** Reads the text of an ad. Implementations are thread-safe. */
public interface Ocr {
    /**
     * @throws AdlensException OCR_FAILED when the engine fails on this image
     */
    OcrResult read(RgbImage image) throws AdlensException;
}
