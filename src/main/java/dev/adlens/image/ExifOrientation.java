package dev.adlens.image;

/**
 * Reads the EXIF orientation tag (0x0112) of a JPEG and applies it. A small parser of our own: it only walks the
 * APP1 "Exif" segment's IFD0 with bounds checks, and any malformed data means "no rotation", never a failure.
 */
final class ExifOrientation {
    private ExifOrientation() {
    }

    /** The orientation 1..8 of a JPEG, or 1 when absent or unreadable. */
    static int read(byte[] jpeg) {
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
            return 1;
        }
        int pos = 2;
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xff) {
            int marker = jpeg[pos + 1] & 0xff;
            int length = u16(jpeg, pos + 2, true);
            if (marker == 0xda || marker == 0xd9 || length < 2) {
                return 1; // start of scan: no EXIF before the image data
            }
            if (marker == 0xe1 && length >= 16 && startsWith(jpeg, pos + 4, "Exif\0\0")) {
                return orientationInTiff(jpeg, pos + 10, Math.min(jpeg.length, pos + 2 + length));
            }
            pos += 2 + length;
        }
        return 1;
    }

    private static int orientationInTiff(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean bigEndian = b[tiff] == 'M' && b[tiff + 1] == 'M';
        if (!bigEndian && !(b[tiff] == 'I' && b[tiff + 1] == 'I')) {
            return 1;
        }
        long ifd = tiff + u32(b, tiff + 4, bigEndian);
        if (ifd + 2 > end) {
            return 1;
        }
        int entries = u16(b, (int) ifd, bigEndian);
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + 12 * i;
            if (entry + 12 > end) {
                return 1;
            }
            if (u16(b, entry, bigEndian) == 0x0112) {
                int value = u16(b, entry + 8, bigEndian);
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** Returns {@code image} turned upright for EXIF {@code orientation} (1 = already upright). */
    static RgbImage apply(RgbImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.width();
        int h = image.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = image.rgb();
        byte[] dst = new byte[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; } // 8
                }
                System.arraycopy(src, (y * w + x) * 3, dst, (ty * ow + tx) * 3, 3);
            }
        }
        return new RgbImage(ow, oh, dst);
    }

    private static boolean startsWith(byte[] b, int pos, String s) {
        if (pos + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[pos + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int p, boolean be) {
        if (p + 2 > b.length) {
            return 0;
        }
        return be ? ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff) : ((b[p + 1] & 0xff) << 8) | (b[p] & 0xff);
    }

    private static long u32(byte[] b, int p, boolean be) {
        if (p + 4 > b.length) {
            return Integer.MAX_VALUE;
        }
        return be ? ((long) u16(b, p, true) << 16) | u16(b, p + 2, true)
                : ((long) u16(b, p + 2, false) << 16) | u16(b, p, false);
    }
}
