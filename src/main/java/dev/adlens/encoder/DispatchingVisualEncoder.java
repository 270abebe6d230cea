package dev.adlens.encoder;

import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;
import dev.adlens.time.Deadline;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import java.util.List;

/** visual.onnx on the endpoint with the local encoder behind it ({@link Dispatcher}: breaker, fallback, counts). */
public final class DispatchingVisualEncoder implements VisualEncoder {
    private final RemoteVisualEncoder remote;
    private final VisualEncoder local;
    private final Dispatcher dispatcher;

    /** @param local the in-process encoder; may be null only in REMOTE mode */
    public DispatchingVisualEncoder(EncoderMode mode, RemoteVisualEncoder remote, VisualEncoder local,
                                    CircuitBreaker breaker) {
        this.remote = remote;
        this.local = local;
        this.dispatcher = new Dispatcher("visual", mode, remote.transport().describe(), breaker, local != null);
    }

    @Override
    public VisualContract contract() {
        return remote.contract();
    }

    public CircuitBreaker breaker() {
        return dispatcher.breaker();
    }

    public Dispatcher.Stats stats() {
        return dispatcher.stats();
    }

    /** The counts since the last call (per-invocation metrics); counting goes on. */
    public Dispatcher.Stats takeStats() {
        return dispatcher.takeStats();
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images) throws AdlensException {
        return encode(images, Deadline.NONE);
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images, Deadline deadline) throws AdlensException {
        return dispatcher.dispatch(images.size(), () -> remote.encode(images, deadline), () -> local.encode(images));
    }
}
