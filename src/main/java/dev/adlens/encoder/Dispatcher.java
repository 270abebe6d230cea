package dev.adlens.encoder;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REMOTE or AUTO dispatch of one encoder with a circuit breaker: after repeated endpoint failures calls stop for a
 * while (AUTO: the local encoder serves; REMOTE: ENCODER_UNAVAILABLE at once), then one trial call decides. Counts and
 * logs which path served each item ({@code path=remote|fallback|local}). Thread-safe.
 */
public final class Dispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** Items served per path since start. */
    public record Stats(long remote, long fallback, long local, long failed) {
    }

    /** One way of encoding (the endpoint or the local model). */
    public interface Call<T> {
        T run() throws AdlensException;
    }

    private final String what;
    private final EncoderMode mode;
    private final String endpoint;
    private final CircuitBreaker breaker;
    private final AtomicLong remoteServed = new AtomicLong();
    private final AtomicLong fallbackServed = new AtomicLong();
    private final AtomicLong localServed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Stats taken = new Stats(0, 0, 0, 0);

    /**
     * @param what     the encoder's name in logs ("visual", "text")
     * @param hasLocal whether a local encoder exists (required in AUTO)
     */
    public Dispatcher(String what, EncoderMode mode, String endpoint, CircuitBreaker breaker, boolean hasLocal) {
        if (mode == EncoderMode.LOCAL || (mode == EncoderMode.AUTO && !hasLocal)) {
            throw new IllegalArgumentException("dispatch needs REMOTE, or AUTO with a local encoder");
        }
        this.what = what;
        this.mode = mode;
        this.endpoint = endpoint;
        this.breaker = breaker;
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

    /** Runs {@code remote}, or {@code local} when the breaker is open (AUTO) or the endpoint just failed (AUTO). */
    public <T> T dispatch(int items, Call<T> remote, Call<T> local) throws AdlensException {
        long start = System.nanoTime();
        if (!breaker.allow()) {
            if (mode == EncoderMode.REMOTE) {
                failed.addAndGet(items);
                throw new AdlensException(ErrorCode.ENCODER_UNAVAILABLE, what + " encoder endpoint " + endpoint
                        + " is failing (circuit open); retry later");
            }
            return served("local", localServed, items, local.run(), start, null);
        }
        try {
            T out = remote.run();
            breaker.success();
            return served("remote", remoteServed, items, out, start, null);
        } catch (AdlensException e) {
            breaker.failure();
            if (mode == EncoderMode.REMOTE) {
                failed.addAndGet(items);
                LOG.atWarn().addKeyValue("path", "remote").addKeyValue("breaker", breaker.state())
                        .log("{} encoder failed: {}", what, e.getMessage());
                throw e;
            }
            return served("fallback", fallbackServed, items, local.run(), start, e.getMessage());
        }
    }

    private <T> T served(String path, AtomicLong counter, int items, T out, long start, String why) {
        counter.addAndGet(items);
        var log = why == null ? LOG.atInfo() : LOG.atWarn();
        log.addKeyValue("path", path).addKeyValue("encoder", what).addKeyValue("items", items)
                .addKeyValue("ms", (System.nanoTime() - start) / 1_000_000).addKeyValue("breaker", breaker.state())
                .log(why == null ? what + " encoded" : what + " encoded locally after endpoint failure: " + why);
        return out;
    }
}
