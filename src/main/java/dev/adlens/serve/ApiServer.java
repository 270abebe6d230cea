package dev.adlens.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.adlens.api.ApiRequest;
import dev.adlens.api.ApiResponse;
import dev.adlens.api.LabelsApi;
import dev.adlens.api.Problem;
import dev.adlens.error.ErrorCode;
import dev.adlens.time.Deadline;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The labels API ({@link LabelsApi}, the very object the Lambda function's handler calls) behind the JDK's HTTP server,
 * for trying a client on one machine before a deploy. Each exchange becomes the {@link ApiRequest} API Gateway's
 * payload v2 event would have become: the raw path, the query decoded (a repeated parameter joined with commas),
 * header names lower-case, the body's bytes. The same body limit and deadline as the deployed function, so that a
 * client meets the same 413 and 503 here.
 *
 * <p>There is no authoriser: the caller is {@code local:NAME}, NAME from the {@link ApiRequest#LOCAL_CALLER_HEADER}
 * header or else the server's own default. Anyone who can reach the port can claim any name, which is why the server
 * binds to loopback unless told otherwise, and why the deployed API refuses that header.
 */
public final class ApiServer implements AutoCloseable {
    /** What a local identity starts with: never an IAM ARN, a {@code jwt:} or a {@code lambda:} caller. */
    public static final String LOCAL_CALLER_PREFIX = "local:";
    /** Caller names: short, printable, no spaces (they are stored as the owner of uploads and logged). */
    static final Pattern CALLER_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private final HttpServer http;
    private final ThreadPoolExecutor threads;
    private final Admission admission = new Admission();
    private final LabelsApi api;
    private final String defaultCaller;
    private final long maxBodyBytes;
    private final Duration deadline;
    private final Consumer<String> accessLog;

    /**
     * @param defaultCaller the NAME of requests without the caller header
     * @param maxBodyBytes  the largest body read (the API itself answers 413 above its own limit; this one only keeps
     *                      larger bodies out of memory)
     * @param deadline      what each request may take, as the deployed function's timeout bounds it
     * @param accessLog     one line per request (method, path, status, milliseconds, caller)
     */
    public ApiServer(InetSocketAddress address, LabelsApi api, String defaultCaller, long maxBodyBytes,
                     Duration deadline, Consumer<String> accessLog) throws IOException {
        if (!CALLER_NAME.matcher(defaultCaller).matches()) {
            throw new IllegalArgumentException("caller name '" + defaultCaller + "' is not 1-64 of A-Z a-z 0-9 . _ @ + -");
        }
        this.api = api;
        this.defaultCaller = defaultCaller;
        this.maxBodyBytes = maxBodyBytes;
        this.deadline = deadline;
        this.accessLog = accessLog;
        this.http = HttpServer.create(address, 64);
        // labeling waits on the pipeline's own workers: these threads only hold requests, started on demand
        this.threads = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "adlens-api");
            t.setDaemon(true);
            return t;
        });
        threads.allowCoreThreadTimeOut(true);
        http.setExecutor(threads);
        http.createContext("/", this::exchange);
    }

    public void start() {
        http.start();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void exchange(HttpExchange ex) throws IOException {
        long t0 = System.nanoTime();
        String path = ex.getRequestURI().getRawPath();
        String caller = null;
        ApiResponse response;
        try {
            caller = caller(ex.getRequestHeaders().getFirst(ApiRequest.LOCAL_CALLER_HEADER));
            try (Admission.Admitted body = admission.admit(ex, maxBodyBytes)) {
                ApiRequest request = new ApiRequest(ex.getRequestMethod(), path, query(ex.getRequestURI().getRawQuery()),
                        headers(ex), body.bytes(), caller);
                response = api.handle(request, Deadline.in(deadline.toMillis()));
            }
        } catch (Problem p) {
            response = p.response(path);
        } catch (HttpError e) { // what Admission refused before reading (or finishing) the body
            response = switch (e.status) {
                case 413 -> Problem.of(ErrorCode.IMAGE_TOO_LARGE, e.getMessage() + "; put larger images in the bucket"
                        + " and send {\"s3Uri\": …}").response(path);
                // what API Gateway answers when it throttles (no problem document there either)
                case 429 -> new ApiResponse(429, Map.of("content-type", "application/json"),
                        "{\"message\":\"Too Many Requests\"}");
                default -> Problem.of(ErrorCode.BAD_REQUEST, e.getMessage()).response(path);
            };
        } catch (IOException e) {
            LOG.atDebug().log("client connection failed: {}", e.getMessage()); // a vanished client: nobody to answer
            ex.close();
            return;
        } catch (RuntimeException e) { // a defect of ours: the detail goes to the log, as the API's own do
            LOG.atError().setCause(e).addKeyValue("path", path).log("request failed");
            response = Problem.of(ErrorCode.INTERNAL_ERROR, "internal error; it has been logged").response(path);
        }
        try {
            response.headers().forEach((name, value) -> ex.getResponseHeaders().set(name, value));
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            Http.send(ex, response.status(), response.headers().getOrDefault("content-type", "application/json"),
                    bytes, bytes.length);
        } catch (IOException e) {
            LOG.atDebug().log("client connection failed: {}", e.getMessage());
        } finally {
            ex.close();
            accessLog.accept(String.format("%s %s %d %d ms%s", ex.getRequestMethod(), path, response.status(),
                    (System.nanoTime() - t0) / 1_000_000, caller == null ? "" : " " + caller));
        }
    }

    /** {@code local:NAME}: the header's name when present, else the server's default. */
    String caller(String header) {
        if (header == null) {
            return LOCAL_CALLER_PREFIX + defaultCaller;
        }
        String name = header.strip();
        if (!CALLER_NAME.matcher(name).matches()) {
            throw Problem.of(ErrorCode.BAD_REQUEST, "X-Adlens-Caller must be 1-64 of A-Z a-z 0-9 . _ @ + -");
        }
        return LOCAL_CALLER_PREFIX + name;
    }

    /** As API Gateway (payload v2) presents them: decoded, a repeated parameter's values joined with commas. */
    static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.merge(name, value, (a, b) -> a + "," + b);
            } catch (IllegalArgumentException e) {
                throw Problem.of(ErrorCode.BAD_REQUEST, "malformed percent-escape in the query string");
            }
        }
        return query;
    }

    /** Lower-case names; a repeated header's values joined with commas (as API Gateway does). */
    private static Map<String, String> headers(HttpExchange ex) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
        }
        return headers;
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }
}
