package dev.adlens.pipeline;

import dev.adlens.head.HeadSpec;
import dev.adlens.labels.StageTimings;
import dev.adlens.ocr.OcrWord;
import dev.adlens.visual.Detection;
import java.util.ArrayList;
import java.util.List;
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
    /**
     * Ad copy without an image (search and social ads, example texts): the words as read, the image and object inputs
     * absent (zero, masked) in the head's shapes.
     */
    public static AdFeatures textOnly(String id, List<String> words, WordSequence seq, HeadSpec spec, long wordsMs) {
        List<Detection> none = new ArrayList<>();
        for (int i = 0; i < spec.topL(); i++) {
            none.add(new Detection(0, "none", 0f, 0, 0, 0, 0));
        }
        List<OcrWord> asWords = words.stream().map(w -> new OcrWord(w, 100f, 0, 0, 0, 0)).toList();
        return new AdFeatures(id, null, new VisualFeatures(new float[spec.globalDim()],
                new float[spec.topL()][spec.objectDim()], none), new OcrResult(asWords, List.of("text")), seq,
                new StageTimings(0, 0, 0, wordsMs, 0, wordsMs));
    }

    @Override
    public String toString() {
        return "AdFeatures[" + image + ", " + visual.detections().size() + " detections, " + words + "]";
    }
}
