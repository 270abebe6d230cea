package dev.adlens.ocr;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.time.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * OCR with a bounded pool of {@link TesseractEngine}s, created as reads overlap: a caller borrows one engine for the
 * whole image, so at most {@code engines} images are read at once and no engine is ever shared between threads.
 * Thread-safe.
 *
 * <p>Passes, chosen by image statistics rather than brute force: every image is read once on its luminance
 * (upscaled 2x when its longer side is under 1000 px); images with a large share of saturated colour are read
 * a second time on the inverted min-channel view in automatic layout mode, which recovers light headlines on
 * coloured banners, and words the first pass did not already cover are added. Words below the confidence floor or without a letter or digit are junk.
 *
 * <p>With a pass executor the second pass runs on it, beside the first, on a spare engine (at most one spare per
 * reader, taken only when idle or creatable, never waited for): the words are the same as read one after the other,
 * but an image's OCR takes about its longer pass instead of both (at one worker the other core is idle once the
 * visual model is done). Without a spare the passes run one after the other on the reader's engine.
 */
public final class TesseractOcr implements Ocr, AutoCloseable {
    private final OcrConfig config;
    private final BlockingQueue<TesseractEngine> engines;
    /** Reading engines made so far (at most {@code engines}); guarded by this. */
    private int readerCount;
    /** Where the second pass runs beside the first; null: one after the other. */
    private final Executor passExecutor;
    /** Idle engines for a concurrent second pass, and how many exist or are being made (at most {@code engines}). */
    private final BlockingQueue<TesseractEngine> spares;
    private int spareCount;
    /** How long {@link #close()} waits for engines still reading (one slow image takes seconds). */
    static final long CLOSE_WAIT_MS = 60_000;
    private volatile boolean closed;

    /** Passes one after the other on the reader's engine. */
    public TesseractOcr(OcrConfig config) throws AdlensException {
        this(config, null);
    }

    /** The second pass on {@code passExecutor}, beside the first (null: one after the other). */
    public TesseractOcr(OcrConfig config, Executor passExecutor) throws AdlensException {
        this.config = config;
        this.passExecutor = passExecutor;
        this.engines = new ArrayBlockingQueue<>(config.engines());
        this.spares = new ArrayBlockingQueue<>(config.engines());
        // One engine now (a broken tessdata fails here, at start); the others when reads first overlap: each costs
        // ~0.25 s of one core, which a process labeling one ad (or starting its first) should not pay up front
        engines.add(newReader());
    }

    private synchronized TesseractEngine newReader() throws AdlensException {
        TesseractEngine engine = new TesseractEngine(config);
        readerCount++;
        return engine;
    }

    /** Reading engines created so far: 1 after construction, up to {@code config.engines()} as reads overlap. */
    synchronized int engineCount() {
        return readerCount;
    }

    /** Spare engines for concurrent second passes, created or being created: at most {@code config.engines()}. */
    synchronized int spareCount() {
        return spareCount;
    }

    @Override
    public OcrResult read(RgbImage image, Deadline deadline) throws AdlensException {
        TesseractEngine engine = borrow();
        try {
            double scale = scale(image.width(), image.height(), config);
            boolean colourful = GrayView.colourfulFraction(image) >= config.colourfulFraction();
            CompletableFuture<List<OcrWord>> beside = colourful ? secondPassBeside(image, scale, deadline) : null;
            List<String> passes = new ArrayList<>(List.of("luminance"));
            List<OcrWord> words = clean(engine.read(GrayView.luminance(image, scale), TesseractEngine.PSM_SPARSE_TEXT,
                    remaining(deadline)));
            if (colourful) {
                passes.add("min-channel");
                List<OcrWord> second = beside != null ? joined(beside) : secondPass(engine, image, scale, deadline);
                for (OcrWord extra : second) {
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

    /** The inverted min-channel view in automatic layout mode, its junk dropped. */
    private List<OcrWord> secondPass(TesseractEngine engine, RgbImage image, double scale, Deadline deadline)
            throws AdlensException {
        return clean(engine.read(GrayView.invertedMinChannel(image, scale), TesseractEngine.PSM_AUTO,
                remaining(deadline)));
    }

    /**
     * The second pass started on the pass executor with a spare engine; the first time spares run short one is made
     * there (~0.1 s of Tesseract start, beside the first pass rather than before it). Null when there is no executor
     * or every spare is busy.
     */
    private CompletableFuture<List<OcrWord>> secondPassBeside(RgbImage image, double scale, Deadline deadline) {
        if (passExecutor == null) {
            return null;
        }
        TesseractEngine idle = spares.poll();
        if (idle == null) {
            synchronized (this) {
                if (closed || spareCount >= config.engines()) {
                    return null;
                }
                spareCount++; // the slot is taken now; close() waits for what fills it
            }
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                TesseractEngine spare = idle;
                try {
                    if (spare == null) {
                        spare = newSpare();
                    }
                    return secondPass(spare, image, scale, deadline);
                } catch (AdlensException e) {
                    throw new CompletionException(e);
                } finally {
                    if (spare != null) {
                        spares.add(spare);
                    }
                }
            }, passExecutor);
        } catch (RejectedExecutionException e) { // the executor is shutting down: the reader's engine does both
            if (idle != null) {
                spares.add(idle);
            } else {
                freeSpareSlot();
            }
            return null;
        }
    }

    /** A spare for a slot already taken; the slot is given up when Tesseract cannot start. */
    private TesseractEngine newSpare() throws AdlensException {
        try {
            return new TesseractEngine(config);
        } catch (AdlensException | RuntimeException e) {
            freeSpareSlot();
            throw e;
        }
    }

    private synchronized void freeSpareSlot() {
        spareCount--;
    }

    /** The concurrent pass's words; its typed failure as thrown by the pass itself. */
    private static List<OcrWord> joined(CompletableFuture<List<OcrWord>> pass) throws AdlensException {
        try {
            return pass.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AdlensException a) {
                throw a;
            }
            throw new AdlensException(ErrorCode.OCR_FAILED, "OCR failed: " + e.getCause(), e.getCause());
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
                if (readerCount < config.engines()) {
                    return newReader();
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

    /** Frees up to {@code count} engines from {@code pool} as they come back by {@code deadline}; how many it freed. */
    private static int freeIdle(BlockingQueue<TesseractEngine> pool, int count, long deadline) {
        int freed = 0;
        try {
            for (int i = 0; i < count; i++) {
                TesseractEngine idle = pool.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (idle == null) {
                    break;
                }
                idle.close();
                freed++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return freed;
    }

    /**
     * Frees every engine once it is idle: an engine still inside a recognition is waited for (up to
     * {@link #CLOSE_WAIT_MS}), never freed under the native call (that was a SIGSEGV in Tesseract on an OCR thread when
     * a pipeline closed while a read was still running, e.g. after the visual encoder had failed). Engines that do not
     * come back in time are left allocated and logged: a leak at shutdown rather than a crash.
     */
    @Override
    public void close() {
        int readers;
        int spareSlots;
        synchronized (this) { // counts fixed here: no engine is made after this (a spare being made is counted)
            if (closed) {
                return;
            }
            closed = true;
            readers = readerCount;
            spareSlots = spareCount;
        }
        // waited for outside the lock: a spare still being made takes it to give up its slot when Tesseract fails
        long deadline = System.nanoTime() + CLOSE_WAIT_MS * 1_000_000;
        int freed = freeIdle(engines, readers, deadline) + freeIdle(spares, spareSlots, deadline);
        if (freed < readers + spareSlots) {
            org.slf4j.LoggerFactory.getLogger(TesseractOcr.class).atWarn()
                    .addKeyValue("inUse", readers + spareSlots - freed)
                    .log("OCR engines still reading at close; left allocated");
        }
    }
}
