package dev.adlens.ocr;

import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;
import dev.adlens.time.Deadline;

/** Reads the text of an ad. Implementations are thread-safe. */
public interface Ocr {
    /**
     * Reads by {@code deadline}.
     *
     * @throws AdlensException OCR_FAILED when the engine fails on this image, PROCESSING_TIMEOUT when the time is up
     */
    OcrResult read(RgbImage image, Deadline deadline) throws AdlensException;

    /** {@link #read(RgbImage, Deadline)} without a time limit. */
    default OcrResult read(RgbImage image) throws AdlensException {
        return read(image, Deadline.NONE);
    }
}
