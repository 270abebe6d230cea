package dev.adlens.api;

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
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.lambda.ApiHandler;
import dev.adlens.lambda.Events;
import dev.adlens.lambda.LocalContext;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.store.LabelTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A bounded load run on loopback: 200 API Gateway v2 requests at concurrency 4 through the api handler (real
 * pipeline, S3Proxy, dynalite); every response is checked, p50/p95 reported per kind.
 */
@IntegrationTest
class ApiLoadTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoHundredRequestsAtConcurrencyFourAllCorrect() throws Exception {
        List<Path> ads = TestImages.ads().subList(0, 8);
        try (LocalStack aws = LocalStack.start(Path.of("target", "local-aws", "api-load"));
             S3Client s3 = AwsClients.s3(aws.settings());
             DynamoDbClient dynamo = AwsClients.dynamo(aws.settings());
             Adlens p = Adlens.open(AdlensSettings.defaults(TestModels.dir(), TestModels.tessdata()).withWorkers(2)
                     .withThreads(1, 1))) {
            s3.createBucket(b -> b.bucket("load"));
            LabelTable table = new LabelTable(dynamo, "load-labels");
            table.createIfMissing();
            S3ImageBucket bucket = new S3ImageBucket(s3);
            LabelsApi api = new LabelsApi(p.labeler(), bucket, new ObjectIngest(bucket, table, p.labeler(), 20 << 20,
                    Clock.systemUTC()), table, PittTaxonomy.official(), new ApiSettings(Set.of("load"), 4_400_000, 20 << 20),
                    Clock.systemUTC(), "local");
            ApiHandler handler = new ApiHandler(api);
            List<String> expectedTop = new ArrayList<>();
            for (int i = 0; i < ads.size(); i++) {
                byte[] b = TestImages.read(ads.get(i));
                expectedTop.add(((LabelOutcome.Labeled) p.labeler().label("x", b)).labels().topics().get(0).key());
                String key = "a/" + i + ".jpg";
                s3.putObject(r -> r.bucket("load").key(key).contentType("image/jpeg"), RequestBody.fromBytes(b));
                handler.handleRequest(Events.http("POST", "/v1/labels", Map.of("store", "true"), "application/json",
                        ("{\"s3Uri\":\"s3://load/" + key + "\"}").getBytes(), false), new LocalContext(30_000));
            }

            Map<String, List<Long>> latency = new ConcurrentHashMap<>();
            List<String> wrong = Collections.synchronizedList(new ArrayList<>());
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> all = new ArrayList<>();
            for (int n = 0; n < 200; n++) {
                int i = n;
                all.add(clients.submit(() -> {
                    int ad = i % ads.size();
                    String kind = switch (i % 5) {
                        case 0, 1 -> "POST image";
                        case 2 -> "GET stored";
                        case 3 -> "GET topic page";
                        default -> "GET taxonomy";
                    };
                    JsonNode event = switch (kind) {
                        case "POST image" -> Events.http("POST", "/v1/labels", Map.of(), "image/jpeg",
                                TestImages.read(ads.get(ad)), true);
                        case "GET stored" -> Events.http("GET", "/v1/labels/load/a/" + ad + ".jpg", Map.of(), null, null,
                                false);
                        case "GET topic page" -> Events.http("GET", "/v1/topics/" + expectedTop.get(ad) + "/images",
                                Map.of("limit", "5"), null, null, false);
                        default -> Events.http("GET", "/v1/taxonomy", Map.of(), null, null, false);
                    };
                    long t0 = System.nanoTime();
                    JsonNode out = handler.handleRequest(event, new LocalContext(29_000));
                    latency.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()))
                            .add((System.nanoTime() - t0) / 1_000_000);
                    try {
                        JsonNode body = JSON.readTree(out.get("body").asText());
                        boolean ok = out.get("statusCode").asInt() == 200 && switch (kind) {
                            case "POST image", "GET stored" ->
                                    body.get("topics").get(0).get("key").asText().equals(expectedTop.get(ad));
                            case "GET topic page" -> body.get("items").size() >= 1 && StreamSupport
                                    .stream(body.get("items").spliterator(), false)
                                    .allMatch(it -> it.get("topic").asText().equals(expectedTop.get(ad)));
                            default -> body.get("topics").size() == 38;
                        };
                        if (!ok) {
                            wrong.add(kind + " #" + i + ": " + out);
                        }
                    } catch (Exception e) {
                        wrong.add(kind + " #" + i + ": " + e);
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            clients.shutdown();
            List<Long> every = new ArrayList<>();
            StringBuilder report = new StringBuilder("api load run: 200 requests, concurrency 4\n");
            for (var e : new TreeMap<>(latency).entrySet()) {
                every.addAll(e.getValue());
                report.append(String.format("  %-15s n=%3d p50 %4d ms p95 %4d ms%n", e.getKey(), e.getValue().size(),
                        pct(e.getValue(), 50), pct(e.getValue(), 95)));
            }
            report.append(String.format("  %-15s n=%3d p50 %4d ms p95 %4d ms, wrong %d%n", "all", every.size(),
                    pct(every, 50), pct(every, 95), wrong.size()));
            System.out.print(report);
            assertThat(wrong).isEmpty();
            assertThat(every).hasSize(200);
        }
    }

    static long pct(List<Long> v, int p) {
        List<Long> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }
}
