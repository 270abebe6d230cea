package dev.adlens.tools;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * Just enough of the Lambda Runtime API (2018-06-01) to run one invocation of a packaged function on this machine:
 * the first {@code next} gets the event (its arrival time is when init ended), the {@code response} (or
 * {@code error}) completes the result; later {@code next} calls wait until {@link #close}.
 */
final class RuntimeApiEmulator implements AutoCloseable {
    record Result(long readyNanos, long doneNanos, boolean error, String body) {
    }

    private final HttpServer http;
    private final byte[] event;
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile long readyNanos;
    private volatile boolean served;

    RuntimeApiEmulator(byte[] event) throws IOException {
        this.event = event;
        this.http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        http.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "runtime-api");
            t.setDaemon(true);
            return t;
        }));
        http.createContext("/2018-06-01/runtime/", this::handle);
        http.start();
    }

    String address() {
        return "127.0.0.1:" + http.getAddress().getPort();
    }

    CompletableFuture<Result> result() {
        return result;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] body = ex.getRequestBody().readAllBytes();
        if (System.getenv("ADLENS_DEBUG") != null) {
            System.err.println("runtime api: " + ex.getRequestMethod() + " " + path);
        }
        if (path.endsWith("/invocation/next")) {
            if (served) {
                try {
                    closing.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.sendResponseHeaders(500, -1);
                ex.close();
                return;
            }
            served = true;
            readyNanos = System.nanoTime();
            ex.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "coldstart-1");
            ex.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 60_000));
            ex.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:000000000000:function:adlens-api");
            ex.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, event.length);
            ex.getResponseBody().write(event);
        } else {
            boolean error = path.endsWith("/error");
            result.complete(new Result(readyNanos, System.nanoTime(), error, new String(body, StandardCharsets.UTF_8)));
            ex.sendResponseHeaders(202, -1);
        }
        ex.close();
    }

    @Override
    public void close() {
        closing.countDown();
        http.stop(0);
    }
}
