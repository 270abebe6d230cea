package dev.adlens.onnx;

/**
 * Calls in flight on a native session, so that closing it never frees it under a running call (that was a SIGSEGV in
 * ORT when `adlens dev` stopped while a worker was still encoding).
 */
final class InFlight {
    /** How long {@link #closeWhenIdle} waits for calls in flight (one encode takes well under a second). */
    static final long CLOSE_WAIT_MS = 30_000;

    private int running;
    private boolean closed;

    /** Counts a call in; false once closed. */
    synchronized boolean enter() {
        if (closed) {
            return false;
        }
        running++;
        return true;
    }

    synchronized void exit() {
        running--;
        notifyAll();
    }

    /**
     * Refuses new calls and waits for those in flight, up to {@link #CLOSE_WAIT_MS}: the calls still running (0: free
     * the session), or -1 when it was closed already.
     */
    synchronized int closeWhenIdle() {
        if (closed) {
            return -1;
        }
        closed = true;
        long until = System.nanoTime() + CLOSE_WAIT_MS * 1_000_000;
        boolean interrupted = false;
        while (running > 0 && System.nanoTime() < until) {
            try {
                wait(Math.max(1, (until - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                interrupted = true; // closing must finish; keep the interrupt for the caller
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return running;
    }
}
