package dev.adlens.visual;

import dev.adlens.image.RgbImage;

/**
 * Stretches an image to the encoder's fixed input size with bilinear interpolation (the detector was trained
 * on stretched, not letter-boxed, inputs). Stateless and thread-safe.
 */
public final class InputResizer {
    private InputResizer() {
    }

    /** Returns {@code image} itself when it already has the target size. */
    public static RgbImage stretch(RgbImage image, int width, int height) {
        if (image.width() == width && image.height() == height) {
            return image;
        }
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
                    float top = lerp(px(src, image.width(), x0, y0, c), px(src, image.width(), x1, y0, c), wx);
                    float bottom = lerp(px(src, image.width(), x0, y1, c), px(src, image.width(), x1, y1, c), wx);
                    dst[(y * width + x) * 3 + c] = (byte) Math.round(lerp(top, bottom, wy));
                }
            }
        }
        return new RgbImage(width, height, dst);
    }

    private static int px(byte[] rgb, int width, int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }

    private static float lerp(float a, float b, float t) {
        return a + (b - a) * t;
    }
}
