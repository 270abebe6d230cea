package dev.adlens.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.bucket.ImageRef;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells the event shapes apart and extracts the objects. Keys: URL-decoded where AWS encodes them (S3 notifications,
 * Batch Operations); EventBridge delivers them plain. Only "ObjectCreated" events label anything; removals are
 * counted as ignored.
 */
public final class TriggerParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TriggerParser() {
    }

    /** @throws IllegalArgumentException for JSON that is none of the supported shapes */
    public static Trigger parse(JsonNode event) {
        if (event.has("invocationSchemaVersion") && event.has("tasks")) {
            return batchJob(event);
        }
        JsonNode records = event.path("Records");
        if (records.isArray() && !records.isEmpty() && "aws:sqs".equals(records.get(0).path("eventSource").asText())) {
            List<Trigger.Message> messages = new ArrayList<>();
            for (JsonNode r : records) {
                messages.add(message(r.path("messageId").asText(), r.path("body").asText("")));
            }
            return new Trigger.Queue(messages);
        }
        return direct(event);
    }

    private static Trigger.Message message(String id, String body) {
        try {
            Trigger t = direct(JSON.readTree(body));
            return new Trigger.Message(id, ((Trigger.Direct) t).events(), null);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return new Trigger.Message(id, List.of(), "message body is not an S3 or EventBridge event: "
                    + e.getMessage());
        }
    }

    private static Trigger direct(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if ("s3:TestEvent".equals(event.path("Event").asText())) {
            return new Trigger.Direct(Trigger.Source.S3_TEST_EVENT, List.of(), 1);
        }
        if ("aws.s3".equals(event.path("source").asText()) && event.has("detail-type")) {
            JsonNode d = event.path("detail");
            if (!"Object Created".equals(event.path("detail-type").asText())) {
                return new Trigger.Direct(Trigger.Source.EVENTBRIDGE, List.of(), 1);
            }
            JsonNode o = d.path("object");
            ImageRef ref = new ImageRef(required(d.path("bucket").path("name"), "detail.bucket.name"),
                    required(o.path("key"), "detail.object.key"), text(o.path("version-id")), text(o.path("etag")));
            return new Trigger.Direct(Trigger.Source.EVENTBRIDGE, List.of(new ObjectEvent(ref, text(event.path("time")))), 0);
        }
        JsonNode records = event.path("Records");
        if (records.isArray() && !records.isEmpty() && "aws:s3".equals(records.get(0).path("eventSource").asText())) {
            List<ObjectEvent> events = new ArrayList<>();
            int ignored = 0;
            for (JsonNode r : records) {
                if (!r.path("eventName").asText().startsWith("ObjectCreated:")) {
                    ignored++;
                    continue;
                }
                JsonNode s3 = r.path("s3");
                JsonNode o = s3.path("object");
                events.add(new ObjectEvent(ImageRef.fromEncodedKey(required(s3.path("bucket").path("name"),
                        "s3.bucket.name"), required(o.path("key"), "s3.object.key"), text(o.path("versionId")),
                        text(o.path("eTag"))), text(r.path("eventTime"))));
            }
            return new Trigger.Direct(Trigger.Source.S3_NOTIFICATION, events, ignored);
        }
        throw new IllegalArgumentException("not an S3 notification, SQS batch, EventBridge or Batch Operations event");
    }

    private static Trigger batchJob(JsonNode event) {
        String schema = event.path("invocationSchemaVersion").asText();
        List<Trigger.Task> tasks = new ArrayList<>();
        for (JsonNode t : event.path("tasks")) {
            String id = t.path("taskId").asText();
            // 2.0 names the bucket; 1.0 only its ARN (arn:aws:s3:::bucket)
            String bucket = t.hasNonNull("s3Bucket") ? t.get("s3Bucket").asText()
                    : t.path("s3BucketArn").asText("").replaceFirst("^arn:[^:]+:s3:::", "");
            String key = text(t.path("s3Key"));
            if (bucket.isEmpty() || key == null) {
                tasks.add(new Trigger.Task(id, null, "task names no bucket or key"));
                continue;
            }
            tasks.add(new Trigger.Task(id, new ObjectEvent(ImageRef.fromEncodedKey(bucket, key,
                    text(t.path("s3VersionId")), null), null), null));
        }
        return new Trigger.BatchJob(event.path("invocationId").asText(), schema, tasks);
    }

    private static String required(JsonNode n, String name) {
        String v = text(n);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static String text(JsonNode n) {
        return n == null || n.isMissingNode() || n.isNull() ? null : n.asText();
    }
}
