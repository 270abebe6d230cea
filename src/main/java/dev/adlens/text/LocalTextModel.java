package dev.adlens.text;

import dev.adlens.error.AdlensException;
import dev.adlens.onnx.GraphCache;
import dev.adlens.onnx.OnnxModel;
import java.nio.file.Path;

/**
 * The text encoder under a models directory ({@code text/text.onnx} + {@code text/tokenizer.json}), opened in process:
 * owns the ORT session and the native tokenizer and closes both. The embedder it gives is thread-safe.
 */
public final class LocalTextModel implements AutoCloseable {
    private final OnnxModel model;
    private final AdTokenizer tokenizer;
    private final LocalOnnxTextEncoder encoder;

    private LocalTextModel(OnnxModel model, AdTokenizer tokenizer, LocalOnnxTextEncoder encoder) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.encoder = encoder;
    }

    /**
     * text.onnx runs each call on one thread (ORT intra-op 1): an ad's text is as fast so (12 tokens 2.1 vs 3.1 ms,
     * 128 tokens 12.8 vs 11.9 ms with two threads), workers do not oversubscribe the cores, and a taxonomy's many short
     * texts run {@code threads} padded batches side by side instead (32 batches of 64 x 12 tokens: 1.11 s vs 1.45 s
     * with one two-thread run at a time). The vectors are bit-identical at either setting.
     *
     * @param threads  how many padded batches a taxonomy's encoding runs at once
     * @param maxWords M, the head's word slots
     * @throws AdlensException MODEL_INVALID when a file is missing or malformed
     */
    public static LocalTextModel open(Path models, int threads, int maxWords) throws AdlensException {
        return open(models, threads, maxWords, GraphCache.NONE);
    }

    /** As {@link #open(Path, int, int)}, text.onnx's optimised graph kept in {@code cache}. */
    public static LocalTextModel open(Path models, int threads, int maxWords, GraphCache cache)
            throws AdlensException {
        OnnxModel model = OnnxModel.open(models.resolve("text/text.onnx"),
                OnnxModel.Options.threads(1).withCache(cache));
        try {
            LocalOnnxTextEncoder encoder = new LocalOnnxTextEncoder(model, threads);
            return new LocalTextModel(model, new AdTokenizer(models.resolve("text/tokenizer.json"), encoder.contract(),
                    maxWords), encoder);
        } catch (AdlensException | RuntimeException e) {
            try {
                model.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    public LocalOnnxTextEncoder encoder() {
        return encoder;
    }

    public AdTokenizer tokenizer() {
        return tokenizer;
    }

    /** The embedder over this encoder, or over {@code remote} (a dispatching/remote encoder with the same contract). */
    public ContextualEmbedder embedder(TextEncoder remote) {
        return new ContextualEmbedder(tokenizer, remote == null ? encoder : remote);
    }

    @Override
    public void close() throws Exception {
        try {
            tokenizer.close();
        } finally {
            model.close();
        }
    }
}
