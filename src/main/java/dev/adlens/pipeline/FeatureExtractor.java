package dev.adlens.pipeline;

import dev.adlens.labels.StageTimings;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.DecodedImage;
import dev.adlens.image.ImageDecoder;
import dev.adlens.ocr.Ocr;
import dev.adlens.ocr.OcrResult;
import dev.adlens.ocr.OcrWord;
import dev.adlens.text.TextEmbedder;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.time.Deadline;
import dev.adlens.words.WordSequence;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Stages up to the head inputs: decode, then OCR (on {@code ocrExecutor}) and the visual encoder (on the calling
 * thread) at the same time, then the text embedder (word vectors, or the text encoder over the OCR words). Thread-safe when its parts are (they are).
 */
public final class FeatureExtractor {
    private final ImageDecoder decoder;
    private final VisualEncoder visual;
    private final Ocr ocr;
    private final TextEmbedder embedder;
    private final Executor ocrExecutor;

    public FeatureExtractor(ImageDecoder decoder, VisualEncoder visual, Ocr ocr, TextEmbedder embedder,
                            Executor ocrExecutor) {
        this.decoder = decoder;
        this.visual = visual;
        this.ocr = ocr;
        this.embedder = embedder;
        this.ocrExecutor = ocrExecutor;
    }

    /**
     * The same stages with OCR on {@code executor}; {@code Runnable::run} runs OCR on the calling thread before the
     * visual encoder: the sequential baseline the overlap is measured against.
     */
    public FeatureExtractor withOcrExecutor(Executor executor) {
        return new FeatureExtractor(decoder, visual, ocr, embedder, executor);
    }

    public TextEmbedder embedder() {
        return embedder;
    }

    public VisualEncoder visual() {
        return visual;
    }

    /** {@link #extract(String, byte[], Deadline)} without a time limit (training features). */
    public AdFeatures extract(String image, byte[] bytes) throws AdlensException {
        return extract(image, bytes, Deadline.NONE);
    }

    /**
     * All stages by {@code deadline}: the decoder is aborted and Tesseract stopped when it passes; the encoders get
     * it too (one in process is bounded by its fixed input size, one on an endpoint derives its timeouts from it).
     *
     * @throws AdlensException the typed cause from whichever stage failed first; PROCESSING_TIMEOUT past the deadline
     */
    public AdFeatures extract(String image, byte[] bytes, Deadline deadline) throws AdlensException {
        long start = System.nanoTime();
        DecodedImage decoded = decoder.decode(bytes, left(deadline, "decoding"));
        long decodedAt = System.nanoTime();
        left(deadline, "OCR");
        CompletableFuture<Timed<OcrResult>> ocrFuture = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                return new Timed<>(ocr.read(decoded.image(), deadline), System.nanoTime() - t0);
            } catch (AdlensException e) {
                throw new CompletionException(e);
            }
        }, ocrExecutor);
        VisualFeatures features;
        try {
            features = visual.encode(List.of(decoded.image()), deadline).get(0);
        } catch (AdlensException e) {
            ocrFuture.cancel(false);
            throw e;
        }
        long visualNs = System.nanoTime() - decodedAt;
        Timed<OcrResult> read = join(ocrFuture, deadline);
        long wordsAt = System.nanoTime();
        WordSequence words = embedder.embed(read.value().words().stream().map(OcrWord::text).toList(), deadline);
        long end = System.nanoTime();
        left(deadline, "the text encoder");
        return new AdFeatures(image, decoded, features, read.value(), words, new StageTimings(ms(decodedAt - start),
                ms(visualNs), ms(read.nanos()), ms(end - wordsAt), 0, ms(end - start)));
    }

    /** Milliseconds until {@code deadline} ({@code Long.MAX_VALUE}: none); PROCESSING_TIMEOUT when it has passed. */
    private static long left(Deadline deadline, String stage) throws AdlensException {
        if (deadline.isNone()) {
            return Long.MAX_VALUE;
        }
        long ms = deadline.remainingMillis();
        if (ms <= 0) {
            throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "the image's time budget ran out before "
                    + stage + " finished");
        }
        return ms;
    }

    /**
     * The OCR result, waited for at most until {@code deadline} plus a grace in which Tesseract's own monitor
     * normally answers first. Past it the read is abandoned: the engine finishes in the background (layout analysis
     * is not interruptible) and goes back to the pool; this image fails now.
     */
    private static <T> T join(CompletableFuture<T> future, Deadline deadline) throws AdlensException {
        try {
            if (deadline.isNone()) {
                return future.join();
            }
            long waitNanos = deadline.atNanos() - System.nanoTime() + JOIN_GRACE_NANOS;
            return future.get(Math.max(0, waitNanos), java.util.concurrent.TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "OCR did not finish within the image's budget");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdlensException(ErrorCode.PROCESSING_TIMEOUT, "interrupted while waiting for OCR");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof CompletionException c && c.getCause() instanceof AdlensException a) {
                throw a;
            }
            if (e.getCause() instanceof AdlensException a) {
                throw a;
            }
            throw new AdlensException(ErrorCode.OCR_FAILED, "OCR failed: " + e.getCause(), e.getCause());
        } catch (CompletionException e) {
            if (e.getCause() instanceof AdlensException a) {
                throw a;
            }
            throw new AdlensException(ErrorCode.OCR_FAILED, "OCR failed: " + e.getCause(), e.getCause());
        }
    }

    private static final long JOIN_GRACE_NANOS = 500_000_000L;

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private record Timed<T>(T value, long nanos) {
    }
}
