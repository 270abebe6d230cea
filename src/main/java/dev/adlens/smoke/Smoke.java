package dev.adlens.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.AwsSettings;
import dev.adlens.bucket.ImageRef;
import dev.adlens.error.AdlensException;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelTable;
import dev.adlens.store.RecordStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What a deployer runs after `sam deploy`: (1) the sample ad POSTed to the API, SigV4-signed by the SDK's own signer
 * as any IAM client must sign it, answered LABELED; (2) the sample uploaded to the bucket and read back from the
 * table once the labeling function stored it LABELED, then both removed. The two parts are independent (a broken
 * API says nothing about the bucket flow), so both always run.
 *
 * @param api       the stack's ApiUrl output (no trailing /v1)
 * @param aws       region, credentials (empty: the default chain) and the endpoint overrides of the local stand-ins
 * @param sample    a JPEG the models label (the repository's samples/travel-skyline-safari.jpg)
 * @param timeout   how long the table may take to hold the uploaded object's labels (a cold start, SQS batching)
 */
public record Smoke(URI api, String bucket, String table, AwsSettings aws, AwsCredentialsProvider credentials,
                        byte[] sample, Duration timeout) {
    /** Where the uploads go: a prefix of their own, so that a leftover is recognisable (and easy to delete). */
    public static final String KEY_PREFIX = "adlens-smoke/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** API Gateway's integration limit is 30 s; a cold function with its models loading may need most of it. */
    private static final Duration API_TIMEOUT = Duration.ofSeconds(40);

    /** One step's outcome; {@code detail} is a single line (what was seen, or why it failed). */
    public record Step(String name, boolean ok, String detail) {
        public String line() {
            return (ok ? "ok      " : "FAILED  ") + name + ": " + detail;
        }
    }

    /** Runs every step, reporting each as it ends; the list is the whole outcome. */
    public List<Step> run(Consumer<Step> report) {
        List<Step> steps = new ArrayList<>();
        Consumer<Step> add = s -> {
            steps.add(s);
            report.accept(s);
        };
        add.accept(apiStep());
        bucketFlow(add);
        return steps;
    }

    /** The labels endpoint with the sample's bytes, signed for execute-api; LABELED with a top topic passes. */
    Step apiStep() {
        URI uri = URI.create(api.toString().replaceAll("/+$", "") + "/v1/labels");
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(signed(uri, sample, aws.region(), credentials.resolveCredentials()),
                            HttpResponse.BodyHandlers.ofString());
            String seconds = String.format("%.1f s", (System.nanoTime() - start) / 1e9);
            if (r.statusCode() != 200) {
                String hint = r.statusCode() == 403 ? " (the caller needs execute-api:Invoke on the API, and --region "
                        + "must be the stack's region)" : "";
                return new Step("api", false, "POST " + uri + " answered HTTP " + r.statusCode() + ": "
                        + oneLine(r.body(), 200) + hint);
            }
            JsonNode labels = JSON.readTree(r.body());
            String status = labels.path("status").asText();
            if (!status.equals("LABELED")) {
                return new Step("api", false, "POST " + uri + " answered " + status + ": " + oneLine(r.body(), 200));
            }
            return new Step("api", true, "POST " + uri + " LABELED, top topic "
                    + labels.path("topics").path(0).path("key").asText("?") + " (" + seconds + ", signed)");
        } catch (IOException | RuntimeException e) {
            return new Step("api", false, "POST " + uri + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Step("api", false, "POST " + uri + ": interrupted");
        }
    }

    /**
     * The request as API Gateway's IAM authoriser checks it: the SDK's SigV4 signer over method, path, headers and the
     * payload's hash, service execute-api. java.net.http sets Host and Content-Length itself (and refuses them).
     */
    public static HttpRequest signed(URI uri, byte[] body, String region, AwsCredentialsIdentity identity) {
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "image/jpeg").build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(unsigned)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)).request();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(API_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> b.header(name, v));
            }
        });
        return b.build();
    }

    /** Upload, wait for the table, clean up: each a step; a failed upload skips the rest (there is nothing to read). */
    private void bucketFlow(Consumer<Step> add) {
        String key = KEY_PREFIX + UUID.randomUUID() + ".jpg";
        String uri = "s3://" + bucket + "/" + key;
        try (S3Client s3 = AwsClients.s3(aws); DynamoDbClient dynamo = AwsClients.dynamo(aws)) {
            String eTag;
            Optional<String> versionId;
            try {
                var put = s3.putObject(b -> b.bucket(bucket).key(key).contentType("image/jpeg"),
                        RequestBody.fromBytes(sample));
                eTag = ImageRef.stripQuotes(put.eTag());
                versionId = Optional.ofNullable(put.versionId());
                add.accept(new Step("upload", true, uri));
            } catch (RuntimeException e) {
                add.accept(new Step("upload", false, uri + ": " + reason(e)));
                return;
            }
            add.accept(awaitLabels(new LabelTable(dynamo, table), key, eTag));
            add.accept(cleanUp(s3, dynamo, key, versionId));
        } catch (RuntimeException e) { // the clients themselves (a region or endpoint the SDK refuses)
            add.accept(new Step("upload", false, uri + ": " + reason(e)));
        }
    }

    /** Polls the table (consistent reads) for this upload's revision until it is final or the time is up. */
    private Step awaitLabels(LabelTable labels, String key, String eTag) {
        String uri = "s3://" + bucket + "/" + key;
        long start = System.nanoTime();
        long until = start + timeout.toNanos();
        try {
            while (true) {
                Optional<LabelRecord> r = labels.find(bucket, key);
                if (r.isPresent() && eTag.equals(r.get().eTag())) {
                    LabelRecord record = r.get();
                    if (record.status() != RecordStatus.LABELED) {
                        return new Step("table", false, "table " + table + " holds " + uri + " as " + record.status()
                                + " " + record.errorCode() + ": " + oneLine(String.valueOf(record.errorMessage()), 200));
                    }
                    return new Step("table", true, "table " + table + " holds " + uri + " LABELED, top topic "
                            + record.top().map(t -> t.topic()).orElse("?")
                            + String.format(" (after %.1f s)", (System.nanoTime() - start) / 1e9));
                }
                if (System.nanoTime() >= until) {
                    return new Step("table", false, "no labels for " + uri + " in table " + table + " after "
                            + timeout.toSeconds() + " s: does the bucket's notification reach the labeling function? "
                            + "(its CloudWatch log group, the dead-letter queue; a late item stays for that key)");
                }
                Thread.sleep(1000);
            }
        } catch (AdlensException e) {
            return new Step("table", false, "reading " + uri + " from table " + table + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Step("table", false, "interrupted while waiting for " + uri);
        }
    }

    /**
     * Leaves nothing behind: the object (its version too: the deployed bucket is versioned, and a plain delete would
     * only add a delete marker) and its item.
     */
    private Step cleanUp(S3Client s3, DynamoDbClient dynamo, String key, Optional<String> versionId) {
        String uri = "s3://" + bucket + "/" + key;
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(versionId.orElse(null)));
            dynamo.deleteItem(b -> b.tableName(table).key(Map.of("image", AttributeValue.fromS(uri))));
            return new Step("cleanup", true, "deleted " + uri + (versionId.map(v -> " (version " + v + ")").orElse(""))
                    + " and its item");
        } catch (RuntimeException e) {
            return new Step("cleanup", false, "deleting " + uri + " or its item: " + reason(e));
        }
    }

    /** An exception as one line: its class when the message alone would not say what failed. */
    static String reason(Exception e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        Throwable cause = e.getCause();
        if (message.isBlank() && cause != null) {
            message = String.valueOf(cause.getMessage());
        }
        return oneLine(e.getClass().getSimpleName() + (message.isBlank() ? "" : ": " + message), 300);
    }

    static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
