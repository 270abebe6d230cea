package dev.adlens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.TestModels;
import dev.adlens.api.LabelsApi;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.LocalStack;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelTable;
import dev.adlens.store.RecordStatus;
import dev.adlens.tools.ColdStartCommand;
import io.quarkus.amazon.lambda.runtime.MockEventServer;
import io.vertx.ext.web.RoutingContext;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The deployable itself: target/function.zip as `mvn package` leaves it, unpacked and started the way Lambda's java
 * runtimes start it (the AWS runtime interface client loading QuarkusStreamHandler, configured only by environment
 * variables as template.yaml sets them), polling Quarkus's mock Lambda Runtime API, against S3Proxy and dynalite.
 * S3HandlerTest and ApiHandlerTest check the handlers in depth inside Quarkus's test class loader; this checks once
 * that the package, its class path, its application.properties and its start-up do the same outside it.
 * (Quarkus's @QuarkusIntegrationTest cannot drive a JVM Lambda package: its poll loop runs only in a native image.)
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PackagedFunctionIT {
    static final Path TARGET = Path.of("target").toAbsolutePath();
    static final String BUCKET = "ads-packaged";
    static final Duration INVOCATION = Duration.ofSeconds(120);
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(60);

    LocalStack aws;
    S3Client s3;
    DynamoDbClient dynamo;
    Path app;

    @BeforeAll
    void start() throws IOException {
        app = unpack(TARGET.resolve("function.zip"), TARGET.resolve("packaged-function-it"));
        aws = LocalStack.start(TARGET.resolve("local-aws").resolve("packaged-function-it"));
        s3 = AwsClients.s3(aws.settings());
        dynamo = AwsClients.dynamo(aws.settings());
        s3.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    void stop() {
        s3.close();
        dynamo.close();
        aws.close();
    }

    @Test
    void theBucketFunctionLabelsAnUploadAndRecordsABrokenFile() throws Exception {
        String eTag = s3.putObject(b -> b.bucket(BUCKET).key("in/spring sale.jpg").contentType("image/jpeg"),
                // an ad IAB answers with confidence: a real ad may be "unclear" in IAB (nothing selected or indexed)
                RequestBody.fromBytes(Files.readAllBytes(
                        Path.of("samples/travel-skyline-safari.jpg")))).eTag();
        s3.putObject(b -> b.bucket(BUCKET).key("in/broken.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes("not a jpeg".getBytes(StandardCharsets.UTF_8)));

        try (Function f = new Function("s3", Map.of())) {
            JsonNode out = f.invoke(Events.s3Notification(
                    Events.s3Record(BUCKET, "in/spring sale.jpg", eTag, "ObjectCreated:Put"),
                    Events.s3Record(BUCKET, "in/broken.jpg", null, "ObjectCreated:Put")));
            assertThat(out.get("source").asText()).as(out.toString()).isEqualTo("S3_NOTIFICATION");
        }

        LabelTable table = new LabelTable(dynamo, "adlens-labels");
        LabelRecord ad = table.find(BUCKET, "in/spring sale.jpg").orElseThrow();
        assertThat(ad.status()).isEqualTo(RecordStatus.LABELED);
        JsonNode result = Events.JSON.readTree(ad.result());
        assertThat(result.get("topics")).hasSize(38);
        assertThat(result.get("sentiments")).hasSize(30);
        // the taxonomy chosen by configuration, as template.yaml chooses it, reaches the item and its index key
        assertThat(ad.modelVersion()).endsWith("/iab-ad-product-2.0@" + CategoryTaxonomy.builtIn("iab-ad-product-2.0").version());
        assertThat(ad.top().orElseThrow().category())
                .isEqualTo("iab-ad-product-2.0/" + result.at("/openrtb/cat/0").asText());
        LabelRecord broken = table.find(BUCKET, "in/broken.jpg").orElseThrow();
        assertThat(broken.status()).isEqualTo(RecordStatus.FAILED);
        assertThat(broken.errorCode()).isIn("CORRUPT_IMAGE", "UNSUPPORTED_FORMAT");
    }

    @Test
    void theApiFunctionLabelsStoresAndReadsBackForItsCallerOnly() throws Exception {
        byte[] jpeg = TestImages.read(TestImages.ads().get(1));
        try (Function f = new Function("api", Map.of("ADLENS_API_ALLOWED_BUCKETS", BUCKET))) {
            JsonNode up = f.invoke(Events.http("POST", "/v1/labels", Map.of("store", "true"), "image/jpeg", jpeg, true));
            assertThat(up.get("statusCode").asInt()).as(up.toString()).isEqualTo(200);
            JsonNode labels = Events.JSON.readTree(up.get("body").asText());
            assertThat(labels.get("topics")).hasSize(38);
            String path = "/v1/labels/" + LabelsApi.UPLOAD_BUCKET + "/" + labels.at("/source/key").asText();

            JsonNode back = f.invoke(Events.http("GET", path, Map.of(), null, null, false));
            assertThat(back.get("statusCode").asInt()).as(back.toString()).isEqualTo(200);
            assertThat(Events.JSON.readTree(back.get("body").asText()).get("topics")).isEqualTo(labels.get("topics"));

            ObjectNode other = Events.http("GET", path, Map.of(), null, null, false);
            ((ObjectNode) other.at("/requestContext/authorizer/iam")).put("userArn", "arn:aws:iam::123456789012:user/eve");
            JsonNode refused = f.invoke(other);
            assertThat(refused.get("statusCode").asInt()).as(refused.toString()).isEqualTo(404);
        }
    }

    /** One function process under the runtime interface client, with its own mock Runtime API. */
    final class Function implements AutoCloseable {
        final MockEventServer api = new RuntimeApi();
        final Process process;
        final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        final Path log;

        Function(String handler, Map<String, String> env) throws IOException {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            api.start(port);
            log = TARGET.resolve("packaged-function-it-" + handler + ".log");
            ProcessBuilder pb = new ProcessBuilder("java", "-XX:+UseSerialGC", "-cp",
                    app + File.pathSeparator + app.resolve("lib") + "/*" + File.pathSeparator
                            + TARGET.resolve("lambda-runtime") + "/*",
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> e = pb.environment();
            e.put("AWS_LAMBDA_RUNTIME_API", "localhost:" + port + MockEventServer.BASE_PATH);
            e.put("AWS_REGION", "us-east-1");
            e.put("QUARKUS_LAMBDA_HANDLER", handler);
            e.put("ADLENS_MODELS", TestModels.dir().toAbsolutePath().toString());
            e.put("ADLENS_TESSDATA", TestModels.tessdata().toString());
            e.put("ADLENS_TAXONOMIES", "iab-ad-product-2.0");
            // the local stack's settings as environment variables (MicroProfile Config's mapping of their names)
            aws.quarkusConfig().forEach((k, v) -> e.put(k.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), v));
            e.put("OMP_THREAD_LIMIT", "1");
            e.putAll(env);
            process = pb.start();
        }

        JsonNode invoke(JsonNode event) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + api.getPort()
                            + MockEventServer.POST_EVENT)).timeout(INVOCATION).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event.toString())).build();
            HttpResponse<String> r;
            try {
                r = http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException timeoutOrRefused) {
                throw new AssertionError("no answer from the function; its log:\n" + Files.readString(log),
                        timeoutOrRefused);
            }
            assertThat(r.statusCode()).as("%s\nfunction log:\n%s", r.body(), Files.readString(log)).isEqualTo(200);
            return Events.JSON.readTree(r.body());
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            api.close();
        }
    }

    /**
     * Quarkus's mock Runtime API sends no deadline; Lambda always does (Lambda-Runtime-Deadline-Ms), and the function
     * budgets each image by it. Given as Lambda gives it: the function's timeout from the moment the event is taken.
     * An invocation error is accepted with Lambda's 202, not the mock's 204: the runtime interface client takes any
     * other status for a lost Runtime API and stops polling.
     */
    static final class RuntimeApi extends MockEventServer {
        @Override
        public void nextEvent(RoutingContext ctx) {
            ctx.response().putHeader("Lambda-Runtime-Deadline-Ms",
                    Long.toString(System.currentTimeMillis() + FUNCTION_TIMEOUT.toMillis()));
            super.nextEvent(ctx);
        }

        @Override
        public void handleError(RoutingContext ctx) {
            RoutingContext pending = responsePending.remove(ctx.pathParam("requestId"));
            if (pending == null) {
                ctx.fail(404);
                return;
            }
            processError(ctx, pending, ctx.body().buffer());
            ctx.response().setStatusCode(202).end();
        }
    }

    static Path unpack(Path zip, Path dir) throws IOException {
        assertThat(zip).as("mvn package writes it before the integration tests").exists();
        return ColdStartCommand.unzip(zip, dir);
    }
}
