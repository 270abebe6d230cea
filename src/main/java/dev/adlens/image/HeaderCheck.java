package dev.adlens.image;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;

/**
 * What the container says about itself, checked against the bytes we hold before any reader allocates: JPEG's scan
 * count (each progressive scan is a pass over the whole coefficient buffer: 300 scans of a 7000² image took 37 s)
 * and BMP's declared data size and compression (a 105 KB BMP whose header claims 2 GB of embedded PNG made the
 * JDK reader allocate 2.4 GB). Pixel dimensions are checked by {@link ImageDecoder} from the reader's header parse.
 */
final class HeaderCheck {
    /** Standard progressive encoders write ≤ 10 scans per colour image (libjpeg's default script: 10; mozjpeg ≤ 20). */
    static final int MAX_JPEG_SCANS = 32;

    private HeaderCheck() {
    }

    /** The JPEG's marker structure: scans (SOS segments) and whether it is progressive. */
    record JpegStructure(int scans, boolean progressive) {
    }

    /**
     * Checks the container; returns whether the image is a progressive JPEG (its pixel budget is smaller), so the
     * markers are walked once.
     */
    static boolean check(ImageFormat format, byte[] b) throws AdlensException {
        switch (format) {
            case JPEG -> {
                JpegStructure s = jpeg(b);
                if (s.scans() == 0) {
                    throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "JPEG has no image data (no scan)");
                }
                if (s.scans() > MAX_JPEG_SCANS) {
                    throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "JPEG has " + s.scans() + " scans, limit "
                            + MAX_JPEG_SCANS);
                }
                return s.progressive();
            }
            case BMP -> bmp(b);
            default -> {
                // PNG, GIF, WebP: the header's dimensions are the allocation; the reader's limits follow from them
            }
        }
        return false;
    }

    /** Walks the markers (skipping entropy-coded data) without decoding anything. */
    static JpegStructure jpeg(byte[] b) {
        int scans = 0;
        boolean progressive = false;
        int pos = 2;
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xff) != 0xFF) {
                return new JpegStructure(scans, progressive); // garbage where a marker belongs
            }
            int marker = b[pos + 1] & 0xff;
            pos += 2;
            if (marker == 0xFF) {
                pos--; // fill byte
                continue;
            }
            if (marker == 0xD9) {
                return new JpegStructure(scans, progressive);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers
            }
            if (pos + 1 >= b.length) {
                break;
            }
            int length = ((b[pos] & 0xff) << 8) | (b[pos + 1] & 0xff);
            if (length < 2) {
                return new JpegStructure(scans, progressive);
            }
            if (marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE) {
                progressive = true;
            }
            pos += length;
            if (marker == 0xDA) {
                scans++;
                pos = skipEntropyData(b, pos);
            }
        }
        return new JpegStructure(scans, progressive);
    }

    /** Index of the first marker after entropy-coded data (FF followed by neither 00 stuffing nor RSTn). */
    private static int skipEntropyData(byte[] b, int pos) {
        while (pos + 1 < b.length) {
            if ((b[pos] & 0xff) == 0xFF) {
                int next = b[pos + 1] & 0xff;
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7) && next != 0xFF) {
                    return pos;
                }
            }
            pos++;
        }
        return b.length;
    }

    /** BITMAPFILEHEADER + info header: compression we decode, data size and offset within the file. */
    private static void bmp(byte[] b) throws AdlensException {
        if (b.length < 54) {
            throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "BMP header is truncated");
        }
        long dataOffset = u32(b, 10);
        long headerSize = u32(b, 14);
        if (headerSize < 40 || dataOffset > b.length) {
            // 12-byte OS/2 core headers carry no compression field; nobody makes ads with them
            throw new AdlensException(headerSize < 40 ? ErrorCode.UNSUPPORTED_FORMAT : ErrorCode.CORRUPT_IMAGE,
                    headerSize < 40 ? "BMP with a " + headerSize + "-byte header is not supported"
                            : "BMP pixel data starts past the end of the file");
        }
        long compression = u32(b, 30);
        long sizeImage = u32(b, 34);
        if (compression == 4 || compression == 5) {
            throw new AdlensException(ErrorCode.UNSUPPORTED_FORMAT, "BMP with embedded "
                    + (compression == 4 ? "JPEG" : "PNG") + " is not supported");
        }
        if (compression > 3) { // 0 RGB, 1 RLE8, 2 RLE4, 3 BITFIELDS: what the JDK reader decodes itself
            throw new AdlensException(ErrorCode.UNSUPPORTED_FORMAT, "BMP compression " + compression
                    + " is not supported");
        }
        if (sizeImage > b.length - dataOffset) {
            throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "BMP declares " + sizeImage + " bytes of pixel data, the"
                    + " file holds " + (b.length - dataOffset));
        }
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
