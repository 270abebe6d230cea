package dev.adlens.encoder;

import java.time.Clock;
import java.time.Duration;

/**
 * Closed → (failureThreshold consecutive failures) → open for {@code openFor}: calls are not attempted → half-open:
 * one trial call; success closes it, failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private long openedAt = -1;
    private boolean trialInFlight;

    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** Whether a call may go to the endpoint now (in half-open state: only one at a time). */
    public synchronized boolean allow() {
        State s = state();
        if (s == State.CLOSED) {
            return true;
        }
        if (s == State.HALF_OPEN && !trialInFlight) {
            trialInFlight = true;
            return true;
        }
        return false;
    }

    public synchronized void success() {
        failures = 0;
        openedAt = -1;
        trialInFlight = false;
    }

    public synchronized void failure() {
        trialInFlight = false;
        failures++;
        if (failures >= failureThreshold || openedAt >= 0) {
            openedAt = clock.millis();
        }
    }

    /** Opens now, as if the threshold had been reached (an endpoint found unusable at start). */
    public synchronized void trip() {
        trialInFlight = false;
        failures = failureThreshold;
        openedAt = clock.millis();
    }

    public synchronized State state() {
        if (openedAt < 0) {
            return State.CLOSED;
        }
        return clock.millis() - openedAt >= openFor.toMillis() ? State.HALF_OPEN : State.OPEN;
    }
}
