package dev.adlens.visual;

import dev.adlens.image.RgbImage;

/**
 * Stretches an image to the encoder's fixed input size with bilinear interpolation (the detector was trained
 * on stretched, not letter-boxed, inputs). Stateless and thread-safe.
 */
public final class InputResizer {
    private InputResizer() {
    }

    /**
     * Returns {@code image} itself when it already has the target size. Separable: each source row's horizontal blends
     * are computed once and kept while output rows still need them (a banner's row serves ~6 output rows), and the
     * source columns and weights once per output column — not all of it again per pixel and channel, which was ~11 ms
     * of CPU per ad (docs/performance.md). The arithmetic per output byte, and so every byte, is as before
     * ({@code InputResizerTest} holds the per-pixel form).
     */
    public static RgbImage stretch(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
        byte[] src = image.rgb();
        int sw = image.width();
        int sh = image.height();
        float sx = (float) sw / width;
        float sy = (float) sh / height;
        int[] at0 = new int[width]; // byte offset of the left source pixel in a row
        int[] at1 = new int[width]; // and of the right one
        float[] wxs = new float[width];
        for (int x = 0; x < width; x++) {
            float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
            int x0 = Math.min((int) fx, sw - 1);
            at0[x] = x0 * 3;
            at1[x] = Math.min(x0 + 1, sw - 1) * 3;
            wxs[x] = fx - x0;
        }
        int n = width * 3;
        byte[] dst = new byte[n * height];
        float[] upper = new float[n]; // the horizontal blends of source row upperRow
        float[] lower = new float[n];
        int upperRow = -1;
        int lowerRow = -1;
        for (int y = 0; y < height; y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, sh - 1);
            int y1 = Math.min(y0 + 1, sh - 1);
            float wy = fy - y0;
            if (upperRow != y0) {
                if (lowerRow == y0) { // moving down a row: the lower row becomes the upper one
                    float[] t = upper;
                    upper = lower;
                    lower = t;
                    lowerRow = -1;
                } else {
                    blendRow(src, y0 * sw * 3, at0, at1, wxs, upper);
                }
                upperRow = y0;
            }
            float[] under = upper;
            if (y1 != y0) {
                if (lowerRow != y1) {
                    blendRow(src, y1 * sw * 3, at0, at1, wxs, lower);
                    lowerRow = y1;
                }
                under = lower;
            }
            int o = y * n;
            for (int i = 0; i < n; i++) {
                dst[o + i] = (byte) Math.round(lerp(upper[i], under[i], wy));
            }
        }
        return new RgbImage(width, height, dst);
    }

    /** One source row (starting at byte {@code row}) blended horizontally at every output column, channel by channel. */
    private static void blendRow(byte[] src, int row, int[] at0, int[] at1, float[] wxs, float[] out) {
        for (int x = 0; x < wxs.length; x++) {
            int a0 = row + at0[x];
            int a1 = row + at1[x];
            float wx = wxs[x];
            for (int c = 0; c < 3; c++) {
                out[x * 3 + c] = lerp(src[a0 + c] & 0xff, src[a1 + c] & 0xff, wx);
            }
        }
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }
}
