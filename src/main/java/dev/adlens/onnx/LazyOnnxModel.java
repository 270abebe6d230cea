package dev.adlens.onnx;

import dev.adlens.error.AdlensException;
import java.nio.file.Path;

/**
 * A model opened on its first use and kept open until {@link #close()}: for a model most runs never need
 * ({@code adult-check.onnx} is asked about 1 ad in 200), so that a cold start does not pay for it. Thread-safe.
 */
public final class LazyOnnxModel implements AutoCloseable {
    private final Path path;
    private final OnnxModel.Options options;
    private OnnxModel model;
    private boolean closed;

    public LazyOnnxModel(Path path, OnnxModel.Options options) {
        this.path = path;
        this.options = options;
    }

    public Path path() {
        return path;
    }

    /**
     * The model, opened now if this is the first call.
     *
     * @throws AdlensException MODEL_INVALID when the file is missing or ORT rejects it (asked again on the next call)
     */
    public synchronized OnnxModel get() throws AdlensException {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
        if (model == null) {
            model = OnnxModel.open(path, options);
        }
        return model;
    }

    /** Whether the model has been opened (tests: a cold start must not open it). */
    public synchronized boolean opened() {
        return model != null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
