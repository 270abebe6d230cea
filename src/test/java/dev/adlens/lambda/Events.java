package dev.adlens.lambda;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Event JSON in the exact shapes AWS delivers (field for field as in the AWS documentation's examples). */
public final class Events {
    static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** S3 encodes keys like a form: spaces as '+', '+' as %2B; '/' stays. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/");
    }

    public static ObjectNode s3Record(String bucket, String key, String eTag, String eventName) {
        ObjectNode r = JSON.createObjectNode().put("eventVersion", "2.1").put("eventSource", "aws:s3")
                .put("awsRegion", "us-east-1").put("eventTime", "2026-11-26T12:00:00.000Z").put("eventName", eventName);
        r.putObject("userIdentity").put("principalId", "AWS:AIDAEXAMPLE");
        r.putObject("requestParameters").put("sourceIPAddress", "127.0.0.1");
        r.putObject("responseElements").put("x-amz-request-id", "C3D13FE58DE4C810").put("x-amz-id-2", "FMyUVURIY8/IgAtTv8");
        ObjectNode s3 = r.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "adlens-labeling");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket)
                .putObject("ownerIdentity").put("principalId", "A3NL1KOZZKExample");
        ObjectNode o = s3.putObject("object").put("key", encodeKey(key)).put("size", 1024)
                .put("sequencer", "0055AED6DCD90281E5");
        if (eTag != null) {
            o.put("eTag", eTag);
        }
        return r;
    }

    public static ObjectNode s3Notification(ObjectNode... records) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("Records");
        for (ObjectNode r : records) {
            a.add(r);
        }
        return n;
    }

    public static ObjectNode created(String bucket, String key) {
        return s3Notification(s3Record(bucket, key, null, "ObjectCreated:Put"));
    }

    public static ObjectNode sqs(List<String> messageIds, List<String> bodies) {
        ObjectNode n = JSON.createObjectNode();
        ArrayNode a = n.putArray("Records");
        for (int i = 0; i < bodies.size(); i++) {
            ObjectNode m = a.addObject().put("messageId", messageIds.get(i)).put("receiptHandle", "AQEB" + i)
                    .put("body", bodies.get(i)).put("md5OfBody", "e4e68fb7bd0e697a0ae8f1bb342846b3")
                    .put("eventSource", "aws:sqs").put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:adlens-objects")
                    .put("awsRegion", "us-east-1");
            m.putObject("attributes").put("ApproximateReceiveCount", "1").put("SentTimestamp", "1545082649183")
                    .put("SenderId", "AIDAIENQZJOLO23YVJ4VO").put("ApproximateFirstReceiveTimestamp", "1545082649185");
            m.putObject("messageAttributes");
        }
        return n;
    }

    public static ObjectNode eventBridge(String bucket, String key, String eTag) {
        ObjectNode e = JSON.createObjectNode().put("version", "0").put("id", UUID.randomUUID().toString())
                .put("detail-type", "Object Created").put("source", "aws.s3").put("account", "123456789012")
                .put("time", "2026-11-26T12:00:00Z").put("region", "us-east-1");
        e.putArray("resources").add("arn:aws:s3:::" + bucket);
        ObjectNode d = e.putObject("detail").put("version", "0");
        d.putObject("bucket").put("name", bucket);
        ObjectNode o = d.putObject("object").put("key", key).put("size", 1024).put("sequencer", "00617F08299329D189");
        if (eTag != null) {
            o.put("etag", eTag);
        }
        d.put("request-id", "N4N7GDK58NMKJ12R").put("requester", "123456789012").put("source-ip-address", "1.2.3.4")
                .put("reason", "PutObject");
        return e;
    }

    /** S3 Batch Operations invocation, schema 2.0 (keys URL-encoded). */
    public static ObjectNode batchJob(String bucket, List<String> keys) {
        ObjectNode e = JSON.createObjectNode().put("invocationSchemaVersion", "2.0")
                .put("invocationId", "YXNkbGZqYWRmaiBhc2RmdW9hZHNmZGpmaGFzbGtkaGZza2RmaAo");
        e.putObject("job").put("id", "f3cc4f60-61f6-4a2b-8a21-d07600c373ce").putObject("userArguments");
        ArrayNode tasks = e.putArray("tasks");
        for (int i = 0; i < keys.size(); i++) {
            ObjectNode t = tasks.addObject().put("taskId", "dGFza2lk" + i).put("s3Bucket", bucket);
            if (keys.get(i) != null) {
                t.put("s3Key", encodeKey(keys.get(i)));
            }
            t.putNull("s3VersionId");
        }
        return e;
    }

    /** API Gateway HTTP API, payload format 2.0, as the gateway sends it (binary bodies base64-encoded). */
    public static ObjectNode http(String method, String rawPath, Map<String, String> query, String contentType,
                                  byte[] body, boolean base64) {
        String rawQuery = query.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        ObjectNode e = JSON.createObjectNode().put("version", "2.0").put("routeKey", "$default").put("rawPath", rawPath)
                .put("rawQueryString", rawQuery);
        e.putArray("cookies");
        ObjectNode h = e.putObject("headers").put("accept", "*/*").put("host", "abc123.execute-api.us-east-1.amazonaws.com")
                .put("user-agent", "adlens-test").put("x-amzn-trace-id", "Root=1-5e6722a7-cc56xmpl46db7ae02d4da47e")
                .put("x-forwarded-for", "198.51.100.1").put("x-forwarded-port", "443").put("x-forwarded-proto", "https");
        if (contentType != null) {
            h.put("content-type", contentType);
        }
        if (body != null) {
            h.put("content-length", Integer.toString(body.length));
        }
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        ObjectNode rc = e.putObject("requestContext").put("accountId", "123456789012").put("apiId", "abc123")
                .put("domainName", "abc123.execute-api.us-east-1.amazonaws.com").put("domainPrefix", "abc123")
                .put("requestId", UUID.randomUUID().toString()).put("routeKey", "$default").put("stage", "$default")
                .put("time", "26/Nov/2026:12:00:00 +0000").put("timeEpoch", 1795780800000L);
        rc.putObject("http").put("method", method).put("path", rawPath).put("protocol", "HTTP/1.1")
                .put("sourceIp", "198.51.100.1").put("userAgent", "adlens-test");
        rc.putObject("authorizer").putObject("iam").put("accessKey", "AKIAEXAMPLE").put("accountId", "123456789012")
                .put("callerId", "AIDAEXAMPLE").put("principalOrgId", "o-example")
                .put("userArn", "arn:aws:iam::123456789012:user/adlens-client").put("userId", "AIDAEXAMPLE");
        if (body != null) {
            e.put("body", base64 ? Base64.getEncoder().encodeToString(body)
                    : new String(body, StandardCharsets.UTF_8));
        }
        e.put("isBase64Encoded", body != null && base64);
        return e;
    }
}
