package dev.adlens.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.aws.LocalAwsResource;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelTable;
import dev.adlens.store.RecordStatus;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The s3 handler end to end: real ads and bad files in S3Proxy, each event shape POSTed to Quarkus's mock Lambda
 * event server, items read back from dynalite. Nothing here is mocked.
 */
@IntegrationTest
@QuarkusTest
@QuarkusTestResource(LocalAwsResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3HandlerTest {
    static final String BUCKET = "ads-in";

    @Inject
    S3Client s3;

    @Inject
    LabelTable table;

    @Inject
    Priming priming;

    List<Path> ads;

    @BeforeAll
    void bucket() {
        s3.createBucket(b -> b.bucket(BUCKET));
        ads = TestImages.ads();
    }

    String put(String key, byte[] bytes, String contentType) {
        return s3.putObject(b -> b.bucket(BUCKET).key(key).contentType(contentType), RequestBody.fromBytes(bytes)).eTag();
    }

    static JsonNode invoke(JsonNode event) {
        String body = given().contentType("application/json").accept("application/json").body(event.toString())
                .when().post().then().statusCode(200).extract().asString();
        try {
            return Events.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("handler answered no JSON: " + body, e);
        }
    }

    LabelRecord stored(String key) throws Exception {
        return table.find(BUCKET, key).orElseThrow(() -> new AssertionError("no item for " + key));
    }

    @Test
    void directNotificationLabelsTheDecodedKeyAndStoresTheContract() throws Exception {
        String key = "campaigns/spring sale+1.jpg";
        // an ad IAB answers with confidence (a real ad may be "unclear" in IAB: nothing selected, nothing indexed)
        String eTag = put(key, Files.readAllBytes(Path.of("samples/travel-skyline-safari.jpg")),
                "image/jpeg");

        JsonNode out = invoke(Events.s3Notification(Events.s3Record(BUCKET, key, eTag, "ObjectCreated:Put")));

        assertThat(out.get("source").asText()).isEqualTo("S3_NOTIFICATION");
        assertThat(out.get("results").get(0).asText()).startsWith("LABELED");
        LabelRecord r = stored(key);
        assertThat(r.image()).isEqualTo("s3://ads-in/campaigns/spring sale+1.jpg");
        assertThat(r.status()).isEqualTo(RecordStatus.LABELED);
        assertThat(r.eTag()).isEqualTo(eTag.replace("\"", ""));
        assertThat(r.objectModified()).isPositive();
        assertThat(r.contentType()).isEqualTo("image/jpeg");
        JsonNode result = Events.JSON.readTree(r.result());
        assertThat(result.get("image").asText()).isEqualTo(r.image());
        assertThat(result.get("topics")).hasSize(38);
        assertThat(result.get("sentiments")).hasSize(30);
        assertThat(r.top()).isPresent();
        assertThat(r.top().get().topic()).isEqualTo(result.get("topics").get(0).get("key").asText());
        assertThat(r.top().get().topicScore()).isCloseTo(result.get("topics").get(0).get("score").asDouble(),
                Offset.offset(1e-4));
        assertThat(r.modelVersion()).contains(result.get("model").get("head").asText());
        assertThat(r.labeledAt()).isNotBlank();
        // labeled in the configured taxonomy too, and findable by its top category through the index
        assertThat(r.modelVersion()).endsWith("/iab-ad-product-2.0@" + CategoryTaxonomy.builtIn("iab-ad-product-2.0").version());
        assertThat(result.at("/taxonomies/iab-ad-product-2.0/unclear").asBoolean()).isFalse();
        String cat = result.at("/openrtb/cat/0").asText();
        assertThat(result.at("/taxonomies/iab-ad-product-2.0/categories/0/id").asText()).isEqualTo(cat);
        assertThat(r.top().get().category()).isEqualTo("iab-ad-product-2.0/" + cat);
        assertThat(table.byCategory("iab-ad-product-2.0/" + cat, 100, null, null).items())
                .extracting(LabelRecord::image).contains(r.image());
        // assessed under the function's policy (adlens.policy, default: the built-in one), the verdict stored and listed
        assertThat(result.at("/safety/policy/name").asText()).isEqualTo("adlens-default");
        String verdict = result.at("/safety/verdict").asText();
        assertThat(verdict).isIn("allow", "review", "block");
        assertThat(r.top().get().verdict()).isEqualTo(verdict);
        assertThat(table.byVerdict(verdict, 100, null, null).items()).extracting(LabelRecord::image)
                .contains(r.image());
    }

    @Test
    void sqsBatchReportsOnlyTheUnreadableMessageAndRecordsBadFiles() throws Exception {
        put("sqs/good.jpg", TestImages.read(ads.get(1)), "image/jpeg");
        put("sqs/corrupt.jpg", "not a jpeg at all".getBytes(StandardCharsets.UTF_8), "image/jpeg");
        put("sqs/notes.txt", "hello".getBytes(StandardCharsets.UTF_8), "text/plain");
        List<String> bodies = List.of(Events.created(BUCKET, "sqs/good.jpg").toString(),
                Events.created(BUCKET, "sqs/corrupt.jpg").toString(), Events.created(BUCKET, "sqs/notes.txt").toString(),
                Events.created(BUCKET, "sqs/never-uploaded.jpg").toString(), "{\"not\": \"an event\"}",
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"ads-in\"}");

        JsonNode out = invoke(Events.sqs(List.of("m-good", "m-corrupt", "m-text", "m-missing", "m-garbage", "m-test"),
                bodies));

        assertThat(out.get("batchItemFailures")).hasSize(1);
        assertThat(out.get("batchItemFailures").get(0).get("itemIdentifier").asText()).isEqualTo("m-garbage");
        assertThat(stored("sqs/good.jpg").status()).isEqualTo(RecordStatus.LABELED);
        LabelRecord corrupt = stored("sqs/corrupt.jpg");
        assertThat(corrupt.status()).isEqualTo(RecordStatus.FAILED);
        assertThat(corrupt.errorCode()).isIn("CORRUPT_IMAGE", "UNSUPPORTED_FORMAT");
        assertThat(Events.JSON.readTree(corrupt.result()).get("error").get("code").asText()).isEqualTo(corrupt.errorCode());
        LabelRecord text = stored("sqs/notes.txt");
        assertThat(text.status()).isEqualTo(RecordStatus.SKIPPED);
        assertThat(text.errorCode()).isEqualTo("NOT_AN_IMAGE");
        assertThat(stored("sqs/never-uploaded.jpg").errorCode()).isEqualTo("IMAGE_NOT_FOUND");
    }

    @Test
    void eventBridgeObjectCreatedUsesThePlainKey() throws Exception {
        String key = "eb/100% real ad.jpg";
        String eTag = put(key, TestImages.read(ads.get(2)), "image/jpeg");

        JsonNode out = invoke(Events.eventBridge(BUCKET, key, eTag.replace("\"", "")));

        assertThat(out.get("source").asText()).isEqualTo("EVENTBRIDGE");
        assertThat(stored(key).status()).isEqualTo(RecordStatus.LABELED);
    }

    @Test
    void batchOperationsGetsAResultPerTask() throws Exception {
        put("batch/a.jpg", TestImages.read(ads.get(3)), "image/jpeg");
        put("batch/b c.png", new byte[]{(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0}, "image/png");

        JsonNode out = invoke(Events.batchJob(BUCKET, Arrays.asList("batch/a.jpg", "batch/b c.png",
                "batch/gone.jpg", null)));

        assertThat(out.get("invocationSchemaVersion").asText()).isEqualTo("2.0");
        assertThat(out.get("treatMissingKeysAs").asText()).isEqualTo("PermanentFailure");
        JsonNode results = out.get("results");
        assertThat(results).hasSize(4);
        assertThat(results.get(0).get("taskId").asText()).isEqualTo("dGFza2lk0");
        assertThat(results.get(0).get("resultCode").asText()).isEqualTo("Succeeded");
        assertThat(results.get(0).get("resultString").asText()).startsWith("LABELED");
        assertThat(results.get(1).get("resultString").asText()).startsWith("FAILED:");
        assertThat(results.get(2).get("resultString").asText()).startsWith("FAILED:IMAGE_NOT_FOUND");
        assertThat(results.get(3).get("resultCode").asText()).isEqualTo("PermanentFailure");
        assertThat(stored("batch/b c.png").status()).isEqualTo(RecordStatus.FAILED);
    }

    @Test
    void duplicateAndConcurrentDeliveriesWriteOnce() throws Exception {
        String key = "dup/ad.jpg";
        String eTag = put(key, TestImages.read(ads.get(4)), "image/jpeg");
        ObjectNode event = Events.s3Notification(Events.s3Record(BUCKET, key, eTag, "ObjectCreated:Put"));

        ExecutorService two = Executors.newFixedThreadPool(2);
        List<Future<JsonNode>> both = new ArrayList<>();
        both.add(two.submit(() -> invoke(event)));
        both.add(two.submit(() -> invoke(event)));
        List<String> results = new ArrayList<>();
        for (Future<JsonNode> f : both) {
            results.add(f.get().get("results").get(0).asText());
        }
        two.shutdown();
        String labeledAt = stored(key).labeledAt();
        String again = invoke(event).get("results").get(0).asText();

        assertThat(results).filteredOn(r -> r.startsWith("LABELED")).hasSize(1);
        assertThat(results).filteredOn(r -> r.startsWith("DUPLICATE")).hasSize(1);
        assertThat(again).startsWith("DUPLICATE");
        assertThat(stored(key).labeledAt()).isEqualTo(labeledAt);
    }

    @Test
    void aNewerObjectReplacesTheRecordAndAStaleEventDoesNot() throws Exception {
        String key = "rev/ad.jpg";
        String first = put(key, TestImages.read(ads.get(5)), "image/jpeg");
        invoke(Events.s3Notification(Events.s3Record(BUCKET, key, first, "ObjectCreated:Put")));
        Thread.sleep(1100); // S3 Last-Modified has second resolution
        String second = put(key, TestImages.read(ads.get(6)), "image/jpeg");

        String stale = invoke(Events.s3Notification(Events.s3Record(BUCKET, key, first, "ObjectCreated:Put")))
                .get("results").get(0).asText();
        String fresh = invoke(Events.s3Notification(Events.s3Record(BUCKET, key, second, "ObjectCreated:Put")))
                .get("results").get(0).asText();

        assertThat(stale).startsWith("SUPERSEDED");
        assertThat(fresh).startsWith("LABELED");
        assertThat(stored(key).eTag()).isEqualTo(second.replace("\"", ""));
    }

    @Test
    void anOversizeObjectIsRecordedWithoutDownload() throws Exception {
        byte[] big = new byte[21 << 20];
        new Random(1).nextBytes(big);
        put("big/huge.jpg", big, "image/jpeg");

        invoke(Events.created(BUCKET, "big/huge.jpg"));

        LabelRecord r = stored("big/huge.jpg");
        assertThat(r.status()).isEqualTo(RecordStatus.FAILED);
        assertThat(r.errorCode()).isEqualTo("IMAGE_TOO_LARGE");
        assertThat(r.contentLength()).isEqualTo(big.length);
    }

    @Test
    void primingLabelsTheBundledAdWithTheRealPipeline() {
        // what SnapStart's beforeCheckpoint runs: the whole pipeline on the packaged image, and the SDK clients built
        assertThat(priming.prime()).isInstanceOfSatisfying(LabelOutcome.Labeled.class,
                l -> assertThat(l.labels().topics()).hasSize(38));
    }

    @Test
    void removalsAndTestEventsAreIgnored() {
        JsonNode out = invoke(Events.s3Notification(Events.s3Record(BUCKET, "x.jpg", null, "ObjectRemoved:Delete")));
        assertThat(out.get("ignored").asInt()).isEqualTo(1);
        assertThat(out.get("results")).isEmpty();
    }
}
