package dev.adlens.image;

/**
 * Size limits checked before an image is decoded: {@code maxBytes} of encoded input, {@code maxPixels} as declared
 * by the header (a decompression bomb is refused before any raster is allocated), {@code minSide} pixels on the
 * shorter side, and {@code maxDecodeSide}: larger images are subsampled while decoding so that the longer side is
 * at most this (OCR reads 1200-px posters fine; 8000-px photos only cost memory).
 */
public record ImageLimits(long maxBytes, long maxPixels, int minSide, int maxDecodeSide) {
    /** 20 MB, 50 MP, 32 px, 2400 px. */
    public static final ImageLimits DEFAULT = new ImageLimits(20L << 20, 50_000_000L, 32, 2400);

    public ImageLimits {
        if (maxBytes <= 0 || maxPixels <= 0 || minSide <= 0 || maxDecodeSide < minSide) {
            throw new IllegalArgumentException("invalid image limits");
        }
    }
}
