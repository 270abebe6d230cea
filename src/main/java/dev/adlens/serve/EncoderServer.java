package dev.adlens.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.adlens.visual.VisualContract;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KServe v2 subset over a registry of served models (name → {@link ServedModel}: {@code visual}, dynamically
 * batched, and, when given, {@code text}), version 1 each: server/model health and metadata, and infer (binary tensor
 * extension or JSON); SageMaker's container routes reach {@code visual}. What a request may cost is {@link Admission}'s;
 * what it means is its model's. Malformed requests get 400 with {@code {"error": …}}; a full queue 429; a model failure
 * 500; a request that waited past its time 503.
 */
public final class EncoderServer implements AutoCloseable {
    public static final String MODEL = VisualModel.NAME;
    public static final String VERSION = "1";
    public static final String TEXT_MODEL = TextModel.NAME;
    private static final Logger LOG = LoggerFactory.getLogger(EncoderServer.class);
    private static final Pattern MODEL_PATH =
            Pattern.compile("/v2/models/([^/]+)(?:/versions/" + VERSION + ")?(/ready|/infer)?");

    /**
     * The JDK server closes a connection whose request (headers and body) is not read within this many seconds, and one
     * whose response is not taken within {@link #MAX_RESPONSE_SECONDS}: 40 clients declaring 100 MB bodies, or
     * trickling a byte every 2 s, held every handler thread, health included. Read by the JDK once per process, so it
     * is set before the first server is created.
     */
    static final int MAX_REQUEST_SECONDS = 10;
    static final int MAX_RESPONSE_SECONDS = 30;
    /** Handler threads grow on demand up to this; health answers while slow clients hold some of them. */
    static final int MAX_HANDLER_THREADS = 256;

    static {
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(MAX_RESPONSE_SECONDS));
    }

    private final HttpServer http;
    private final ExecutorService threads;
    private final Admission admission = new Admission();
    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final VisualModel visual;
    private final String platform;

    public EncoderServer(InetSocketAddress address, DynamicBatcher batcher, VisualContract contract, String platform,
                         int httpThreads, int maxImagesPerRequest, long requestTimeoutMs) throws IOException {
        this(address, batcher, contract, platform, httpThreads, maxImagesPerRequest, requestTimeoutMs, null);
    }

    /** @param text the text model to serve as well, or null */
    public EncoderServer(InetSocketAddress address, DynamicBatcher batcher, VisualContract contract, String platform,
                         int httpThreads, int maxImagesPerRequest, long requestTimeoutMs, TextModel text)
            throws IOException {
        this.platform = platform;
        this.visual = new VisualModel(batcher, contract, maxImagesPerRequest, requestTimeoutMs);
        models.put(visual.name(), visual);
        if (text != null) {
            models.put(text.name(), text);
        }
        this.http = HttpServer.create(address, 256);
        // a thread per exchange up to max(httpThreads, MAX_HANDLER_THREADS), started on demand and retired after 30 s
        // idle (slow clients must not starve health); beyond that, exchanges queue
        int handlers = Math.max(httpThreads, MAX_HANDLER_THREADS);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(handlers, handlers,
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "adlens-serve");
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.threads = pool;
        http.setExecutor(threads);
        http.createContext("/", this::route);
    }

    public void start() {
        http.start();
    }

    /** The visual batcher's counters (batches, images): how much batching happened. */
    public DynamicBatcher batcher() {
        return visual.batcher();
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void route(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            Matcher m = MODEL_PATH.matcher(path);
            if (path.equals("/v2/health/live") || path.equals("/v2/health/ready")) {
                Http.requireGet(ex, method);
                Http.send(ex, 200, "application/json", new byte[0], 0);
            } else if (path.equals("/ping")) { // SageMaker's health check
                Http.send(ex, 200, "application/json", new byte[0], 0);
            } else if (path.equals("/v2") || path.equals("/v2/")) {
                Http.requireGet(ex, method);
                Http.sendJson(ex, 200, Http.JSON.createObjectNode().put("name", "adlens-serve-encoders").put("version", "1")
                        .set("extensions", Http.JSON.createArrayNode().add("binary_tensor_data")));
            } else if (path.equals("/invocations") || path.matches("/endpoints/[^/]+/invocations")) {
                // SageMaker's container contract (Triton's SageMaker mode): header size in the content type
                requirePost(method, "invocations");
                visual.infer(ex, admission, true);
            } else if (m.matches() && models.containsKey(m.group(1))) {
                ServedModel model = models.get(m.group(1));
                String action = m.group(2);
                if (action == null) {
                    Http.requireGet(ex, method);
                    Http.sendJson(ex, 200, model.metadata(platform));
                } else if (action.equals("/ready")) {
                    Http.requireGet(ex, method);
                    Http.send(ex, 200, "application/json", new byte[0], 0);
                } else {
                    requirePost(method, "infer");
                    model.infer(ex, admission, false);
                }
            } else if (path.startsWith("/v2/models/")) {
                throw new HttpError(404, "unknown model or version: " + path);
            } else {
                throw new HttpError(404, "no such endpoint: " + path);
            }
        } catch (HttpError e) {
            Http.error(ex, e.status, e.getMessage());
        } catch (IOException e) {
            LOG.atDebug().log("client connection failed: {}", e.getMessage()); // a slow or vanished client
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("infer failed");
            Http.error(ex, 500, "internal error");
        } finally {
            ex.close();
        }
    }

    private static void requirePost(String method, String what) {
        if (!method.equals("POST")) {
            throw new HttpError(405, what + " needs POST");
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
        models.values().forEach(ServedModel::close);
    }
}
