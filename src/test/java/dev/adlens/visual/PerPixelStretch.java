package dev.adlens.visual;

import dev.adlens.image.RgbImage;

/**
 * {@link InputResizer#stretch}'s bilinear stretch in its first, per-pixel form: the reference its separable form
 * must match byte for byte ({@code InputResizerTest}) and the baseline {@code InputResizerBench} measures it against.
 */
public final class PerPixelStretch {
    private PerPixelStretch() {
    }

    /** The stretched image's bytes, computed pixel by pixel and channel by channel. */
    public static byte[] stretch(RgbImage image, int width, int height) {
        byte[] src = image.rgb();
        byte[] dst = new byte[width * height * 3];
        float sx = (float) image.width() / width;
        float sy = (float) image.height() / height;
        for (int y = 0; y < height; y++) {
            float fy = Math.max(0, (y + 0.5f) * sy - 0.5f);
            int y0 = Math.min((int) fy, image.height() - 1);
            int y1 = Math.min(y0 + 1, image.height() - 1);
            float wy = fy - y0;
            for (int x = 0; x < width; x++) {
                float fx = Math.max(0, (x + 0.5f) * sx - 0.5f);
                int x0 = Math.min((int) fx, image.width() - 1);
                int x1 = Math.min(x0 + 1, image.width() - 1);
                float wx = fx - x0;
                for (int c = 0; c < 3; c++) {
                    float top = lerp(px(image, x0, y0, c), px(image, x1, y0, c), wx);
                    float bottom = lerp(px(image, x0, y1, c), px(image, x1, y1, c), wx);
                    dst[(y * width + x) * 3 + c] = (byte) Math.round(lerp(top, bottom, wy));
                }
            }
        }
        return dst;
    }

    private static int px(RgbImage image, int x, int y, int c) {
        return image.rgb()[(y * image.width() + x) * 3 + c] & 0xff;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }
}
