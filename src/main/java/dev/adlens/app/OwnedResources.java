package dev.adlens.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the composition root owns (ONNX sessions, Tesseract engines, the pools it starts), closed in reverse order of
 * creation, pools drained first so that nothing native is freed under a running worker.
 */
final class OwnedResources implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OwnedResources.class);
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

    <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    /** A pool, drained at close. */
    <T extends ExecutorService> T ownPool(T pool) {
        owned.push(() -> drain(pool));
        return pool;
    }

    /** {@code threads} daemon threads named {@code name}, owned. */
    ExecutorService ownDaemonPool(int threads, String name) {
        return ownPool(Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        }));
    }

    /** Stops a pool and waits for its tasks, so that nothing native is freed under a running worker. */
    static void drain(ExecutorService pool) {
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.atWarn().log("workers still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes everything after {@code primary} failed a build: what closing throws is suppressed into it. */
    void closeAfter(Exception primary) {
        try {
            close();
        } catch (Exception suppressed) {
            primary.addSuppressed(suppressed);
        }
    }

    /** Closes everything, last owned first; the first failure is thrown with the others suppressed into it. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
