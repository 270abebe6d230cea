package dev.adlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.TestModels;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.LocalStack;
import dev.adlens.bucket.S3ImageBucket;
import dev.adlens.image.ImageLimits;
import dev.adlens.lambda.Events;
import dev.adlens.lambda.LocalContext;
import dev.adlens.lambda.S3Handler;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.store.LabelTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * 300 objects (real ads and 10 corrupt files) through S3Proxy → the s3 handler (SQS batches of 10, every batch
 * delivered twice, two invokers at once) → dynalite. Nothing may be lost or written twice.
 */
@IntegrationTest
class LocalStackRunTest {
    static final int OBJECTS = 300;
    static final int CORRUPT_EVERY = 30;

    @Test
    void threeHundredObjectsTwoInvokersAtLeastOnceDeliveryExactlyOnceEffect() throws Exception {
        List<Path> ads = TestImages.ads();
        try (LocalStack aws = LocalStack.start(Path.of("target", "local-aws", "run300"));
             S3Client s3 = AwsClients.s3(aws.settings());
             DynamoDbClient dynamo = AwsClients.dynamo(aws.settings());
             Adlens pipeline = Adlens.open(AdlensSettings.defaults(TestModels.dir(), TestModels.tessdata()).withWorkers(2)
                     .withThreads(1, 1))) {
            s3.createBucket(b -> b.bucket("run"));
            LabelTable table = new LabelTable(dynamo, "run-labels");
            table.createIfMissing();
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                String key = String.format("batch/%03d %s", i, ads.get(i % ads.size()).getFileName());
                byte[] bytes = i % CORRUPT_EVERY == 7 ? ("truncated" + i).getBytes() : TestImages.read(ads.get(i % ads.size()));
                s3.putObject(b -> b.bucket("run").key(key).contentType("image/jpeg"), RequestBody.fromBytes(bytes));
                keys.add(key);
            }
            Map<Disposition, Integer> counts = Collections.synchronizedMap(new EnumMap<>(Disposition.class));
            ExecutorService workers = Executors.newFixedThreadPool(2);
            DispositionCounts perInvocation = new DispositionCounts();
            List<String> emf = Collections.synchronizedList(new ArrayList<>());
            S3Handler handler = new S3Handler(new TriggerProcessor(new ObjectIngest(new S3ImageBucket(s3), table,
                    pipeline.labeler(), 20 << 20, Clock.systemUTC()), workers, 15_000,
                    perInvocation.andThen(r -> counts.merge(r.disposition(), 1, Integer::sum))), perInvocation, emf::add,
                    S3Handler.encoderPaths(pipeline.visual()));

            ConcurrentLinkedQueue<JsonNode> deliveries = new ConcurrentLinkedQueue<>();
            for (int round = 0; round < 2; round++) { // at-least-once: every batch arrives twice
                for (int b = 0; b < OBJECTS / 10; b++) {
                    List<String> ids = new ArrayList<>();
                    List<String> bodies = new ArrayList<>();
                    for (int i = b * 10; i < b * 10 + 10; i++) {
                        ids.add("m" + i + "-" + round);
                        bodies.add(Events.created("run", keys.get(i)).toString());
                    }
                    deliveries.add(Events.sqs(ids, bodies));
                }
            }
            long start = System.nanoTime();
            ExecutorService invokers = Executors.newFixedThreadPool(2);
            List<Future<Integer>> failures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                failures.add(invokers.submit(() -> {
                    int failed = 0;
                    for (JsonNode event; (event = deliveries.poll()) != null; ) {
                        failed += handler.handleRequest(event, new LocalContext(900_000)).get("batchItemFailures").size();
                    }
                    return failed;
                }));
            }
            int handedBack = 0;
            for (Future<Integer> f : failures) {
                handedBack += f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            invokers.shutdown();
            workers.shutdown();

            Map<String, Map<String, AttributeValue>> items = new HashMap<>();
            dynamo.scanPaginator(b -> b.tableName("run-labels")).items().forEach(i -> items.put(i.get("key").s(), i));
            int corrupt = OBJECTS / CORRUPT_EVERY;
            System.out.printf("local stack run: %d objects, %d deliveries, %.1f s, %.2f images/s, dispositions %s%n",
                    OBJECTS, 2 * OBJECTS, seconds, OBJECTS / seconds, counts);

            assertThat(handedBack).isZero();
            assertThat(items.keySet()).containsExactlyInAnyOrderElementsOf(keys);
            assertThat(items.values()).filteredOn(i -> i.get("status").s().equals("FAILED")).hasSize(corrupt);
            assertThat(items.values()).filteredOn(i -> i.get("status").s().equals("LABELED")).hasSize(OBJECTS - corrupt);
            assertThat(counts.getOrDefault(Disposition.LABELED, 0) + counts.getOrDefault(Disposition.FAILED, 0))
                    .isEqualTo(OBJECTS);
            assertThat(counts.get(Disposition.DUPLICATE)).isEqualTo(OBJECTS);
            // the CloudWatch EMF lines (one per invocation) add up to the same counts
            assertThat(emf).hasSize(2 * OBJECTS / 10);
            Map<String, Long> metricTotals = new HashMap<>();
            for (String line : emf) {
                JsonNode m = new ObjectMapper().readTree(line);
                assertThat(m.path("_aws").path("CloudWatchMetrics").get(0).path("Namespace").asText()).isEqualTo("adlens");
                for (String name : List.of("Labeled", "Failed", "Duplicate", "Skipped", "Superseded")) {
                    metricTotals.merge(name, m.path(name).asLong(), Long::sum);
                }
            }
            assertThat(metricTotals).containsEntry("Labeled", (long) (OBJECTS - corrupt)).containsEntry("Failed", (long) corrupt)
                    .containsEntry("Duplicate", (long) OBJECTS).containsEntry("Skipped", 0L);
        }
    }
}
