package dev.adlens.labels;

/** Milliseconds spent per stage for one image; visual and OCR overlap, so total < the sum. */
public record StageTimings(long decodeMs, long visualMs, long ocrMs, long wordsMs, long headMs, long totalMs) {
    public StageTimings withHead(long headMs, long totalMs) {
        return new StageTimings(decodeMs, visualMs, ocrMs, wordsMs, headMs, totalMs);
    }
}
