package dev.adlens.pipeline;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.DecodedImage;
import dev.adlens.image.ImageDecoder;
import dev.adlens.ocr.Ocr;
import dev.adlens.ocr.OcrResult;
import dev.adlens.ocr.OcrWord;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.words.TextEmbedder;
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

    /**
     * @throws AdlensException the typed cause from whichever stage failed first
     */
    public AdFeatures extract(String image, byte[] bytes) throws AdlensException {
        long start = System.nanoTime();
        DecodedImage decoded = decoder.decode(bytes);
        long decodedAt = System.nanoTime();
        CompletableFuture<Timed<OcrResult>> ocrFuture = CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            try {
                return new Timed<>(ocr.read(decoded.image()), System.nanoTime() - t0);
            } catch (AdlensException e) {
                throw new CompletionException(e);
            }
        }, ocrExecutor);
        VisualFeatures features;
        try {
            features = visual.encode(List.of(decoded.image())).get(0);
        } catch (AdlensException e) {
            ocrFuture.cancel(false);
            throw e;
        }
        long visualNs = System.nanoTime() - decodedAt;
        Timed<OcrResult> read = join(ocrFuture);
        long wordsAt = System.nanoTime();
        WordSequence words = embedder.embed(read.value().words().stream().map(OcrWord::text).toList());
        long end = System.nanoTime();
        return new AdFeatures(image, decoded, features, read.value(), words, new StageTimings(ms(decodedAt - start),
                ms(visualNs), ms(read.nanos()), ms(end - wordsAt), 0, ms(end - start)));
    }

    private static <T> T join(CompletableFuture<T> future) throws AdlensException {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AdlensException a) {
                throw a;
            }
            throw new AdlensException(ErrorCode.OCR_FAILED, "OCR failed: " + e.getCause(), e.getCause());
        }
    }

    private static long ms(long nanos) {
        return Math.round(nanos / 1e6);
    }

    private record Timed<T>(T value, long nanos) {
    }
}
