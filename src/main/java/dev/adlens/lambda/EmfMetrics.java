package dev.adlens.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * CloudWatch Embedded Metric Format: one JSON log line per invocation that CloudWatch turns into metrics
 * (namespace {@value #NAMESPACE}, dimension {@code Function}) without any API call from the function.
 */
final class EmfMetrics {
    static final String NAMESPACE = "adlens";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EmfMetrics() {
    }

    /** @param counts metric name → count (Unit Count) */
    static String line(String function, Map<String, Long> counts, long timestampMillis) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode aws = root.putObject("_aws").put("Timestamp", timestampMillis);
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject().put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Function");
        ArrayNode metrics = directive.putArray("Metrics");
        root.put("Function", function);
        counts.forEach((name, n) -> {
            metrics.addObject().put("Name", name).put("Unit", "Count");
            root.put(name, n);
        });
        return root.toString();
    }
}
