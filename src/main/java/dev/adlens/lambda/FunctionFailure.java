package dev.adlens.lambda;

import java.util.function.Supplier;

/**
 * What a handler throws when its work ends in an {@link Error}, so that the runtime reports it. Quarkus's Lambda poll
 * loop, which runs the native function, posts an invocation error for an Exception, but an Error ends its thread
 * without one: the invocation times out and is retried, and the process waits for events nothing takes any more.
 * Such Errors are real: a native library, class or service provider the image lacks surfaces as
 * NoClassDefFoundError, UnsatisfiedLinkError or ServiceConfigurationError, mostly while the pipeline is built — which
 * is why the handlers build it inside their first invocation, under {@link #guard}. (The JVM function runs under
 * AWS's runtime interface client, which reports any throwable itself; there this changes the error's type, and a
 * VirtualMachineError no longer ends the process after its invocation.) The message is the Error's own, so the
 * invocation error names it.
 */
public final class FunctionFailure extends RuntimeException {
    FunctionFailure(Throwable cause) {
        super(cause.toString(), cause);
    }

    /** Runs a handler's work: RuntimeExceptions leave as they are, any other throwable as a FunctionFailure. */
    static <T> T guard(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable t) {
            throw new FunctionFailure(t);
        }
    }
}
