package dev.adlens.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.adlens.kserve.SageMakerFraming;
import dev.adlens.kserve.InferMessage;
import dev.adlens.kserve.InferProtocolException;
import dev.adlens.tensor.Tensor;
import dev.adlens.text.TextBatch;
import dev.adlens.text.TextContract;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualOutputs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KServe v2 subset for {@code visual} (dynamically batched) and, when given, {@code text} (one text per run:
 * the model is dynamically quantized, so batching would change its vectors), version 1 each: server/model health
 * and metadata, and infer (binary tensor extension or JSON). Malformed requests get 400 with {@code {"error": …}}; a full queue 429; a model
 * failure 500; a request that waited past {@code requestTimeoutMs} 503.
 */
public final class EncoderServer implements AutoCloseable {
    public static final String MODEL = "visual";
    public static final String VERSION = "1";
    public static final String TEXT_MODEL = "text";
    private static final Logger LOG = LoggerFactory.getLogger(EncoderServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The JDK server closes a connection whose request (headers and body) is not read within this many seconds, and one
     * whose response is not taken within {@link #MAX_RESPONSE_SECONDS}: 40 clients declaring 100 MB bodies, or
     * trickling a byte every 2 s, held every handler thread, health included. Read by the JDK once per process, so it
     * is set before the first server is created.
     */
    static final int MAX_REQUEST_SECONDS = 10;
    static final int MAX_RESPONSE_SECONDS = 30;
    /** Request bodies held in memory at once, all requests together; more is answered 429 before being read. */
    static final long MAX_BODY_BYTES_IN_FLIGHT = 256L << 20;
    /**
     * JSON tensors cost ~10x their bytes once parsed (a tree node per number: 4 concurrent 50 MB JSON requests took
     * 5.1 GB), so JSON requests carry one image; batches use the binary extension.
     */
    static final int MAX_JSON_IMAGES = 1;
    /** Handler threads grow on demand up to this; health answers while slow clients hold some of them. */
    static final int MAX_HANDLER_THREADS = 256;

    static {
        System.setProperty("sun.net.httpserver.maxReqTime", Integer.toString(MAX_REQUEST_SECONDS));
        System.setProperty("sun.net.httpserver.maxRspTime", Integer.toString(MAX_RESPONSE_SECONDS));
    }

    private final HttpServer http;
    private final ExecutorService threads;
    private final java.util.concurrent.Semaphore bodyBytes = new java.util.concurrent.Semaphore(
            (int) Math.min(Integer.MAX_VALUE, MAX_BODY_BYTES_IN_FLIGHT));
    private final DynamicBatcher batcher;
    private final VisualContract contract;
    private final String platform;
    private final int maxImagesPerRequest;
    private final long requestTimeoutMs;
    private final TextModel text;

    /** The text model this server also serves: its contract and the in-process run of one padded batch. */
    public record TextModel(TextContract contract, TextRun run) {
    }

    /** Runs text.onnx on a batch as given (LocalOnnxTextEncoder::run). */
    public interface TextRun {
        float[] run(TextBatch batch) throws dev.adlens.error.AdlensException;
    }

    public EncoderServer(InetSocketAddress address, DynamicBatcher batcher, VisualContract contract, String platform,
                         int httpThreads, int maxImagesPerRequest, long requestTimeoutMs) throws IOException {
        this(address, batcher, contract, platform, httpThreads, maxImagesPerRequest, requestTimeoutMs, null);
    }

    /** @param text the text model to serve as well, or null */
    public EncoderServer(InetSocketAddress address, DynamicBatcher batcher, VisualContract contract, String platform,
                         int httpThreads, int maxImagesPerRequest, long requestTimeoutMs, TextModel text)
            throws IOException {
        this.text = text;
        this.batcher = batcher;
        this.contract = contract;
        this.platform = platform;
        this.maxImagesPerRequest = maxImagesPerRequest;
        this.requestTimeoutMs = requestTimeoutMs;
        this.http = HttpServer.create(address, 256);
        // a thread per exchange up to max(httpThreads, MAX_HANDLER_THREADS), started on demand and retired after 30 s
        // idle (slow clients must not starve health); beyond that, exchanges queue
        int handlers = Math.max(httpThreads, MAX_HANDLER_THREADS);
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(handlers, handlers,
                30, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), r -> {
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

    /** The batcher's counters (batches, images): how much batching happened. */
    public DynamicBatcher batcher() {
        return batcher;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    private void route(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String model = "/v2/models/" + MODEL;
            if (path.equals("/v2/health/live") || path.equals("/v2/health/ready")
                    || path.equals(model + "/ready") || path.equals(model + "/versions/" + VERSION + "/ready")) {
                requireGet(ex, method);
                send(ex, 200, "application/json", new byte[0], 0);
            } else if (path.equals("/v2") || path.equals("/v2/")) {
                requireGet(ex, method);
                sendJson(ex, 200, JSON.createObjectNode().put("name", "adlens-serve-encoders").put("version", "1")
                        .set("extensions", JSON.createArrayNode().add("binary_tensor_data")));
            } else if (path.equals(model) || path.equals(model + "/versions/" + VERSION)) {
                requireGet(ex, method);
                sendJson(ex, 200, metadata());
            } else if (path.equals(model + "/infer") || path.equals(model + "/versions/" + VERSION + "/infer")) {
                if (!method.equals("POST")) {
                    throw new HttpError(405, "infer needs POST");
                }
                infer(ex);
            } else if (path.equals("/invocations") || path.matches("/endpoints/[^/]+/invocations")) {
                // SageMaker's container contract (Triton's SageMaker mode): header size in the content type
                if (!method.equals("POST")) {
                    throw new HttpError(405, "invocations needs POST");
                }
                infer(ex);
            } else if (text != null && routeText(ex, path, method)) {
                return; // answered
            } else if (path.equals("/ping")) {
                send(ex, 200, "application/json", new byte[0], 0);
            } else if (path.startsWith("/v2/models/")) {
                throw new HttpError(404, "unknown model or version: " + path);
            } else {
                throw new HttpError(404, "no such endpoint: " + path);
            }
        } catch (HttpError e) {
            error(ex, e.status, e.getMessage());
        } catch (IOException e) {
            LOG.atDebug().log("client connection failed: {}", e.getMessage()); // a slow or vanished client
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("infer failed");
            error(ex, 500, "internal error");
        } finally {
            ex.close();
        }
    }

    /** The {@code text} model's routes; false when {@code path} is not one of them. */
    private boolean routeText(HttpExchange ex, String path, String method) throws IOException {
        String model = "/v2/models/" + TEXT_MODEL;
        String versioned = model + "/versions/" + VERSION;
        if (path.equals(model + "/ready") || path.equals(versioned + "/ready")) {
            requireGet(ex, method);
            send(ex, 200, "application/json", new byte[0], 0);
        } else if (path.equals(model) || path.equals(versioned)) {
            requireGet(ex, method);
            ObjectNode m = JSON.createObjectNode().put("name", TEXT_MODEL).put("platform", platform);
            m.putArray("versions").add(VERSION);
            ArrayNode in = m.putArray("inputs");
            for (String name : TextContract.INPUTS) {
                tensorMeta(in, name, "INT64", -1, -1);
            }
            tensorMeta(m.putArray("outputs"), TextContract.OUTPUT, "FP32", -1, -1, text.contract().dim());
            sendJson(ex, 200, m);
        } else if (path.equals(model + "/infer") || path.equals(versioned + "/infer")) {
            if (!method.equals("POST")) {
                throw new HttpError(405, "infer needs POST");
            }
            inferText(ex);
        } else {
            return false;
        }
        return true;
    }

    private void inferText(HttpExchange ex) throws IOException {
        int maxTokens = text.contract().maxTokens();
        String headerLength = ex.getRequestHeaders().getFirst("Inference-Header-Content-Length");
        // three INT64 [1,T] inputs: 8 bytes a value binary, up to 21 characters as JSON
        long maxBody = InferMessage.MAX_HEADER_BYTES + 3L * maxTokens * (headerLength != null ? 8 : 21);
        InferMessage.Parsed req;
        try (Admitted body = admit(ex, maxBody)) {
            req = InferMessage.parse(body.bytes(), headerLength == null ? 0 : Integer.parseInt(headerLength.strip()),
                    "inputs");
        } catch (InferProtocolException e) {
            throw new HttpError(400, e.getMessage());
        } catch (NumberFormatException e) { // Long.parseLong's "For input string: …" is not for clients
            throw new HttpError(400, "Inference-Header-Content-Length is not a number");
        }
        long[][] data = new long[3][];
        long width = -1;
        for (int i = 0; i < 3; i++) {
            Tensor t = req.tensors().get(TextContract.INPUTS[i]);
            if (t == null || !t.datatype().equals("INT64") || t.shape().length != 2 || t.shape()[0] != 1
                    || t.shape()[1] < 1 || t.shape()[1] > maxTokens || (width >= 0 && t.shape()[1] != width)) {
                throw new HttpError(400, "inputs " + String.join(", ", TextContract.INPUTS) + " must be INT64 [1,T], "
                        + "1 <= T <= " + maxTokens + ", all the same T; got " + t);
            }
            width = t.shape()[1];
            data[i] = t.longs();
        }
        if (req.tensors().size() != 3) {
            throw new HttpError(400, "expected exactly the inputs " + String.join(", ", TextContract.INPUTS));
        }
        for (String name : req.requestedOutputs()) {
            if (!TextContract.OUTPUT.equals(name)) {
                throw new HttpError(400, "unknown output '" + name + "'");
            }
        }
        float[] hidden;
        try {
            hidden = text.run().run(new TextBatch(1, (int) width, data[0], data[1], data[2]));
        } catch (dev.adlens.error.AdlensException e) {
            throw new HttpError(500, "model failed: " + e.getMessage());
        }
        Tensor out = Tensor.ofFloats(TextContract.OUTPUT, new long[]{1, width, text.contract().dim()}, hidden);
        InferMessage.Encoded resp = InferMessage.response(TEXT_MODEL, VERSION, List.of(out), req.binaryOutputs());
        if (resp.headerLength() > 0) {
            ex.getResponseHeaders().add("Inference-Header-Content-Length", Integer.toString(resp.headerLength()));
        }
        send(ex, 200, resp.headerLength() == 0 ? "application/json" : "application/octet-stream", resp.body(),
                resp.body().length);
    }

    private static void requireGet(HttpExchange ex, String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new HttpError(405, ex.getRequestURI().getPath() + " needs GET");
        }
    }

    private ObjectNode metadata() {
        ObjectNode m = JSON.createObjectNode().put("name", MODEL).put("platform", platform);
        m.putArray("versions").add(VERSION);
        dev.adlens.tensor.TensorSpec input = VisualOutputs.input(contract);
        tensorMeta(m.putArray("inputs"), input.name(), input.datatype(), input.shape());
        ArrayNode out = m.putArray("outputs");
        for (dev.adlens.tensor.TensorSpec t : VisualOutputs.outputs(contract)) {
            tensorMeta(out, t.name(), t.datatype(), t.shape());
        }
        return m;
    }

    private static void tensorMeta(ArrayNode list, String name, String datatype, long... shape) {
        ObjectNode t = list.addObject().put("name", name).put("datatype", datatype);
        ArrayNode s = t.putArray("shape");
        for (long d : shape) {
            s.add(d);
        }
    }

    private void infer(HttpExchange ex) throws IOException {
        long frame = (long) contract.width() * contract.height() * 3;
        boolean sageMaker = !ex.getRequestURI().getPath().startsWith("/v2/");
        String headerLength = ex.getRequestHeaders().getFirst("Inference-Header-Content-Length");
        boolean binary = sageMaker ? SageMakerFraming.headerLength(ex.getRequestHeaders().getFirst("Content-Type")) != 0
                : headerLength != null;
        // JSON tensors spell each byte as up to 4 characters ("255,"): allow for that, and no more
        int maxImages = binary ? maxImagesPerRequest : Math.min(maxImagesPerRequest, MAX_JSON_IMAGES);
        long maxBody = InferMessage.MAX_HEADER_BYTES + frame * maxImages * (binary ? 1 : 4);
        InferMessage.Parsed req;
        try (Admitted body = admit(ex, maxBody)) {
            int length = sageMaker ? SageMakerFraming.headerLength(ex.getRequestHeaders().getFirst("Content-Type"))
                    : headerLength == null ? 0 : Integer.parseInt(headerLength.strip());
            req = InferMessage.parse(body.bytes(), length, "inputs");
        } catch (InferProtocolException e) {
            throw new HttpError(400, e.getMessage());
        } catch (NumberFormatException e) { // Long.parseLong's "For input string: …" is not for clients
            throw new HttpError(400, "Inference-Header-Content-Length is not a number");
        }
        Tensor image = req.tensors().get(VisualOutputs.INPUT);
        if (image == null || req.tensors().size() != 1) {
            throw new HttpError(400, "expected exactly one input named '" + VisualOutputs.INPUT + "'");
        }
        long[] s = image.shape();
        dev.adlens.tensor.TensorSpec spec = VisualOutputs.input(contract);
        if (!image.datatype().equals(spec.datatype()) || s.length == 0 || s[0] < 1 || s[0] > maxImages
                || !java.util.Arrays.equals(s, spec.shapeFor(s[0]))) {
            throw new HttpError(400, "input 'image' must be UINT8 [1.." + maxImages + "," + contract.height() + ","
                    + contract.width() + ",3]" + (binary ? "" : " as JSON (batches: the binary extension)") + ", got "
                    + image);
        }
        for (String name : req.requestedOutputs()) {
            if (!VisualOutputs.OUTPUTS.contains(name)) {
                throw new HttpError(400, "unknown output '" + name + "'");
            }
        }
        Map<String, Tensor> out;
        try {
            out = batcher.submit(image).get(requestTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (DynamicBatcher.QueueFull e) {
            ex.getResponseHeaders().add("Retry-After", "1");
            throw new HttpError(429, e.getMessage());
        } catch (TimeoutException e) {
            throw new HttpError(503, "timed out after " + requestTimeoutMs + " ms in the queue");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpError(503, "interrupted");
        } catch (ExecutionException e) {
            throw new HttpError(500, "model failed: " + e.getCause().getMessage());
        }
        List<Tensor> selected = new ArrayList<>();
        List<String> names = req.requestedOutputs().isEmpty() ? VisualOutputs.OUTPUTS : req.requestedOutputs();
        for (String name : names) {
            selected.add(out.get(name));
        }
        InferMessage.Encoded resp = InferMessage.response(MODEL, VERSION, selected, req.binaryOutputs());
        String type = resp.headerLength() == 0 ? "application/json" : "application/octet-stream";
        if (resp.headerLength() > 0 && sageMaker) {
            type = SageMakerFraming.BINARY_TYPE + resp.headerLength();
        } else if (resp.headerLength() > 0) {
            ex.getResponseHeaders().add("Inference-Header-Content-Length", Integer.toString(resp.headerLength()));
        }
        send(ex, 200, type, resp.body(), resp.body().length);
    }

    /**
     * Most bytes of an oversize body read and dropped before its 413 (HTTP clients that are still sending do not read
     * an early answer); a body declared larger is answered at once and its connection closed. A client that stalls
     * while being drained is cut off by the request time limit.
     */
    static final long MAX_DRAIN_BYTES = 64L << 20;

    private static void drain(InputStream in, long max) throws IOException {
        byte[] sink = new byte[64 << 10];
        long drained = 0;
        for (int n; drained < max && (n = in.read(sink)) >= 0; ) {
            drained += n;
        }
    }

    /** A request body in memory, counted against {@link #MAX_BODY_BYTES_IN_FLIGHT} until closed (after parsing). */
    private final class Admitted implements AutoCloseable {
        private final int permits;
        private byte[] bytes;

        Admitted(int permits) {
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
     * a client that may never send it); a chunked body that turns out too large is drained up to twice the maximum
     * so that the client reads the 413 instead of a reset.
     */
    private Admitted admit(HttpExchange ex, long max) throws IOException {
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
                body = null;
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

    private static void sendJson(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        send(ex, status, "application/json", bytes, bytes.length);
    }

    private static void error(HttpExchange ex, int status, String message) throws IOException {
        sendJson(ex, status, JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, int length) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            ex.getResponseBody().write(body, 0, length);
        }
    }

    private static final class HttpError extends RuntimeException {
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
        batcher.close();
    }
}
