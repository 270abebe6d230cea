package dev.adlens.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.adlens.kserve.InferMessage;
import dev.adlens.tensor.TensorSpec;
import java.io.IOException;
import java.util.List;

/** Answering an exchange: JSON, errors, KServe metadata and responses; shared by the server and its models. */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    static void requireGet(HttpExchange ex, String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            throw new HttpError(405, ex.getRequestURI().getPath() + " needs GET");
        }
    }

    /** KServe model metadata: name, platform, version, the tensors in and out. */
    static ObjectNode modelMetadata(String name, String platform, String version, List<TensorSpec> inputs,
                                    List<TensorSpec> outputs) {
        ObjectNode m = JSON.createObjectNode().put("name", name).put("platform", platform);
        m.putArray("versions").add(version);
        tensors(m.putArray("inputs"), inputs);
        tensors(m.putArray("outputs"), outputs);
        return m;
    }

    private static void tensors(ArrayNode list, List<TensorSpec> specs) {
        for (TensorSpec spec : specs) {
            ObjectNode t = list.addObject().put("name", spec.name()).put("datatype", spec.datatype());
            ArrayNode s = t.putArray("shape");
            for (long d : spec.shape()) {
                s.add(d);
            }
        }
    }

    /** An infer response: binary with its header length in the KServe header, or JSON. */
    static void sendInferResponse(HttpExchange ex, InferMessage.Encoded resp) throws IOException {
        if (resp.headerLength() > 0) {
            ex.getResponseHeaders().add("Inference-Header-Content-Length", Integer.toString(resp.headerLength()));
        }
        send(ex, 200, resp.headerLength() == 0 ? "application/json" : "application/octet-stream", resp.body(),
                resp.body().length);
    }

    static void sendJson(HttpExchange ex, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        send(ex, status, "application/json", bytes, bytes.length);
    }

    static void error(HttpExchange ex, int status, String message) throws IOException {
        sendJson(ex, status, JSON.createObjectNode().put("error", message));
    }

    static void send(HttpExchange ex, int status, String type, byte[] body, int length) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            ex.getResponseBody().write(body, 0, length);
        }
    }

    /** The KServe binary header length, 0 for JSON; a malformed value is the client's mistake. */
    static int headerLength(HttpExchange ex) {
        String v = ex.getRequestHeaders().getFirst("Inference-Header-Content-Length");
        try {
            return v == null ? 0 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) { // Integer.parseInt's "For input string: …" is not for clients
            throw new HttpError(400, "Inference-Header-Content-Length is not a number");
        }
    }

    private Http() {}
}
