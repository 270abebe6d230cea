package dev.adlens.image;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes encoded ad bytes (JPEG incl. CMYK/YCCK and progressive, PNG incl. 16-bit/palette/alpha, GIF first frame,
 * BMP, WebP) into an upright RGB image, checking every limit before the raster is allocated. Stateless and
 * thread-safe: each call creates and disposes its own ImageIO reader.
 */
public final class ImageDecoder {
    private final ImageLimits limits;

    static {
        ImageIO.setUseCache(false); // decode in memory; never spill to java.io.tmpdir (read-only on Lambda)
        ImageIO.scanForPlugins();   // register TwelveMonkeys even under framework class loaders; process-wide, once
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /**
     * @throws AdlensException IMAGE_TOO_LARGE (bytes or header pixels), IMAGE_TOO_SMALL, UNSUPPORTED_FORMAT,
     *                         CORRUPT_IMAGE
     */
    public DecodedImage decode(byte[] bytes) throws AdlensException {
        if (bytes.length > limits.maxBytes()) {
            throw new AdlensException(ErrorCode.IMAGE_TOO_LARGE,
                    "image is " + bytes.length + " bytes, limit " + limits.maxBytes());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new AdlensException(ErrorCode.UNSUPPORTED_FORMAT, "not a supported image format"
                        + " (JPEG, PNG, GIF, BMP, WebP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                int width = reader.getWidth(0);   // header only: no raster yet
                int height = reader.getHeight(0);
                checkSize(width, height);
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (Math.max(width, height) + limits.maxDecodeSide() - 1) / limits.maxDecodeSide();
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                RgbImage rgb = flatten(reader.read(0, param));
                int orientation = "jpeg".equals(format) ? ExifOrientation.read(bytes) : 1;
                return new DecodedImage(ExifOrientation.apply(rgb, orientation), format, width, height, orientation);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Readers signal broken data with IIOException but also with arbitrary runtime exceptions.
            throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "cannot decode image: " + e.getMessage(), e);
        }
    }

    private void checkSize(int width, int height) throws AdlensException {
        if ((long) width * height > limits.maxPixels()) {
            throw new AdlensException(ErrorCode.IMAGE_TOO_LARGE, "image is " + width + "x" + height
                    + " pixels, limit " + limits.maxPixels());
        }
        if (Math.min(width, height) < limits.minSide()) {
            throw new AdlensException(ErrorCode.IMAGE_TOO_SMALL, "image is " + width + "x" + height
                    + ", shorter side must be at least " + limits.minSide());
        }
    }

    /** Any colour model (gray, 16-bit, palette, CMYK already converted by the reader) onto opaque white RGB. */
    private static RgbImage flatten(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return RgbImage.of(image);
        }
        BufferedImage canvas = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return RgbImage.of(canvas);
    }
}
