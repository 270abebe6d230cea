package dev.adlens.pipeline;

import dev.adlens.labels.StageTimings;
import dev.adlens.image.DecodedImage;
import dev.adlens.ocr.OcrResult;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.words.WordSequence;

/**
 * Everything the head needs for one image, plus the evidence for the output (detections, OCR words). The same
 * record feeds serving and {@code adlens features} (training), so both see identical inputs.
 */
public record AdFeatures(String image, DecodedImage decoded, VisualFeatures visual, OcrResult ocr,
                         WordSequence words, StageTimings timings) {
    @Override
    public String toString() {
        return "AdFeatures[" + image + ", " + visual.detections().size() + " detections, " + words + "]";
    }
}
