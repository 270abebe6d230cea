package dev.adlens.pipeline;

/**
 * The time the current unit of work (one object of a Lambda invocation, one API request) may still take, for stages
 * that wait on the network (the remote encoder derives its timeouts from it). Thread-confined: the stage that waits
 * runs on the thread that set it.
 */
public final class Deadline {
    private static final ThreadLocal<Long> AT_NANOS = new ThreadLocal<>();

    private Deadline() {
    }

    /** Work that may fail with one checked exception type, which {@link #within} passes through unchanged. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    /** Runs {@code work} with {@code remainingMillis} left; nested calls keep the earlier deadline. */
    public static <T, E extends Exception> T within(long remainingMillis, Work<T, E> work) throws E {
        Long outer = AT_NANOS.get();
        long at = System.nanoTime() + Math.min(remainingMillis, Long.MAX_VALUE / 2_000_000) * 1_000_000;
        AT_NANOS.set(outer == null ? at : Math.min(outer, at));
        try {
            return work.run();
        } finally {
            if (outer == null) {
                AT_NANOS.remove();
            } else {
                AT_NANOS.set(outer);
            }
        }
    }

    /** Milliseconds left, or {@code Long.MAX_VALUE} when no deadline is set (CLI). */
    public static long remainingMillis() {
        Long at = AT_NANOS.get();
        return at == null ? Long.MAX_VALUE : Math.max(0, (at - System.nanoTime()) / 1_000_000);
    }
}
