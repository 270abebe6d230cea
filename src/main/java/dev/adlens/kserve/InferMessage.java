package dev.adlens.kserve;

import dev.adlens.tensor.Tensor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An inference request or response body: JSON header, then (binary extension) the raw tensors in header order.
 * {@code headerLength} is what travels in {@code Inference-Header-Content-Length} (or SageMaker's
 * {@code json-header-size}); 0 means a pure JSON body.
 */
public final class InferMessage {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers are small; a larger one is refused before it is parsed. */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private InferMessage() {
    }

    /** An encoded body and the length of its JSON header. */
    public record Encoded(byte[] body, int headerLength) {
    }

    /** The client's request: binary inputs, and every requested output asked for in binary (or JSON). */
    public static Encoded request(List<Tensor> inputs, List<String> outputs, boolean binary) {
        ObjectNode root = JSON.createObjectNode();
        describe(root.putArray("inputs"), inputs, binary);
        ArrayNode out = root.putArray("outputs");
        for (String name : outputs) {
            ObjectNode o = out.addObject().put("name", name);
            o.putObject("parameters").put("binary_data", binary);
        }
        return assemble(root, binary ? inputs : List.of());
    }

    /** The server's response; outputs in binary unless the request asked for JSON. */
    public static Encoded response(String model, String version, List<Tensor> outputs, boolean binary) {
        ObjectNode root = JSON.createObjectNode().put("model_name", model).put("model_version", version);
        describe(root.putArray("outputs"), outputs, binary);
        return assemble(root, binary ? outputs : List.of());
    }

    /** Each tensor's header entry: name, datatype, shape, and either its binary size or its data as JSON. */
    private static void describe(ArrayNode list, List<Tensor> tensors, boolean binary) {
        for (Tensor t : tensors) {
            ObjectNode n = list.addObject().put("name", t.name()).put("datatype", t.datatype());
            ArrayNode shape = n.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            if (binary) {
                n.putObject("parameters").put("binary_data_size", t.data().length);
            } else {
                n.set("data", jsonData(t));
            }
        }
    }

    private static Encoded assemble(ObjectNode header, List<Tensor> binaries) {
        try {
            byte[] json = JSON.writeValueAsBytes(header);
            if (binaries.isEmpty()) {
                return new Encoded(json, 0);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream(json.length
                    + binaries.stream().mapToInt(t -> t.data().length).sum());
            body.write(json);
            for (Tensor t : binaries) {
                body.write(t.data());
            }
            return new Encoded(body.toByteArray(), json.length);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A parsed request or response: the header's tensors ({@code inputs} or {@code outputs}) with their data. */
    public record Parsed(Map<String, Tensor> tensors, List<String> requestedOutputs,
                         boolean binaryOutputs) {
    }

    /**
     * @param field "inputs" (a request) or "outputs" (a response)
     * @throws InferProtocolException for anything malformed: bad JSON, shapes, sizes, trailing bytes
     */
    public static Parsed parse(byte[] body, int headerLength, String field) {
        if (headerLength < 0 || headerLength > body.length || headerLength > MAX_HEADER_BYTES
                || (headerLength == 0 && body.length > MAX_HEADER_BYTES * 64L)) {
            throw new InferProtocolException("bad inference header length " + headerLength);
        }
        int jsonLength = headerLength == 0 ? body.length : headerLength;
        JsonNode header;
        try {
            header = JSON.readTree(new String(body, 0, jsonLength, StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the parser's own text (source excerpts, "at [Source: …]") stays out of a client's answer
            throw new InferProtocolException("inference header is not JSON");
        }
        if (header == null || !header.path(field).isArray()) {
            throw new InferProtocolException("inference header has no '" + field + "' array");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        int offset = jsonLength;
        for (JsonNode t : header.path(field)) {
            String name = t.path("name").asText(null);
            String datatype = t.path("datatype").asText(null);
            if (name == null || datatype == null || !t.path("shape").isArray()) {
                throw new InferProtocolException("tensor needs name, datatype and shape");
            }
            long[] shape = new long[t.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.path("shape").get(i).asLong(-1);
            }
            try {
                long bytes = Tensor.elements(shape) * Tensor.elementSize(datatype);
                JsonNode size = t.path("parameters").path("binary_data_size");
                byte[] data;
                if (!size.isMissingNode()) {
                    if (size.asLong() != bytes || offset + bytes > body.length) {
                        throw new InferProtocolException(name + ": binary_data_size " + size.asLong()
                                + " does not fit shape/body");
                    }
                    data = Arrays.copyOfRange(body, offset, offset + (int) bytes);
                    offset += (int) bytes;
                } else {
                    data = fromJson(t.path("data"), datatype, bytes, name);
                }
                tensors.put(name, new Tensor(name, datatype, shape, data));
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw e instanceof InferProtocolException p ? p : new InferProtocolException(e.getMessage());
            }
        }
        if (headerLength > 0 && offset != body.length) {
            throw new InferProtocolException((body.length - offset) + " bytes after the last binary tensor");
        }
        List<String> requested = new ArrayList<>();
        boolean binaryOut = headerLength > 0;
        for (JsonNode o : header.path("outputs")) {
            if (field.equals("inputs")) {
                requested.add(o.path("name").asText());
                JsonNode b = o.path("parameters").path("binary_data");
                if (b.isBoolean()) {
                    binaryOut = b.asBoolean();
                }
            }
        }
        return new Parsed(tensors, requested, binaryOut);
    }

    private static ArrayNode jsonData(Tensor t) {
        ArrayNode a = JSON.createArrayNode();
        ByteBuffer b = ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN);
        switch (t.datatype()) {
            case "UINT8" -> {
                for (byte v : t.data()) {
                    a.add(v & 0xff);
                }
            }
            case "FP32" -> {
                while (b.hasRemaining()) {
                    a.add(b.getFloat());
                }
            }
            case "INT64" -> {
                while (b.hasRemaining()) {
                    a.add(b.getLong());
                }
            }
            case "INT32" -> {
                while (b.hasRemaining()) {
                    a.add(b.getInt());
                }
            }
            default -> throw new IllegalArgumentException("no JSON form for " + t.datatype());
        }
        return a;
    }

    /** KServe JSON data is a flat (row-major) or nested array; both are accepted. */
    private static byte[] fromJson(JsonNode data, String datatype, long bytes, String name) {
        if (!data.isArray()) {
            throw new InferProtocolException(name + ": neither binary_data_size nor data");
        }
        List<JsonNode> flat = new ArrayList<>();
        flatten(data, flat);
        int size = Tensor.elementSize(datatype);
        if ((long) flat.size() * size != bytes) {
            throw new InferProtocolException(name + ": " + flat.size() + " values do not fill the shape");
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode v : flat) {
            if (!v.isNumber()) {
                throw new InferProtocolException(name + ": non-numeric value " + v);
            }
            switch (datatype) {
                case "UINT8" -> {
                    int x = v.asInt();
                    if (x < 0 || x > 255) {
                        throw new InferProtocolException(name + ": " + x + " is not UINT8");
                    }
                    b.put((byte) x);
                }
                case "FP32" -> b.putFloat((float) v.asDouble());
                case "INT64" -> b.putLong(v.asLong());
                case "INT32" -> b.putInt(v.asInt());
                default -> throw new InferProtocolException(name + ": unsupported JSON datatype " + datatype);
            }
        }
        return b.array();
    }

    private static void flatten(JsonNode n, List<JsonNode> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n);
        }
    }
}
