package dev.adlens.serve;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Semaphore;

/**
 * Which request bodies are read into memory: each up to its route's maximum, all together up to
 * {@link #MAX_BODY_BYTES_IN_FLIGHT}; more is answered 429 before anything is read, an oversize body 413.
 */
final class Admission {
    /** Request bodies held in memory at once, all requests together. */
    static final long MAX_BODY_BYTES_IN_FLIGHT = 256L << 20;
    /**
     * Most bytes of an oversize body read and dropped before its 413 (HTTP clients that are still sending do not read
     * an early answer); a body declared larger is answered at once and its connection closed. A client that stalls
     * while being drained is cut off by the request time limit.
     */
    static final long MAX_DRAIN_BYTES = 64L << 20;

    private final Semaphore bodyBytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, MAX_BODY_BYTES_IN_FLIGHT));

    /** A request body in memory, counted against the bytes in flight until closed (after parsing). */
    final class Admitted implements AutoCloseable {
        private final int permits;
        private byte[] bytes;

        private Admitted(int permits) {
            this.permits = permits;
        }

        byte[] bytes() {
            return bytes;
        }

        @Override
        public void close() {
            bodyBytes.release(permits);
        }
    }

    /**
     * Reads the body once its size (declared, or the route's maximum for a chunked body) fits in the bytes in flight;
     * otherwise 429 before reading anything. A declared size over the maximum is 413 at once (nothing is drained from
     * a client that may never send it beyond {@link #MAX_DRAIN_BYTES}); a chunked body that turns out too large is
     * drained so that the client reads the 413 instead of a reset.
     */
    Admitted admit(HttpExchange ex, long max) throws IOException {
        String header = ex.getRequestHeaders().getFirst("Content-Length");
        long declared;
        try {
            declared = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            throw new HttpError(400, "Content-Length is not a number");
        }
        if (declared > max) {
            if (declared <= MAX_DRAIN_BYTES) { // read and dropped, so that the client reads the 413, not a reset
                drain(ex.getRequestBody(), declared);
            }
            ex.getResponseHeaders().add("Connection", "close");
            throw new HttpError(413, "request body of " + declared + " bytes exceeds " + max);
        }
        int permits = (int) Math.min(Integer.MAX_VALUE, Math.min(MAX_BODY_BYTES_IN_FLIGHT, declared < 0 ? max : declared));
        if (!bodyBytes.tryAcquire(permits)) {
            ex.getResponseHeaders().add("Retry-After", "1");
            throw new HttpError(429, "too many request bytes in flight; retry");
        }
        Admitted admitted = new Admitted(permits);
        try {
            InputStream in = ex.getRequestBody();
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                drain(in, MAX_DRAIN_BYTES);
                ex.getResponseHeaders().add("Connection", "close");
                throw new HttpError(413, "request body exceeds " + max + " bytes");
            }
            admitted.bytes = body;
            return admitted;
        } catch (IOException | RuntimeException e) {
            admitted.close();
            throw e;
        }
    }

    private static void drain(InputStream in, long max) throws IOException {
        byte[] sink = new byte[64 << 10];
        long drained = 0;
        for (int n; drained < max && (n = in.read(sink)) >= 0; ) {
            drained += n;
        }
    }
}
