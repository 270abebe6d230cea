package dev.adlens.image;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageReader;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;

/**
 * The five documented input formats, recognised by their magic bytes (never by file name or by asking every
 * registered reader), each decoded by one reader chosen by class. The JDK registers TIFF and WBMP readers too, and
 * Tess4J brought jai-imageio's TIFF, PNM, PCX, WBMP and a second BMP reader (excluded in the pom): letting ImageIO
 * pick made the choice depend on registration order (one TIFF failed in 3 of 4 runs), and every extra format is
 * attack surface nobody asked for.
 */
public enum ImageFormat {
    JPEG("jpeg", "com.twelvemonkeys.imageio.plugins.jpeg.JPEGImageReaderSpi"), // CMYK/YCCK, broken ICC profiles
    PNG("png", "com.sun.imageio.plugins.png.PNGImageReaderSpi"),
    GIF("gif", "com.sun.imageio.plugins.gif.GIFImageReaderSpi"),
    BMP("bmp", "com.sun.imageio.plugins.bmp.BMPImageReaderSpi"),
    WEBP("webp", "com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi");

    private final String id;
    private final String readerSpi;

    ImageFormat(String id, String readerSpi) {
        this.id = id;
        this.readerSpi = readerSpi;
    }

    /** The lower-case name used in the output contract ("jpeg", "png", …). */
    public String id() {
        return id;
    }

    /**
     * @throws AdlensException UNSUPPORTED_FORMAT when the bytes start like none of the five formats
     */
    public static ImageFormat sniff(byte[] b) throws AdlensException {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return JPEG;
        }
        if (startsWith(b, 0, new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
            return PNG;
        }
        if (startsWith(b, 0, "GIF87a".getBytes()) || startsWith(b, 0, "GIF89a".getBytes())) {
            return GIF;
        }
        if (startsWith(b, 0, "BM".getBytes())) {
            return BMP;
        }
        if (startsWith(b, 0, "RIFF".getBytes()) && startsWith(b, 8, "WEBP".getBytes())) {
            return WEBP;
        }
        throw new AdlensException(ErrorCode.UNSUPPORTED_FORMAT, "not a supported image format"
                + " (JPEG, PNG, GIF, BMP, WebP)");
    }

    /** A new reader of this format's one chosen plugin; the caller disposes it. */
    ImageReader newReader() throws IOException {
        Iterator<ImageReaderSpi> spis = IIORegistry.getDefaultInstance().getServiceProviders(ImageReaderSpi.class, true);
        while (spis.hasNext()) {
            ImageReaderSpi spi = spis.next();
            if (spi.getClass().getName().equals(readerSpi)) {
                return spi.createReaderInstance();
            }
        }
        throw new IllegalStateException("image reader " + readerSpi + " is not registered");
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (b.length < at + prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
