package dev.adlens.lambda;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Ends the process when the application stops by itself. Quarkus's Lambda poll loop (the native function's) stops the
 * application when the Runtime API cannot be reached, or after posting an init error, but Quarkus's main thread waits
 * for an exit request, not for the application to stop: without one the process lives on, serving nothing, until
 * Lambda gives up on it. A stop through a signal or System.exit (the JVM function's runtime interface client exits
 * that way) is not standard, and an exit already requested keeps its code: neither is changed here.
 */
@Singleton
public class ExitOnStop {
    void onStop(@Observes ShutdownEvent stop) {
        if (stop.isStandardShutdown() && LaunchMode.current() == LaunchMode.NORMAL) {
            Quarkus.asyncExit(1);
        }
    }
}
