package dev.adlens.lambda;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.api.LabelsApi;
import dev.adlens.aws.LocalAwsResource;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.hostile.HostileCorpus;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.app.Adlens;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelRecords;
import dev.adlens.store.LabelTable;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The api handler through Quarkus's mock event server with real API Gateway v2 events, against S3Proxy and dynalite:
 * API Gateway's payload mapping (binary and base64 bodies, authoriser contexts, percent-encoded keys), the real
 * pipeline and table behind every route, paging with the table's tokens. The API's policies on fakes: api/LabelsApiTest.
 */
@IntegrationTest
@QuarkusTest
@TestProfile(ApiHandlerTest.ApiProfile.class)
@QuarkusTestResource(LocalAwsResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiHandlerTest {
    static final String BUCKET = "ads-api";

    public static class ApiProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "api", "adlens.api.allowed-buckets", BUCKET,
                    "adlens.taxonomies", "iab-ad-product-2.0,pitt-topics");
        }
    }

    @Inject
    S3Client s3;

    @Inject
    LabelTable table;

    @Inject
    Adlens pipeline;

    List<Path> ads;

    @BeforeAll
    void setUp() throws Exception {
        ads = TestImages.ads();
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.createBucket(b -> b.bucket("not-allowed"));
        s3.putObject(b -> b.bucket(BUCKET).key("in/spring sale.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes(TestImages.read(ads.get(0))));
        s3.putObject(b -> b.bucket("not-allowed").key("x.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes(TestImages.read(ads.get(0))));
        ModelVersions v = pipeline.labeler().versions();
        double[] scores = {0.91, 0.42, 0.77, 0.13, 0.66};
        for (int i = 0; i < scores.length; i++) {
            ImageRef ref = new ImageRef(BUCKET, "seed/" + i + ".jpg", null, "e" + i);
            LabelOutcome o = pipeline.labeler().label(ref.uri(), TestImages.read(ads.get(i % ads.size())));
            table.put(withTop(LabelRecords.of(ref, new ObjectMeta(10, "image/jpeg", "e" + i, null, 1000), o, v, null,
                    Instant.now()), "travel", scores[i]));
        }
    }

    static LabelRecord withTop(LabelRecord r, String topic, double score) {
        return new LabelRecord(r.image(), r.bucket(), r.key(), r.versionId(), r.eTag(),
                r.objectModified(), r.contentLength(), r.contentType(), r.status(), r.errorCode(), r.errorMessage(),
                r.modelVersion(), Optional.of(new LabelRecord.TopLabels(topic, score,
                "creative", 0.5)), r.result(), r.ocrTruncated(), r.eventTime(), r.labeledAt(), r.owner());
    }

    record Reply(int status, String type, JsonNode body) {
    }

    static Reply call(JsonNode event) {
        String raw = given().contentType("application/json").body(event.toString()).when().post().then().statusCode(200)
                .extract().asString();
        try {
            JsonNode r = Events.JSON.readTree(raw);
            return new Reply(r.get("statusCode").asInt(), r.path("headers").path("content-type").asText(),
                    Events.JSON.readTree(r.get("body").asText()));
        } catch (Exception e) {
            throw new AssertionError(raw, e);
        }
    }

    static Reply get(String path, Map<String, String> query) {
        return call(Events.http("GET", path, query, null, null, false));
    }

    static Reply post(String path, Map<String, String> query, String type, byte[] body, boolean base64) {
        return call(Events.http("POST", path, query, type, body, base64));
    }

    static void assertProblem(Reply r, int status, String code) {
        assertThat(r.status()).as(r.body().toString()).isEqualTo(status);
        assertThat(r.type()).isEqualTo("application/problem+json");
        assertThat(r.body().get("status").asInt()).isEqualTo(status);
        assertThat(r.body().get("code").asText()).isEqualTo(code);
        assertThat(r.body().get("type").asText()).startsWith("https://adlens.dev/problems/");
        assertThat(r.body().get("title").asText()).isNotBlank();
    }

    @Test
    void aBinaryBodyIsLabeledLikeTheLocalPipeline() {
        byte[] jpeg = TestImages.read(ads.get(1));
        Reply r = post("/v1/labels", Map.of(), "image/jpeg", jpeg, true);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.type()).isEqualTo("application/json");
        assertThat(r.body().get("topics")).hasSize(38);
        var local = ((LabelOutcome.Labeled) pipeline.labeler().label("x", jpeg)).labels();
        assertThat(r.body().get("topics").get(0).get("key").asText()).isEqualTo(local.topics().get(0).key());
        assertThat(r.body().get("topics").get(0).get("score").asDouble()).isCloseTo(local.topics().get(0).score(),
                Offset.offset(1e-3));
    }

    @Test
    void storeTrueKeepsAnUploadUnderItsContentHash() {
        Reply r = post("/v1/labels", Map.of("store", "true"), "image/jpeg", TestImages.read(ads.get(2)), true);
        assertThat(r.status()).isEqualTo(200);
        String key = r.body().get("source").get("key").asText();
        assertThat(key).matches("[0-9a-f]{16}/sha256/[0-9a-f]{64}"); // the caller's prefix, then the content hash
        Reply back = get("/v1/labels/" + LabelsApi.UPLOAD_BUCKET + "/" + key, Map.of());
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().get("topics")).isEqualTo(r.body().get("topics"));
    }

    static Reply as(String userArn, ObjectNode event) {
        ((ObjectNode) event.get("requestContext").get("authorizer").get("iam"))
                .put("userArn", userArn);
        return call(event);
    }

    @Test
    void uploadsAreTheirCallersWhileBucketObjectsAreShared() {
        String alice = "arn:aws:iam::123456789012:user/alice";
        String bob = "arn:aws:iam::123456789012:user/bob";
        Reply up = as(alice, Events.http("POST", "/v1/labels", Map.of("store", "true"), "image/jpeg",
                TestImages.read(ads.get(3)), true));
        assertThat(up.status()).isEqualTo(200);
        String path = "/v1/labels/" + LabelsApi.UPLOAD_BUCKET + "/" + up.body().get("source").get("key").asText();
        String topic = up.body().get("topics").get(0).get("key").asText();
        String image = up.body().get("image").asText();
        assertThat(as(alice, Events.http("GET", path, Map.of(), null, null, false)).status()).isEqualTo(200);
        assertProblem(as(bob, Events.http("GET", path, Map.of(), null, null, false)), 404, "IMAGE_NOT_FOUND");
        Function<String, List<String>> listed = who -> {
            List<String> images = new ArrayList<>();
            as(who, Events.http("GET", "/v1/topics/" + topic + "/images", Map.of("limit", "100"), null, null, false))
                    .body().get("items").forEach(i -> images.add(i.get("image").asText()));
            return images;
        };
        assertThat(listed.apply(alice)).contains(image);
        assertThat(listed.apply(bob)).doesNotContain(image);
        // the same bytes from bob are his own upload, not alice's item
        Reply bobs = as(bob, Events.http("POST", "/v1/labels", Map.of("store", "true"), "image/jpeg",
                TestImages.read(ads.get(3)), true));
        assertThat(bobs.body().get("image").asText()).isNotEqualTo(image);
        // bucket objects are shared: bob reads a seeded bucket item
        assertThat(as(bob, Events.http("GET", "/v1/labels/" + BUCKET + "/seed/0.jpg", Map.of(), null, null, false))
                .status()).isEqualTo(200);
    }

    @Test
    void anAllowedS3UriIsLabeledAndStored() {
        byte[] json = "{\"s3Uri\":\"s3://ads-api/in/spring sale.jpg\"}".getBytes(StandardCharsets.UTF_8);
        Reply r = post("/v1/labels", Map.of(), "application/json", json, false);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().get("image").asText()).isEqualTo("s3://ads-api/in/spring sale.jpg");
        assertProblem(get("/v1/labels/ads-api/in/spring%20sale.jpg", Map.of()), 404, "IMAGE_NOT_FOUND");

        Reply stored = post("/v1/labels", Map.of("store", "true"), "application/json", json, false);
        assertThat(stored.status()).isEqualTo(200);
        Reply back = get("/v1/labels/ads-api/in/spring%20sale.jpg", Map.of());
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().get("source").get("bucket").asText()).isEqualTo(BUCKET);
        assertThat(back.body().get("topics").get(0)).isEqualTo(r.body().get("topics").get(0));
    }

    @Test
    void theTaxonomyParameterChoosesAmongTheConfiguredOnesAndTheItemIsIndexedByCategory() throws Exception {
        byte[] text = "{\"text\": \"Book cheap flights and hotels for your summer vacation\"}"
                .getBytes(StandardCharsets.UTF_8);
        Reply all = post("/v1/labels", Map.of(), "application/json", text, false);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().get("taxonomies").has("iab-ad-product-2.0")).isTrue();
        assertThat(all.body().get("taxonomies").has("pitt-topics")).isTrue();
        assertThat(all.body().at("/taxonomies/iab-ad-product-2.0/categories/0/id").asText()).isEqualTo("1529");
        assertThat(all.body().at("/openrtb/cattax").asInt()).isEqualTo(8);

        Reply one = post("/v1/labels", Map.of("taxonomy", "pitt-topics"), "application/json", text, false);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().get("taxonomies").has("iab-ad-product-2.0")).isFalse();
        assertThat(one.body().get("taxonomies").has("pitt-topics")).isTrue();
        assertThat(one.body().path("openrtb").has("cat")).isFalse(); // IAB's categories went with its block

        Reply unknown = post("/v1/labels", Map.of("taxonomy", "iab-content-3.1"), "application/json", text, false);
        assertProblem(unknown, 400, "TAXONOMY_INVALID");
        assertThat(unknown.body().get("detail").asText()).contains("iab-content-3.1").contains("iab-ad-product-2.0");

        s3.putObject(b -> b.bucket(BUCKET).key("taxonomy/summer.jpg").contentType("image/jpeg"),
                RequestBody.fromBytes(TestImages.read(ads.get(3))));
        byte[] json = "{\"s3Uri\":\"s3://ads-api/taxonomy/summer.jpg\"}".getBytes(StandardCharsets.UTF_8);
        Reply stored = post("/v1/labels", Map.of("store", "true", "taxonomy", "iab-ad-product-2.0"),
                "application/json", json, false);
        assertThat(stored.status()).as(stored.body().toString()).isEqualTo(200);
        String top = stored.body().at("/openrtb/cat/0").asText();
        var record = table.find(BUCKET, "taxonomy/summer.jpg").orElseThrow();
        assertThat(record.modelVersion()).endsWith("/iab-ad-product-2.0@"
                + CategoryTaxonomy.builtIn("iab-ad-product-2.0").version()
                + ",pitt-topics@" + CategoryTaxonomy.builtIn("pitt-topics").version());
        assertThat(record.top().orElseThrow().category()).isEqualTo("iab-ad-product-2.0/" + top);
        assertThat(table.byCategory("iab-ad-product-2.0/" + top, 10, null, null).items())
                .extracting(LabelRecord::image).contains("s3://ads-api/taxonomy/summer.jpg");
    }

    /** The same request as another authoriser would present it. */
    static ObjectNode as(ObjectNode event,
                                                              String authorizerJson) throws Exception {
        var rc = (ObjectNode) event.get("requestContext");
        if (authorizerJson == null) {
            rc.remove("authorizer");
        } else {
            rc.set("authorizer", Events.JSON.readTree(authorizerJson));
        }
        return event;
    }

    @Test
    void callersAreIsolatedUnderEveryAuthoriserAndAnUnidentifiedOneIsRefused() throws Exception {
        byte[] png = TestImages.read(ads.get(2));
        String alice = "{\"jwt\": {\"claims\": {\"iss\": \"https://id.example.com/\", \"sub\": \"alice\"}, \"scopes\": []}}";
        String bobSameSub = "{\"jwt\": {\"claims\": {\"iss\": \"https://other.example.org/\", \"sub\": \"alice\"}}}";
        String lambdaCarol = "{\"lambda\": {\"caller\": \"carol\"}}";
        Reply up = call(as(Events.http("POST", "/v1/labels", Map.of("store", "true"), "image/jpeg", png, true), alice));
        assertThat(up.status()).as(up.body().toString()).isEqualTo(200);
        String path = "/v1/labels/_upload/" + up.body().at("/source/key").asText();
        assertThat(call(as(Events.http("GET", path, Map.of(), null, null, false), alice)).status()).isEqualTo(200);
        // another issuer's "alice", a Lambda authoriser's caller, the IAM signer: none of them sees it
        assertProblem(call(as(Events.http("GET", path, Map.of(), null, null, false), bobSameSub)), 404, "IMAGE_NOT_FOUND");
        assertProblem(call(as(Events.http("GET", path, Map.of(), null, null, false), lambdaCarol)), 404,
                "IMAGE_NOT_FOUND");
        assertProblem(get(path, Map.of()), 404, "IMAGE_NOT_FOUND");
        // no authoriser context at all, or a JWT without a subject: refused, not served as "anonymous"
        assertProblem(call(as(Events.http("GET", path, Map.of(), null, null, false), null)), 401, "UNAUTHENTICATED");
        assertProblem(call(as(Events.http("GET", path, Map.of(), null, null, false),
                "{\"jwt\": {\"claims\": {\"iss\": \"https://id.example.com/\"}}}")), 401, "UNAUTHENTICATED");
        assertProblem(call(as(Events.http("POST", "/v1/labels", Map.of(), "image/jpeg", png, true), null)), 401,
                "UNAUTHENTICATED");
        assertThat(call(as(Events.http("GET", "/v1/health", Map.of(), null, null, false), null)).status()).isEqualTo(200);
    }

    @Test
    void aKeyWithAControlCharacterIsLabeledAndReadBackLikeAnyOther() {
        String key = "ctl/bell\u0007tab\u0009.jpg";
        s3.putObject(b -> b.bucket(BUCKET).key(key).contentType("image/jpeg"),
                RequestBody.fromBytes(TestImages.read(ads.get(1))));
        byte[] json = ("{\"s3Uri\":\"s3://ads-api/ctl/bell\\u0007tab\\u0009.jpg\"}").getBytes(StandardCharsets.UTF_8);
        Reply stored = post("/v1/labels", Map.of("store", "true"), "application/json", json, false);
        assertThat(stored.status()).as(stored.body().toString()).isEqualTo(200);
        Reply back = get("/v1/labels/ads-api/ctl/bell%07tab%09.jpg", Map.of());
        assertThat(back.status()).as(back.body().toString()).isEqualTo(200);
        assertThat(back.body().at("/source/key").asText()).isEqualTo(key);
    }

    @Test
    void aTextAdIsLabeledFromItsWordsAlone() {
        String copy = "Amazon Music Unlimited. Listen to 90 million songs ad-free. Start your 30-day free trial.";
        Reply r = post("/v1/labels", Map.of(), "application/json", ("{\"id\":\"ad-7\",\"text\":\"" + copy + "\"}")
                .getBytes(StandardCharsets.UTF_8), false);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        assertThat(r.body().get("id").asText()).isEqualTo("ad-7");
        assertThat(r.body().has("image")).isFalse();
        assertThat(r.body().has("objects")).isFalse();
        assertThat(r.body().get("topics")).hasSize(38);
        assertThat(r.body().get("text").get("words").asInt()).isEqualTo(copy.split(" ").length);
        assertThat(r.body().get("attention").get("topic").get("image").asDouble()).isZero();
        assertThat(r.body().get("attention").get("topic").get("text").asDouble()).isGreaterThan(0.99);
        var local = ((LabelOutcome.Labeled) pipeline.labeler().labelText("x", copy)).labels();
        assertThat(r.body().get("topics").get(0).get("key").asText()).isEqualTo(local.topics().get(0).key());
        assertProblem(post("/v1/labels", Map.of(), "application/json", ("{\"text\":\"" + "a".repeat(10_001) + "\"}")
                .getBytes(StandardCharsets.UTF_8), false), 400, "BAD_REQUEST");
    }

    @Test
    void badBodiesGetTheirProblems() {
        assertProblem(post("/v1/labels", Map.of(), "image/jpeg", new byte[4_400_001], true), 413, "IMAGE_TOO_LARGE");
        assertProblem(post("/v1/labels", Map.of(), "image/jpeg", "not a jpeg".getBytes(), true), 415, "UNSUPPORTED_FORMAT");
        byte[] truncated = Arrays.copyOf(TestImages.read(ads.get(0)), 600);
        assertProblem(post("/v1/labels", Map.of(), "image/jpeg", truncated, true), 400, "CORRUPT_IMAGE");
        Reply notBase64 = call(Events.http("POST", "/v1/labels", Map.of(), "image/jpeg", "%%%".getBytes(), false)
                .put("isBase64Encoded", true));
        assertProblem(notBase64, 400, "BAD_REQUEST");
    }

    static String token(String score) {
        String json = "{\"image\":\"s3://ads-api/seed/0.jpg\",\"topTopic\":\"travel\",\"topTopicScore\":\"" + score
                + "\"}";
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The table's tokens (LabelTable over dynalite); the API's own key and body rules: api/LabelsApiTest. */
    @Test
    void forgedTokensAre400WithNoInternals() {
        assertProblem(get("/v1/labels/" + BUCKET + "/" + "k".repeat(3000), Map.of()), 400, "BAD_REQUEST");
        for (String score : List.of("NaN", "Infinity", "-Infinity", "1e400", "-1")) {
            assertProblem(get("/v1/topics/travel/images", Map.of("nextToken", token(score))), 400, "BAD_REQUEST");
        }
        assertThat(get("/v1/topics/travel/images", Map.of("nextToken", token("0.5"))).status()).isEqualTo(200);
        // forged tokens: JSON null, a null score, an empty image, a missing field, a wrong type —
        // each a 400 with no internals, never a 500 (NullPointerException) or a 503 carrying DynamoDB's message
        Function<String, String> b64 = s -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(s.getBytes(StandardCharsets.UTF_8));
        for (String forged : List.of("null", "[]", "\"x\"", "{}",
                "{\"image\":\"s3://ads-api/seed/0.jpg\",\"topTopic\":\"travel\",\"topTopicScore\":null}",
                "{\"image\":\"\",\"topTopic\":\"travel\",\"topTopicScore\":\"0.5\"}",
                "{\"image\":null,\"topTopic\":\"travel\",\"topTopicScore\":\"0.5\"}",
                "{\"image\":\"ads-api/x\",\"topTopic\":\"travel\",\"topTopicScore\":\"0.5\"}",
                "{\"image\":{\"a\":1},\"topTopic\":\"travel\",\"topTopicScore\":\"0.5\"}")) {
            Reply r = get("/v1/topics/travel/images", Map.of("nextToken", b64.apply(forged)));
            assertProblem(r, 400, "BAD_REQUEST");
            assertThat(r.body().get("detail").asText()).as(forged).isEqualTo("nextToken is not a token this query returned");
        }
        s3.putObject(b -> b.bucket(BUCKET).key("notes/readme.txt").contentType("text/plain"),
                RequestBody.fromBytes(TestImages.read(ads.get(0)))); // image bytes, but declared text: not fetched
        assertProblem(post("/v1/labels", Map.of(), "application/json",
                json("{\"s3Uri\": \"s3://" + BUCKET + "/notes/readme.txt\"}"), false), 415, "NOT_AN_IMAGE");
    }

    @Test
    void everyHostileFileGetsItsAnswerAndHealthStillAnswersAfter() throws Exception {
        for (HostileCorpus.Case c : HostileCorpus.all()) {
            if (c.bytes().length == 0) {
                continue; // an empty body is its own case (badBodiesGetTheirProblems)
            }
            Reply r = post("/v1/labels", Map.of(), "application/octet-stream", c.bytes(), true);
            if (c.expected() == null) {
                assertThat(r.status()).as(c.name() + ": " + r.body()).isEqualTo(200);
            } else {
                assertProblem(r, c.expected().httpStatus(), c.expected().name());
            }
        }
        assertThat(get("/v1/health", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void topicPagesComeHighestFirstWithTokens() {
        List<Double> scores = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            Map<String, String> q = new HashMap<>(Map.of("limit", "2"));
            if (token != null) {
                q.put("nextToken", token);
            }
            Reply r = get("/v1/topics/travel/images", q);
            assertThat(r.status()).isEqualTo(200);
            r.body().get("items").forEach(i -> scores.add(i.get("topicScore").asDouble()));
            token = r.body().has("nextToken") ? r.body().get("nextToken").asText() : null;
            pages++;
        } while (token != null && pages < 10);
        assertThat(scores).containsExactly(0.91, 0.77, 0.66, 0.42, 0.13);
        assertThat(get("/v1/sentiments/creative/images", Map.of("limit", "100")).body().get("items").size())
                .isGreaterThanOrEqualTo(5);
        assertProblem(get("/v1/topics/unicorns/images", Map.of()), 404, "UNKNOWN_LABEL");
        assertProblem(get("/v1/topics/travel/images", Map.of("limit", "0")), 400, "BAD_REQUEST");
        assertProblem(get("/v1/topics/travel/images", Map.of("limit", "x")), 400, "BAD_REQUEST");
        assertProblem(get("/v1/topics/travel/images", Map.of("nextToken", "Zm9yZ2Vk")), 400, "BAD_REQUEST");
    }

    /** Every route of the table answers through API Gateway's payload (openapi.yaml is the table: LabelsApiTest). */
    @Test
    void everyRouteOfTheTableAnswersEndToEnd() {
        Map<String, String> sample = Map.of("{bucket}", BUCKET, "{key+}", "seed/0.jpg", "{topic}", "travel",
                "{sentiment}", "creative", "{verdict}", "review");
        for (LabelsApi.Route route : LabelsApi.ROUTES) {
            String path = route.path();
            for (Map.Entry<String, String> s : sample.entrySet()) {
                path = path.replace(s.getKey(), s.getValue());
            }
            Reply r = route.method().equals("POST")
                    ? post(path, Map.of(), "image/jpeg", TestImages.read(ads.get(0)), true)
                    : get(path, Map.of());
            assertThat(r.status()).as(route.method() + " " + route.path() + " answered " + r.body()).isEqualTo(200);
        }
        assertProblem(call(Events.http("DELETE", "/v1/labels", Map.of(), null, null, false)), 405, "METHOD_NOT_ALLOWED");
    }
}
