package dev.adlens.encoder;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REMOTE or AUTO dispatch with a circuit breaker: after repeated endpoint failures calls stop for a while (AUTO: the
 * local encoder serves; REMOTE: ENCODER_UNAVAILABLE at once), then one trial call decides. Counts and logs which path
 * served each image ({@code path=remote|fallback|local}).
 */
public final class DispatchingVisualEncoder implements VisualEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchingVisualEncoder.class);

    /** Images served per path since start. */
    public record Stats(long remote, long fallback, long local, long failed) {
    }

    private final EncoderMode mode;
    private final RemoteVisualEncoder remote;
    private final VisualEncoder local;
    private final CircuitBreaker breaker;
    private final AtomicLong remoteServed = new AtomicLong();
    private final AtomicLong fallbackServed = new AtomicLong();
    private final AtomicLong localServed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Stats taken = new Stats(0, 0, 0, 0);

    /** @param local the in-process encoder; may be null only in REMOTE mode */
    public DispatchingVisualEncoder(EncoderMode mode, RemoteVisualEncoder remote, VisualEncoder local,
                                    CircuitBreaker breaker) {
        if (mode == EncoderMode.LOCAL || (mode == EncoderMode.AUTO && local == null)) {
            throw new IllegalArgumentException("dispatch needs REMOTE, or AUTO with a local encoder");
        }
        this.mode = mode;
        this.remote = remote;
        this.local = local;
        this.breaker = breaker;
    }

    @Override
    public VisualContract contract() {
        return remote.contract();
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public Stats stats() {
        return new Stats(remoteServed.get(), fallbackServed.get(), localServed.get(), failed.get());
    }

    /** The counts since the last call (per-invocation metrics); counting goes on. */
    public synchronized Stats takeStats() {
        Stats now = stats();
        Stats delta = new Stats(now.remote() - taken.remote(), now.fallback() - taken.fallback(),
                now.local() - taken.local(), now.failed() - taken.failed());
        taken = now;
        return delta;
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images) throws AdlensException {
        long start = System.nanoTime();
        if (!breaker.allow()) {
            if (mode == EncoderMode.REMOTE) {
                failed.addAndGet(images.size());
                throw new AdlensException(ErrorCode.ENCODER_UNAVAILABLE, "visual encoder endpoint "
                        + remote.transport().describe() + " is failing (circuit open); retry later");
            }
            return served("local", localServed, images, local.encode(images), start, null);
        }
        try {
            List<VisualFeatures> out = remote.encode(images);
            breaker.success();
            return served("remote", remoteServed, images, out, start, null);
        } catch (AdlensException e) {
            breaker.failure();
            if (mode == EncoderMode.REMOTE) {
                failed.addAndGet(images.size());
                LOG.atWarn().addKeyValue("path", "remote").addKeyValue("breaker", breaker.state())
                        .log("visual encoder failed: {}", e.getMessage());
                throw e;
            }
            return served("fallback", fallbackServed, images, local.encode(images), start, e.getMessage());
        }
    }

    private List<VisualFeatures> served(String path, AtomicLong counter, List<RgbImage> images, List<VisualFeatures> out,
                                        long start, String why) {
        counter.addAndGet(images.size());
        var log = why == null ? LOG.atInfo() : LOG.atWarn();
        log.addKeyValue("path", path).addKeyValue("images", images.size())
                .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000).addKeyValue("breaker", breaker.state())
                .log(why == null ? "visual encoded" : "visual encoded locally after endpoint failure: " + why);
        return out;
    }
}
