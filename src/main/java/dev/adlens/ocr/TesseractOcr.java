package dev.adlens.ocr;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.time.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * OCR with a bounded pool of {@link TesseractEngine}s, created as reads overlap: a caller borrows one engine for the
 * whole image, so at most {@code engines} images are read at once and no engine is ever shared between threads.
 * Thread-safe.
 *
 * <p>Passes, chosen by image statistics rather than brute force: every image is read once on its luminance
 * (upscaled 2x when its longer side is under 1000 px); images with a large share of saturated colour are read
 * a second time on the inverted min-channel view in automatic layout mode, which recovers light headlines on
 * coloured banners, and words the first pass did not already cover are added. Words below the confidence floor or without a letter or digit are junk.
 */
public final class TesseractOcr implements Ocr, AutoCloseable {
    private final OcrConfig config;
    private final BlockingQueue<TesseractEngine> engines;
    private final List<TesseractEngine> all = new ArrayList<>();
    /** How long {@link #close()} waits for engines still reading (one slow image takes seconds). */
    static final long CLOSE_WAIT_MS = 60_000;
    private volatile boolean closed;

    public TesseractOcr(OcrConfig config) throws AdlensException {
        this.config = config;
        this.engines = new ArrayBlockingQueue<>(config.engines());
        // One engine now (a broken tessdata fails here, at start); the others when reads first overlap: each costs
        // ~0.25 s of one core, which a process labeling one ad (or starting its first) should not pay up front
        engines.add(newEngine());
    }

    private synchronized TesseractEngine newEngine() throws AdlensException {
        TesseractEngine engine = new TesseractEngine(config);
        all.add(engine);
        return engine;
    }

    /** Engines created so far: 1 after construction, up to {@code config.engines()} as reads overlap. */
    synchronized int engineCount() {
        return all.size();
    }

    @Override
    public OcrResult read(RgbImage image, Deadline deadline) throws AdlensException {
        TesseractEngine engine = borrow();
        try {
            double scale = scale(image.width(), image.height(), config);
            List<String> passes = new ArrayList<>(List.of("luminance"));
            List<OcrWord> words = clean(engine.read(GrayView.luminance(image, scale), TesseractEngine.PSM_SPARSE_TEXT,
                    remaining(deadline)));
            if (GrayView.colourfulFraction(image) >= config.colourfulFraction()) {
                passes.add("min-channel");
                for (OcrWord extra : clean(engine.read(GrayView.invertedMinChannel(image, scale),
                        TesseractEngine.PSM_AUTO, remaining(deadline)))) {
                    if (words.stream().noneMatch(w -> w.iou(extra) > 0.3)) {
                        words.add(extra);
                    }
                }
            }
            return new OcrResult(readingOrder(words), passes);
        } finally {
            giveBack(engine);
        }
    }

    /**
     * The factor an image is read at: 2x when its longer side is under {@code upscaleBelow}, else down to
     * {@code maxSide} on the longer side, but never so far that the shorter side falls under
     * {@link #MIN_READ_SIDE} (a 2000x50 banner read at 1024x26 loses its text; its pixel count is small anyway).
     */
    static double scale(int width, int height, OcrConfig config) {
        int longer = Math.max(width, height);
        int shorter = Math.min(width, height);
        if (longer < config.upscaleBelow()) {
            return 2;
        }
        double down = Math.min(1.0, (double) config.maxSide() / longer);
        return Math.max(down, Math.min(1.0, (double) MIN_READ_SIDE / shorter));
    }

    /** Shortest side a downscaled read may leave, in pixels (about two lines of readable ad text). */
    static final int MIN_READ_SIDE = 64;

    /** Milliseconds left for a pass ({@code Long.MAX_VALUE}: none); PROCESSING_TIMEOUT once the deadline passed. */
    private static long remaining(Deadline deadline) throws AdlensException {
        long ms = deadline.remainingMillis();
        if (ms <= 0) {
            throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "no time left for OCR");
        }
        return ms;
    }

    OcrConfig config() {
        return config;
    }

    /** An idle engine, a new one while fewer than {@code engines} exist, else the next one given back. */
    TesseractEngine borrow() throws AdlensException {
        try {
            if (closed) {
                throw new AdlensException(ErrorCode.OCR_FAILED, "OCR is closed");
            }
            TesseractEngine idle = engines.poll();
            if (idle != null) {
                return idle;
            }
            synchronized (this) {
                if (closed) {
                    throw new AdlensException(ErrorCode.OCR_FAILED, "OCR is closed");
                }
                if (all.size() < config.engines()) {
                    return newEngine();
                }
            }
            return engines.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdlensException(ErrorCode.OCR_FAILED, "interrupted while waiting for an OCR engine", e);
        }
    }

    void giveBack(TesseractEngine engine) {
        engines.add(engine);
    }

    private List<OcrWord> clean(List<OcrWord> raw) {
        List<OcrWord> kept = new ArrayList<>();
        for (OcrWord w : raw) {
            if (w.confidence() >= config.minConfidence() && w.text().codePoints().anyMatch(Character::isLetterOrDigit)) {
                kept.add(w);
            }
        }
        return kept;
    }

    /** Top-to-bottom by line (a word joins a line when its vertical centre lies within it), then left to right. */
    private static List<OcrWord> readingOrder(List<OcrWord> words) {
        List<OcrWord> byCentre = new ArrayList<>(words);
        byCentre.sort(java.util.Comparator.comparingDouble(w -> w.y() + w.height() / 2.0));
        List<List<OcrWord>> lines = new ArrayList<>();
        double lineBottom = Double.NEGATIVE_INFINITY;
        for (OcrWord w : byCentre) {
            double centre = w.y() + w.height() / 2.0;
            if (lines.isEmpty() || centre > lineBottom) {
                lines.add(new ArrayList<>());
                lineBottom = w.y() + w.height();
            }
            lines.get(lines.size() - 1).add(w);
        }
        List<OcrWord> ordered = new ArrayList<>(words.size());
        for (List<OcrWord> line : lines) {
            line.sort(java.util.Comparator.comparingInt(OcrWord::x));
            ordered.addAll(line);
        }
        return ordered;
    }

    /**
     * Frees every engine once it is idle: an engine still inside a recognition is waited for (up to
     * {@link #CLOSE_WAIT_MS}), never freed under the native call (that was a SIGSEGV in Tesseract on an OCR thread when
     * a pipeline closed while a read was still running, e.g. after the visual encoder had failed). Engines that do not
     * come back in time are left allocated and logged: a leak at shutdown rather than a crash.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + CLOSE_WAIT_MS * 1_000_000;
        int freed = 0;
        try {
            for (int i = 0; i < all.size(); i++) {
                TesseractEngine idle = engines.poll(Math.max(0, deadline - System.nanoTime()),
                        java.util.concurrent.TimeUnit.NANOSECONDS);
                if (idle == null) {
                    break;
                }
                idle.close();
                freed++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (freed < all.size()) {
            org.slf4j.LoggerFactory.getLogger(TesseractOcr.class).atWarn().addKeyValue("inUse", all.size() - freed)
                    .log("OCR engines still reading at close; left allocated");
        }
    }
}
