package dev.adlens.pipeline;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One task per input on a pool, at most {@code window} in flight, results handed to a sink in input order as soon as
 * every earlier one is done. Bounded: a run over a million files holds {@code window} tasks and results, not a
 * million futures. The one fan-out of the CLI commands and the trigger processor.
 */
public final class OrderedFanOut {
    private OrderedFanOut() {
    }

    @FunctionalInterface
    public interface Task<I, O> {
        O run(I input) throws Exception;
    }

    @FunctionalInterface
    public interface Sink<O> {
        void accept(O output) throws Exception;
    }

    /**
     * @throws Exception the first failure of a task (unwrapped) or of the sink; tasks not yet done are cancelled
     */
    public static <I, O> void run(List<I> inputs, ExecutorService pool, int window, Task<I, O> task, Sink<O> sink)
            throws Exception {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1");
        }
        Deque<Future<O>> inFlight = new ArrayDeque<>();
        Iterator<I> next = inputs.iterator();
        try {
            while (next.hasNext() || !inFlight.isEmpty()) {
                while (next.hasNext() && inFlight.size() < window) {
                    I input = next.next();
                    inFlight.add(pool.submit(() -> task.run(input)));
                }
                sink.accept(result(inFlight.removeFirst()));
            }
        } finally {
            inFlight.forEach(f -> f.cancel(true));
        }
    }

    private static <O> O result(Future<O> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
