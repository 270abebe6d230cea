package dev.adlens.image;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadUpdateListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes encoded ad bytes (JPEG incl. CMYK/YCCK and progressive, PNG incl. 16-bit/palette/alpha, GIF first frame,
 * BMP, WebP) into an upright RGB image. The gate, in order: byte limit, format by magic bytes (one reader per format,
 * {@link ImageFormat}), container structure ({@link HeaderCheck}: scan count, declared sizes), header dimensions
 * against the pixel limits, then the decode itself under a time limit, then enough rows actually decoded. Stateless and
 * thread-safe: each call creates and disposes its own ImageIO reader.
 */
public final class ImageDecoder {
    private final ImageLimits limits;
    /** Aborts readers that run past their time; one daemon thread for the process (it only flips a flag). */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "adlens-decode-watchdog");
        t.setDaemon(true);
        return t;
    });

    static {
        ImageIO.setUseCache(false); // decode in memory; never spill to java.io.tmpdir (read-only on Lambda)
        ImageIO.scanForPlugins();   // register TwelveMonkeys even under framework class loaders; process-wide, once
    }

    public ImageDecoder(ImageLimits limits) {
        this.limits = limits;
    }

    /** {@link #decode(byte[], long)} without a time limit. */
    public DecodedImage decode(byte[] bytes) throws AdlensException {
        return decode(bytes, Long.MAX_VALUE);
    }

    /**
     * Decodes within {@code timeoutMillis}: the reader is aborted when the time is up (readers check between rows
     * and passes), which fails the image with PROCESSING_TIMEOUT.
     *
     * @throws AdlensException IMAGE_TOO_LARGE (bytes or header pixels), IMAGE_TOO_SMALL, UNSUPPORTED_FORMAT,
     *                         CORRUPT_IMAGE (broken, or too little pixel data: see {@link #MIN_DECODED_FRACTION}),
     *                         PROCESSING_TIMEOUT
     */
    public DecodedImage decode(byte[] bytes, long timeoutMillis) throws AdlensException {
        if (bytes.length > limits.maxBytes()) {
            throw new AdlensException(ErrorCode.IMAGE_TOO_LARGE,
                    "image is " + bytes.length + " bytes, limit " + limits.maxBytes());
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        boolean progressive = HeaderCheck.check(format, bytes);
        if (format == ImageFormat.WEBP && timeoutMillis != Long.MAX_VALUE) {
            return isolated(bytes, timeoutMillis);
        }
        return read(format, progressive, bytes, timeoutMillis);
    }

    /**
     * WebP's reader ignores {@link ImageReader#abort()}, and fuzzing found a 58-byte lossless WebP (64x48) that keeps it
     * busy for 20 s. Two guards: the watchdog also aborts the input ({@link AbortableInput}: every read after the
     * deadline throws), which ends such a decode at its next read — measured: the isolated threads are idle again
     * within 1.5 s of a 1 s deadline, where they used to stay busy ~20 s; and WebP decodes still run on their own
     * small pool so that the caller stops waiting at its deadline whatever a reader does between reads.
     */
    private DecodedImage isolated(byte[] bytes, long timeoutMillis) throws AdlensException {
        Future<DecodedImage> f = ISOLATED.submit(() -> read(ImageFormat.WEBP, false, bytes,
                timeoutMillis));
        try {
            return f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "decoding took longer than " + timeoutMillis
                    + " ms");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "interrupted while decoding");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AdlensException a) {
                throw a;
            }
            throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "cannot decode image: " + e.getCause(), e.getCause());
        }
    }

    static final int ISOLATED_THREADS = 2;
    private static final ExecutorService ISOLATED = Executors.newFixedThreadPool(ISOLATED_THREADS,
            r -> {
                Thread t = new Thread(r, "adlens-decode-isolated");
                t.setDaemon(true);
                return t;
            });

    private DecodedImage read(ImageFormat format, boolean progressive, byte[] bytes, long timeoutMillis)
            throws AdlensException {
        ImageReader reader;
        try {
            reader = format.newReader();
        } catch (IOException e) {
            throw new AdlensException(ErrorCode.INTERNAL_ERROR, "cannot create the " + format.id() + " reader", e);
        }
        AbortableInput input = new AbortableInput(bytes);
        ScheduledFuture<?> watchdog = timeoutMillis == Long.MAX_VALUE ? null
                : WATCHDOG.schedule(() -> {
                    input.abort(); // first: a read that fails from here on failed because the time is up
                    reader.abort();
                }, Math.max(0, timeoutMillis), TimeUnit.MILLISECONDS);
        try (ImageInputStream in = input) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);   // header only: no raster yet
            int height = reader.getHeight(0);
            checkSize(progressive, width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height, limits.maxDecodeSide());
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            Coverage coverage = new Coverage();
            reader.addIIOReadUpdateListener(coverage);
            reader.addIIOReadWarningListener(coverage);
            BufferedImage raster = reader.read(0, param);
            if (watchdog != null && (input.aborted() || !watchdog.cancel(false))) {
                throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "decoding took longer than " + timeoutMillis
                        + " ms");
            }
            coverage.check(format, raster.getHeight());
            RgbImage rgb = flatten(raster);
            int orientation = format == ImageFormat.JPEG ? ExifOrientation.read(bytes) : 1;
            return new DecodedImage(ExifOrientation.apply(rgb, orientation), format.id(), width, height, orientation);
        } catch (IOException | RuntimeException e) {
            // input.aborted(), not watchdog.isDone(): the reader can fail on the aborted input before the watchdog's
            // task has returned, and that failure is the deadline's, not the image's (HostileDecodeTest's runaway WebP)
            if (input.aborted()) {
                throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "decoding took longer than " + timeoutMillis
                        + " ms");
            }
            // Readers signal broken data with IIOException but also with arbitrary runtime exceptions.
            throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "cannot decode image: " + e.getMessage(), e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            reader.dispose();
        }
    }

    /**
     * The subsampling step: images whose longer side exceeds {@code maxSide} are read every n-th pixel, but never so
     * coarsely that the shorter side drops under {@link #MIN_SUBSAMPLED_SIDE} (a 10000x50 banner subsampled 5x to
     * 2000x10 lost all its text). A thin banner stays small in pixels anyway; the pixel limit still bounds it.
     */
    static int subsampling(int width, int height, int maxSide) {
        int longer = Math.max(width, height);
        int shorter = Math.min(width, height);
        int step = (longer + maxSide - 1) / maxSide;
        return Math.max(1, Math.min(step, shorter / Math.max(1, Math.min(MIN_SUBSAMPLED_SIDE, maxSide / 8))));
    }

    /** The shortest side subsampling may leave (ad text of ~8 % of a banner's height stays ~20 px tall). */
    static final int MIN_SUBSAMPLED_SIDE = 256;

    /**
     * A JPEG whose data ends early decodes anyway: the reader warns and fills the missing rows grey. Such an image is
     * labeled only when at least this share of its rows was decoded before the data ran out (a download cut in its
     * last rows is still the ad; a header with a few rows, or a 3 KB prefix of a poster, is not). A progressive JPEG
     * delivers rows only in its final pass, so a cut one counts as nothing decoded.
     */
    static final double MIN_DECODED_FRACTION = 0.9;

    /** Rows delivered by the reader, and how many there were when it first reported that the data ended early. */
    private static final class Coverage implements IIOReadUpdateListener, IIOReadWarningListener {
        private int rows;
        private int rowsAtTruncation = -1;
        private String warning;

        @Override
        public void warningOccurred(ImageReader source, String message) {
            String m = String.valueOf(message).toLowerCase(Locale.ROOT);
            if (rowsAtTruncation < 0 && (m.contains("premature") || m.contains("corrupt") || m.contains("truncat"))) {
                rowsAtTruncation = rows;
                warning = message;
            }
        }

        @Override
        public void imageUpdate(ImageReader source, BufferedImage image, int minX, int minY, int width, int height,
                                int periodX, int periodY, int[] bands) {
            rows = Math.max(rows, minY + Math.max(1, (height - 1) * periodY + 1));
        }

        void check(ImageFormat format, int height) throws AdlensException {
            if (rowsAtTruncation < 0) {
                return;
            }
            double decoded = (double) rowsAtTruncation / height;
            if (decoded < MIN_DECODED_FRACTION) {
                throw new AdlensException(ErrorCode.CORRUPT_IMAGE, String.format(Locale.ROOT,
                        "%s data ends early (%s): %.0f%% of the rows decoded, at least %.0f%% needed", format.id(),
                        warning, 100 * decoded, 100 * MIN_DECODED_FRACTION));
            }
        }

        @Override public void passStarted(ImageReader s, BufferedImage i, int p, int minP, int maxP, int x, int y,
                                          int px, int py, int[] b) {
            rows = 0; // each progressive pass delivers the rows again; only the last pass's count matters
        }
        @Override public void passComplete(ImageReader s, BufferedImage i) { }
        @Override public void thumbnailPassStarted(ImageReader s, BufferedImage t, int p, int minP, int maxP, int x,
                                                   int y, int px, int py, int[] b) { }
        @Override public void thumbnailUpdate(ImageReader s, BufferedImage t, int x, int y, int w, int h, int px,
                                              int py, int[] b) { }
        @Override public void thumbnailPassComplete(ImageReader s, BufferedImage t) { }
    }

    /**
     * Progressive JPEGs are decoded through a whole-image coefficient buffer (up to 6 bytes per pixel, native, per
     * worker), so they get a smaller pixel budget than images decoded row by row.
     */
    static final long PROGRESSIVE_MAX_PIXELS = 25_000_000L;

    private void checkSize(boolean progressive, int width, int height) throws AdlensException {
        if (width <= 0 || height <= 0) {
            throw new AdlensException(ErrorCode.CORRUPT_IMAGE, "image header says " + width + "x" + height);
        }
        if (progressive
                && (long) width * height > Math.min(limits.maxPixels(), PROGRESSIVE_MAX_PIXELS)) {
            throw new AdlensException(ErrorCode.IMAGE_TOO_LARGE, "progressive JPEG is " + width + "x" + height
                    + " pixels, limit " + Math.min(limits.maxPixels(), PROGRESSIVE_MAX_PIXELS));
        }
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
