package dev.adlens.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Writes an S3 "ObjectCreated:Put" notification as S3 would, for harnesses that watch a bucket (`adlens dev`). */
public final class S3EventJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private S3EventJson() {
    }

    public static ObjectNode objectCreated(String bucket, String key, String eTag, long size, Instant time) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode r = root.putArray("Records").addObject().put("eventVersion", "2.1").put("eventSource", "aws:s3")
                .put("awsRegion", "us-east-1").put("eventTime", time.toString()).put("eventName", "ObjectCreated:Put");
        ObjectNode s3 = r.putObject("s3").put("s3SchemaVersion", "1.0").put("configurationId", "adlens-dev");
        s3.putObject("bucket").put("name", bucket).put("arn", "arn:aws:s3:::" + bucket);
        s3.putObject("object").put("key", URLEncoder.encode(key, StandardCharsets.UTF_8).replace("%2F", "/"))
                .put("size", size).put("eTag", eTag).put("sequencer", Long.toHexString(time.toEpochMilli()).toUpperCase());
        return root;
    }
}
