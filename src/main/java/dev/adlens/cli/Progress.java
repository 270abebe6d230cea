package dev.adlens.cli;

import java.io.PrintStream;

/** A one-line progress bar with rate and ETA on stderr, drawn only when attached to a terminal. Thread-safe. */
final class Progress {
    private final int total;
    private final long start = System.nanoTime();
    private final PrintStream out = System.err;
    private final boolean enabled = System.console() != null;
    private int done;
    private int failed;

    Progress(int total) {
        this.total = total;
    }

    synchronized void step(boolean ok) {
        done++;
        if (!ok) {
            failed++;
        }
        if (!enabled) {
            return;
        }
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        int width = 30;
        int filled = total == 0 ? width : (int) ((long) width * done / total);
        out.printf("\r[%s%s] %d/%d  %.2f img/s  ETA %ds  failed %d ", "#".repeat(filled), " ".repeat(width - filled),
                done, total, rate, Math.round((total - done) / Math.max(rate, 1e-9)), failed);
        if (done == total) {
            out.println();
        }
    }

    synchronized int failed() {
        return failed;
    }
}
