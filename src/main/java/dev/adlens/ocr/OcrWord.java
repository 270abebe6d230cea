package dev.adlens.ocr;

/** One recognised word: text, Tesseract confidence 0..100, box {@code x,y,w,h} in the decoded image's pixels. */
public record OcrWord(String text, float confidence, int x, int y, int width, int height) {
    double iou(OcrWord o) {
        int ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
        int iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
        double inter = (double) ix * iy;
        double union = (double) width * height + (double) o.width * o.height - inter;
        return union <= 0 ? 0 : inter / union;
    }
}
