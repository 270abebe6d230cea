package dev.adlens.onnx;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.nio.file.Path;

/**
 * A model opened on its first use and kept open until {@link #close()}: for a model most runs never need
 * ({@code adult-check.onnx} is asked about 1 ad in 200), so that a cold start does not pay for it. A failed open is
 * remembered and answered again without retrying (a broken file stays broken; retrying would hold every caller behind
 * a load per ad). Thread-safe.
 */
public final class LazyOnnxModel implements AutoCloseable {
    private final Path path;
    private final OnnxModel.Options options;
    private OnnxModel model;
    private AdlensException failed;
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
     * @throws AdlensException MODEL_INVALID when the file is missing or ORT rejects it (the first failure, every time
     *                         after it), or when this is closed
     */
    public synchronized OnnxModel get() throws AdlensException {
        if (closed) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, path + " is closed");
        }
        if (failed != null) {
            throw failed;
        }
        if (model == null) {
            try {
                model = OnnxModel.open(path, options);
            } catch (AdlensException e) {
                if (!Thread.currentThread().isInterrupted()) { // an interrupted caller says nothing of the file
                    failed = e;
                }
                throw e;
            }
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
