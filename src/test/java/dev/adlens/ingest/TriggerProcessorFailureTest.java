package dev.adlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.TestModels;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.AwsSettings;
import dev.adlens.aws.LocalStack;
import dev.adlens.bucket.S3ImageBucket;
import dev.adlens.lambda.Events;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.store.LabelTable;
import dev.adlens.trigger.TriggerParser;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Transient failures against real peers: a closed port, a server that never answers, one that always says 503.
 * Each must hand the object back (SQS batchItemFailures, Batch TemporaryFailure, a thrown direct invocation) and
 * write nothing; the SDK's own retries are counted.
 */
@IntegrationTest
class TriggerProcessorFailureTest {
    static LocalStack aws;
    static Adlens pipeline;
    static S3Client s3;
    static DynamoDbClient dynamo;
    static LabelTable table;
    static final String BUCKET = "failures";

    @BeforeAll
    static void start() throws Exception {
        aws = LocalStack.start(Path.of("target", "local-aws", "failures"));
        pipeline = Adlens.open(AdlensSettings.defaults(TestModels.dir(), TestModels.tessdata()));
        s3 = AwsClients.s3(aws.settings());
        dynamo = AwsClients.dynamo(aws.settings());
        table = new LabelTable(dynamo, "labels");
        table.createIfMissing();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("ad.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes(TestImages.read(TestImages.ads().get(0))));
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
        dynamo.close();
        pipeline.close();
        aws.close();
    }

    static TriggerProcessor processor(S3Client s3Client, LabelTable t) {
        ObjectIngest ingest = new ObjectIngest(new S3ImageBucket(s3Client), t, pipeline.labeler(), 20 << 20,
                Clock.systemUTC());
        return new TriggerProcessor(ingest, Executors.newFixedThreadPool(1), 15_000);
    }

    static AwsSettings pointedAt(String url) {
        return new AwsSettings("us-east-1", Optional.of(URI.create(url)), Optional.of(URI.create(url)),
                Optional.of("x"), Optional.of("y"), 3, Duration.ofSeconds(2));
    }

    static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void assertHandedBackEverywhere(TriggerProcessor p) throws Exception {
        JsonNode sqs = p.process(TriggerParser.parse(Events.sqs(List.of("m1"),
                List.of(Events.created(BUCKET, "ad.jpg").toString()))), () -> 900_000);
        assertThat(sqs.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo("m1");
        JsonNode batch = p.process(TriggerParser.parse(Events.batchJob(BUCKET, List.of("ad.jpg"))), () -> 900_000);
        assertThat(batch.get("results").get(0).get("resultCode").asText()).isEqualTo("TemporaryFailure");
        assertThatThrownBy(() -> p.process(TriggerParser.parse(Events.created(BUCKET, "ad.jpg")), () -> 900_000))
                .isInstanceOf(TriggerProcessor.RetryLater.class);
        assertThat(table.find(BUCKET, "ad.jpg")).isEmpty();
    }

    @Test
    void s3Down() throws Exception {
        try (S3Client dead = AwsClients.s3(pointedAt("http://127.0.0.1:" + closedPort()))) {
            assertHandedBackEverywhere(processor(dead, table));
        }
    }

    @Test
    void dynamoDbDown() throws Exception {
        try (DynamoDbClient dead = AwsClients.dynamo(pointedAt("http://127.0.0.1:" + closedPort()))) {
            assertHandedBackEverywhere(processor(s3, new LabelTable(dead, "labels")));
        }
    }

    @Test
    void s3ThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
             S3Client slow = AwsClients.s3(pointedAt("http://127.0.0.1:" + silent.getLocalPort()))) {
            long start = System.nanoTime();
            assertHandedBackEverywhere(processor(slow, table));
            // three triggers, each bounded by the 2 s call timeout
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void throttlingIsRetriedByTheSdkThenHandedBack() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            byte[] body = "<Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message></Error>".getBytes();
            ex.getResponseHeaders().add("Content-Type", "application/xml");
            ex.sendResponseHeaders(503, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try (S3Client throttled = AwsClients.s3(pointedAt("http://127.0.0.1:" + server.getAddress().getPort()))) {
            JsonNode sqs = processor(throttled, table).process(TriggerParser.parse(Events.sqs(List.of("m1"),
                    List.of(Events.created(BUCKET, "ad.jpg").toString()))), () -> 900_000);
            assertThat(sqs.get("batchItemFailures")).hasSize(1);
            assertThat(requests.get()).isEqualTo(3); // HeadObject: the configured 3 attempts
        } finally {
            server.stop(0);
        }
    }

    @Test
    void tooLittleTimeLeftHandsEverythingBackUnstarted() throws Exception {
        TriggerProcessor p = processor(s3, table);
        JsonNode sqs = p.process(TriggerParser.parse(Events.sqs(List.of("m1", "m2"),
                List.of(Events.created(BUCKET, "ad.jpg").toString(), Events.created(BUCKET, "ad.jpg").toString()))),
                () -> 10_000);
        assertThat(sqs.get("batchItemFailures")).hasSize(2);
        assertThat(table.find(BUCKET, "ad.jpg")).isEmpty();
    }
}
