package dev.adlens.app;

import dev.adlens.error.AdlensException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The composition root's loading threads: model-loading steps that overlap with the calling thread's own loading,
 * their typed errors rethrown as themselves.
 */
final class Loading {
    private Loading() {
    }

    /** A model-loading step that throws the typed error. */
    interface Step<T> {
        T get() throws AdlensException;
    }

    /** One daemon thread per loading step (the executor of the loading futures). */
    static void thread(Runnable step) {
        Thread t = new Thread(step, "adlens-load");
        t.setDaemon(true);
        t.start();
    }

    /** {@code step} on a loading thread of its own. */
    static <T> CompletableFuture<T> start(Step<T> step) {
        return CompletableFuture.supplyAsync(() -> unchecked(step), Loading::thread);
    }

    /** {@code step}, its typed error carried through a future as the cause of a {@link CompletionException}. */
    static <T> T unchecked(Step<T> step) {
        try {
            return step.get();
        } catch (AdlensException e) {
            throw new CompletionException(e);
        }
    }

    /** The result of a loading thread, its typed error rethrown as itself. */
    static <T> T joined(CompletableFuture<T> load) throws AdlensException {
        try {
            return load.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AdlensException a) {
                throw a;
            }
            throw e;
        }
    }
}
