package dev.adlens.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;

/**
 * An 8-bit RGB raster, row-major and interleaved (r,g,b per pixel). The array is owned by the record and must
 * not be modified after construction; {@link #toString()} never prints pixels.
 */
public record RgbImage(int width, int height, byte[] rgb) {
    public RgbImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width <= 0 || height <= 0 || (long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("rgb length " + rgb.length + " does not match " + width + "x" + height);
        }
    }

    /** Packs a {@link java.awt.image.BufferedImage} of any type into RGB (alpha, if any, is ignored). */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0, j = 0; i < argb.length; i++) {
            rgb[j++] = (byte) (argb[i] >> 16);
            rgb[j++] = (byte) (argb[i] >> 8);
            rgb[j++] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height
                && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }
}
