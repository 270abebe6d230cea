package dev.adlens.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.WritableRaster;
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

    /** Packs a {@link BufferedImage} of any type into RGB (alpha, if any, is ignored). */
    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] packed = packedBgr(image);
        if (packed != null) { // what JPEG decodes to: its bytes reordered, not converted pixel by pixel through
            byte[] rgb = new byte[w * h * 3]; // the colour model (the same values; that was ~10 ms per ad)
            for (int i = 0; i < rgb.length; i += 3) {
                rgb[i] = packed[i + 2];
                rgb[i + 1] = packed[i + 1];
                rgb[i + 2] = packed[i];
            }
            return new RgbImage(w, h, rgb);
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0, j = 0; i < argb.length; i++) {
            rgb[j++] = (byte) (argb[i] >> 16);
            rgb[j++] = (byte) (argb[i] >> 8);
            rgb[j++] = (byte) argb[i];
        }
        return new RgbImage(w, h, rgb);
    }

    /**
     * The pixel bytes of a TYPE_3BYTE_BGR image (sRGB by that type) stored whole, row after row, from offset 0; null
     * for any other layout (a sub-image, another type), which goes through {@code getRGB}.
     */
    private static byte[] packedBgr(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            return null;
        }
        WritableRaster raster = image.getRaster();
        if (raster.getParent() != null || raster.getMinX() != 0 || raster.getMinY() != 0
                || raster.getSampleModelTranslateX() != 0 || raster.getSampleModelTranslateY() != 0
                || !(raster.getDataBuffer() instanceof DataBufferByte buffer)
                || buffer.getNumBanks() != 1 || buffer.getOffset() != 0
                || !(raster.getSampleModel() instanceof PixelInterleavedSampleModel model)) {
            return null;
        }
        int[] offsets = model.getBandOffsets();
        boolean bgr = offsets.length == 3 && offsets[0] == 2 && offsets[1] == 1 && offsets[2] == 0;
        int w = image.getWidth();
        byte[] data = buffer.getData();
        return bgr && model.getPixelStride() == 3 && model.getScanlineStride() == 3 * w
                && data.length == 3 * w * image.getHeight() ? data : null;
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
