package dev.adlens.visual;

/**
 * One detected object: COCO category id and name, detector score in [0,1], and its box as normalised
 * {@code x1,y1,x2,y2} (fractions of the image's width and height).
 */
public record Detection(int cocoId, String label, float score, float x1, float y1, float x2, float y2) {
    public float area() {
        return Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
    }
}
