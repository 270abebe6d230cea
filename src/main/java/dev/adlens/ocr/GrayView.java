package dev.adlens.ocr;

import dev.adlens.image.RgbImage;

/**
 * The single-channel views Tesseract reads, upscaled by an integer factor (small ads have small text; Tesseract's
 * LSTM model wants x-heights of ~20 px). Luminance is the usual view; the min-channel view maps white to white and
 * any saturated colour to dark, so light text on a coloured banner (which luminance can flatten to one grey)
 * becomes high-contrast.
 */
record GrayView(byte[] pixels, int width, int height, double scale) {
    static GrayView luminance(RgbImage img, double scale) {
        return view(img, scale, false);
    }

    static GrayView invertedMinChannel(RgbImage img, double scale) {
        return view(img, scale, true);
    }

    /** Share of pixels whose HSV saturation exceeds 0.5 with value above 0.3 (sampled every 4th pixel). */
    static double colourfulFraction(RgbImage img) {
        byte[] p = img.rgb();
        int colourful = 0;
        int sampled = 0;
        for (int i = 0; i < p.length; i += 12) {
            int r = p[i] & 0xff;
            int g = p[i + 1] & 0xff;
            int b = p[i + 2] & 0xff;
            int max = Math.max(r, Math.max(g, b));
            int min = Math.min(r, Math.min(g, b));
            sampled++;
            if (max > 76 && (max - min) * 2 > max) {
                colourful++;
            }
        }
        return sampled == 0 ? 0 : (double) colourful / sampled;
    }

    private static GrayView view(RgbImage img, double scale, boolean minChannel) {
        int w = img.width();
        int h = img.height();
        byte[] src = img.rgb();
        byte[] gray = new byte[w * h];
        for (int i = 0; i < w * h; i++) {
            int r = src[3 * i] & 0xff;
            int g = src[3 * i + 1] & 0xff;
            int b = src[3 * i + 2] & 0xff;
            gray[i] = (byte) (minChannel ? 255 - Math.min(r, Math.min(g, b)) : (299 * r + 587 * g + 114 * b) / 1000);
        }
        return scale == 1 ? new GrayView(gray, w, h, 1) : resample(gray, w, h, scale);
    }

    /**
     * Bilinear resampling by {@code s} (up or down; downscaling here is at most ~2x, so no aliasing guard). The source
     * columns and weights of each output column are computed once, not once per pixel (the division per pixel was
     * most of this view's time; the arithmetic per pixel, and so every output byte, is unchanged).
     */
    private static GrayView resample(byte[] src, int w, int h, double s) {
        int ow = Math.max(1, (int) Math.round(w * s));
        int oh = Math.max(1, (int) Math.round(h * s));
        int[] xs0 = new int[ow];
        int[] xs1 = new int[ow];
        float[] wxs = new float[ow];
        for (int x = 0; x < ow; x++) {
            float fx = (float) Math.max(0, (x + 0.5) / s - 0.5);
            xs0[x] = Math.min((int) fx, w - 1);
            xs1[x] = Math.min(xs0[x] + 1, w - 1);
            wxs[x] = fx - xs0[x];
        }
        byte[] out = new byte[ow * oh];
        for (int y = 0; y < oh; y++) {
            float fy = (float) Math.max(0, (y + 0.5) / s - 0.5);
            int y0 = Math.min((int) fy, h - 1);
            int row0 = y0 * w;
            int row1 = Math.min(y0 + 1, h - 1) * w;
            float wy = fy - y0;
            int o = y * ow;
            for (int x = 0; x < ow; x++) {
                int x0 = xs0[x];
                int x1 = xs1[x];
                float wx = wxs[x];
                float top = (src[row0 + x0] & 0xff) * (1 - wx) + (src[row0 + x1] & 0xff) * wx;
                float bottom = (src[row1 + x0] & 0xff) * (1 - wx) + (src[row1 + x1] & 0xff) * wx;
                out[o + x] = (byte) Math.round(top * (1 - wy) + bottom * wy);
            }
        }
        return new GrayView(out, ow, oh, s);
    }
}
