package dev.adlens.kserve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How Triton's SageMaker mode frames a KServe message: the binary tensor extension's JSON header size travels in the
 * content type instead of the Inference-Header-Content-Length header. Shared by the client transport and the server.
 */
public final class SageMakerFraming {
    public static final String BINARY_TYPE = "application/vnd.sagemaker-triton.binary+json;json-header-size=";
    private static final Pattern HEADER_SIZE = Pattern.compile("json-header-size=(\\d+)");

    private SageMakerFraming() {
    }

    /** The content type of a message whose JSON header is {@code headerLength} bytes (0: pure JSON). */
    public static String contentType(int headerLength) {
        return headerLength > 0 ? BINARY_TYPE + headerLength : "application/json";
    }

    /** The JSON header size from a content type; 0 for pure JSON, -1 when malformed. */
    public static int headerLength(String contentType) {
        if (contentType == null || !contentType.contains("json-header-size")) {
            return 0;
        }
        Matcher m = HEADER_SIZE.matcher(contentType);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
