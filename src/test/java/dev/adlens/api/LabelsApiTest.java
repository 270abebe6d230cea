package dev.adlens.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.UnitTest;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.ingest.InMemory;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.store.InMemoryLabelStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The API's routing and policies with in-memory ports: the route table, bad bodies, allowed buckets, key rules, the
 * taxonomy parameter, caller scoping. ApiHandlerTest keeps a handful end to end (API Gateway's payload mapping, the
 * real pipeline and table).
 */
@UnitTest
class LabelsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    InMemory.FakeBucket bucket;
    InMemoryLabelStore store;
    InMemory.FakeLabeler labeler;
    LabelsApi api;

    @BeforeEach
    void setUp() {
        bucket = new InMemory.FakeBucket();
        store = new InMemoryLabelStore();
        labeler = new InMemory.FakeLabeler();
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
        api = new LabelsApi(labeler, bucket, new ObjectIngest(bucket, store, labeler, 1000, clock), store,
                PittTaxonomy.official(), new ApiSettings(Set.of("ads"), 4096, 1000, true), clock, "local");
        bucket.put("in/a.jpg", new ObjectMeta(3, "image/jpeg", "e1", null, 1000), new byte[]{1, 2, 3});
        bucket.put("in/readme.txt", new ObjectMeta(3, "text/plain", "t1", null, 1000), new byte[]{1, 2, 3});
    }

    static ApiRequest request(String method, String path, String type, byte[] body, String caller,
                              Map<String, String> query) {
        return new ApiRequest(method, path, query, type == null ? Map.of() : Map.of("content-type", type),
                body == null ? new byte[0] : body, caller);
    }

    JsonNode call(ApiRequest r, int status, String code) throws Exception {
        ApiResponse out = api.handle(r);
        JsonNode body = JSON.readTree(out.body());
        assertThat(out.status()).as(body.toString()).isEqualTo(status);
        if (code != null) {
            assertThat(body.get("code").asText()).isEqualTo(code);
        }
        return body;
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void routesMethodsAndBucketsAnswerWithTheirCodes() throws Exception {
        call(request("GET", "/v2/x", null, null, "me", Map.of()), 404, "NOT_FOUND");
        call(request("DELETE", "/v1/labels", null, null, "me", Map.of()), 405, "METHOD_NOT_ALLOWED");
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"s3://other/x.jpg\"}"), "me",
                Map.of()), 403, "BUCKET_NOT_ALLOWED");
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"https://evil/x.jpg\"}"), "me",
                Map.of()), 400, "BAD_REQUEST");
        call(request("GET", "/v1/topics/unicorns/images", null, null, "me", Map.of()), 404, "UNKNOWN_LABEL");
        call(request("POST", "/v1/labels", "image/jpeg", new byte[4097], "me", Map.of()), 413, "IMAGE_TOO_LARGE");
        assertThat(labeler.calls).isZero(); // none of these reached the pipeline
    }

    @Test
    void anS3UriIsLabeledOnlyWhenItsObjectIsAnImage() throws Exception {
        JsonNode ok = call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"s3://ads/in/a.jpg\"}"),
                "me", Map.of()), 200, null);
        assertThat(ok.get("image").asText()).isEqualTo("s3://ads/in/a.jpg");
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"s3://ads/in/readme.txt\"}"), "me",
                Map.of()), 415, "NOT_AN_IMAGE");
        assertThat(bucket.reads).isEqualTo(1); // the text object was never downloaded
    }

    @Test
    void storedUploadsBelongToTheirCaller() throws Exception {
        JsonNode up = call(request("POST", "/v1/labels", "image/png", new byte[]{9, 9}, "alice", Map.of("store", "true")),
                200, null);
        String key = up.get("source").get("key").asText();
        assertThat(store.items.values()).singleElement().satisfies(r -> assertThat(r.owner()).isEqualTo("alice"));
        call(request("GET", "/v1/labels/_upload/" + key, null, null, "alice", Map.of()), 200, null);
        call(request("GET", "/v1/labels/_upload/" + key, null, null, "bob", Map.of()), 404, "IMAGE_NOT_FOUND");
        assertThat(call(request("GET", "/v1/topics/travel/images", null, null, "bob", Map.of()), 200, null)
                .get("items")).isEmpty();
        assertThat(call(request("GET", "/v1/topics/travel/images", null, null, "alice", Map.of()), 200, null)
                .get("items")).hasSize(1);
    }

    /** A path of each route's shape, its variables filled with values the fakes know. */
    static String sample(LabelsApi.Route route) {
        return route.path().replace("{bucket}", "ads").replace("{key+}", "in/a.jpg").replace("{topic}", "travel")
                .replace("{sentiment}", "creative").replace("{verdict}", "review");
    }

    @Test
    void everyRouteOfTheTableAnswersItsMethodAndRefusesOthersWith405() throws Exception {
        // an item for the GET routes to find
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"s3://ads/in/a.jpg\"}"), "me",
                Map.of("store", "true")), 200, null);
        for (LabelsApi.Route route : LabelsApi.ROUTES) {
            boolean post = route.method().equals("POST");
            call(request(route.method(), sample(route), post ? "image/jpeg" : null, post ? new byte[]{1} : null, "me",
                    Map.of()), 200, null);
            JsonNode refused = call(request(post ? "GET" : "PUT", sample(route), null, null, "me", Map.of()), 405,
                    "METHOD_NOT_ALLOWED");
            assertThat(refused.get("detail").asText()).isEqualTo(sample(route) + " accepts " + route.method() + ", not "
                    + (post ? "GET" : "PUT"));
        }
        call(request("GET", "/v1/labels/ads", null, null, "me", Map.of()), 404, "NOT_FOUND");
        call(request("GET", "/v1/topics/travel", null, null, "me", Map.of()), 404, "NOT_FOUND");
        call(request("GET", "/v1/health/", null, null, "me", Map.of()), 404, "NOT_FOUND");
    }

    @SuppressWarnings("unchecked")
    @Test
    void openApiDocumentsExactlyTheRouteTable() throws Exception {
        Map<String, Object> doc;
        try (var in = Files.newBufferedReader(Path.of("openapi.yaml"))) {
            doc = new Yaml().load(in);
        }
        Set<String> documented = new HashSet<>();
        ((Map<String, Object>) doc.get("paths")).forEach((path, ops) -> ((Map<String, Object>) ops).keySet()
                .forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path)));
        assertThat(documented).isEqualTo(LabelsApi.ROUTES.stream().map(r -> r.method() + " " + r.path())
                .collect(Collectors.toSet()));
    }

    @Test
    void aRequestNoAuthoriserVouchedForReadsNothingButHealthAndTheTaxonomy() throws Exception {
        String anonymous = ApiRequest.ANONYMOUS;
        call(request("GET", "/v1/health", null, null, anonymous, Map.of()), 200, null);
        call(request("GET", "/v1/taxonomy", null, null, anonymous, Map.of()), 200, null);
        call(request("POST", "/v1/labels", "image/jpeg", new byte[]{1}, anonymous, Map.of()), 401, "UNAUTHENTICATED");
        call(request("GET", "/v1/topics/travel/images", null, null, anonymous, Map.of()), 401, "UNAUTHENTICATED");
        call(request("GET", "/v2/x", null, null, anonymous, Map.of()), 401, "UNAUTHENTICATED");
        assertThat(labeler.calls).isZero();
    }

    @Test
    void badBodiesGetTheirProblemsBeforeThePipeline() throws Exception {
        String[][] cases = {
                {"text/plain", "hello", "415", "UNSUPPORTED_FORMAT"},
                {"application/json", "{nope", "400", "BAD_REQUEST"},
                {"application/json", "[1, 2]", "400", "BAD_REQUEST"},
                {"application/json", "{\"s3Uri\": \"s3://ads/in/a.jpg\"} trailing", "400", "BAD_REQUEST"},
                {"application/json", "{\"url\": \"http://169.254.169.254/\"}", "400", "BAD_REQUEST"},
                {"application/json", "{\"text\": 42}", "400", "BAD_REQUEST"},
                {"image/png", "", "400", "BAD_REQUEST"}};
        for (String[] c : cases) {
            call(request("POST", "/v1/labels", c[0], json(c[1]), "me", Map.of()), Integer.parseInt(c[2]), c[3]);
        }
        call(request("POST", "/v1/labels", "application/json", json("{\"text\": \"sale\"}"), "me",
                Map.of("store", "true")), 400, "BAD_REQUEST"); // text ads are not stored
        call(request("POST", "/v1/labels", "image/jpeg", new byte[4097], "me", Map.of()), 413, "IMAGE_TOO_LARGE");
        assertThat(labeler.calls).isZero();
        assertThat(store.items).isEmpty();
    }

    @Test
    void nothingButAllowedBucketsIsFetchedAndAMissingObjectStoresNothing() throws Exception {
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"s3://other/x.jpg\"}"), "me",
                Map.of("store", "true")), 403, "BUCKET_NOT_ALLOWED");
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"s3://ads/never/uploaded.jpg\"}"),
                "me", Map.of()), 404, "IMAGE_NOT_FOUND");
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\":\"s3://ads/never/uploaded.jpg\"}"),
                "me", Map.of("store", "true")), 404, "IMAGE_NOT_FOUND");
        assertThat(store.items).isEmpty(); // no FAILED item on a client's behalf
        call(request("GET", "/v1/labels/ads/never/uploaded.jpg", null, null, "me", Map.of()), 404, "IMAGE_NOT_FOUND");
        assertThat(bucket.reads).isZero();
        assertThat(labeler.calls).isZero();
    }

    @Test
    void keysAreOneRuleForS3UrisAndPaths() throws Exception {
        for (String key : List.of("a/../b.jpg", "a//b.jpg", "./x.jpg", "a\u0000b.jpg", "k".repeat(1025), "a/")) {
            String body = "{\"s3Uri\": \"s3://ads/" + key.replace("\u0000", "\\u0000") + "\"}";
            call(request("POST", "/v1/labels", "application/json", json(body), "me", Map.of()), 400, "BAD_REQUEST");
        }
        call(request("GET", "/v1/labels/ads/" + "k".repeat(1025), null, null, "me", Map.of()), 400, "BAD_REQUEST");
        JsonNode escape = call(request("GET", "/v1/labels/b/%ZZ", null, null, "me", Map.of()), 400, "BAD_REQUEST");
        assertThat(escape.get("detail").asText()).isEqualTo("malformed percent-escape in the path");
        // the longest key S3 allows, and a control character, are keys like any other
        bucket.put("k".repeat(1024), new ObjectMeta(3, "image/jpeg", "e2", null, 1000), new byte[]{1, 2, 3});
        bucket.put("ctl/bell\u0007.jpg", new ObjectMeta(3, "image/jpeg", "e3", null, 1000), new byte[]{1, 2, 3});
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\": \"s3://ads/" + "k".repeat(1024)
                + "\"}"), "me", Map.of()), 200, null);
        call(request("POST", "/v1/labels", "application/json", json("{\"s3Uri\": \"s3://ads/ctl/bell\\u0007.jpg\"}"),
                "me", Map.of("store", "true")), 200, null);
        call(request("GET", "/v1/labels/ads/ctl/bell%07.jpg", null, null, "me", Map.of()), 200, null);
    }

    @Test
    void theTaxonomyParameterChoosesAmongTheConfiguredOnes() throws Exception {
        labeler.versions = new ModelVersions("head-t", "visual-t", "words-t", "iab-ad-product-2.0@3,pitt-topics@1");
        call(request("POST", "/v1/labels", "image/jpeg", new byte[]{1}, "me", Map.of("taxonomy", "pitt-topics")),
                200, null);
        call(request("POST", "/v1/labels", "image/jpeg", new byte[]{1}, "me",
                Map.of("taxonomy", " pitt-topics , iab-ad-product-2.0,")), 200, null);
        JsonNode unknown = call(request("POST", "/v1/labels", "image/jpeg", new byte[]{1}, "me",
                Map.of("taxonomy", "iab-content-3.1")), 400, "TAXONOMY_INVALID");
        assertThat(unknown.get("detail").asText()).contains("'iab-content-3.1'")
                .contains("[iab-ad-product-2.0, pitt-topics]");
        call(request("POST", "/v1/labels", "image/jpeg", new byte[]{1}, "me",
                Map.of("taxonomy", "x".repeat(LabelsApi.MAX_TAXONOMY_PARAM + 1))), 400, "BAD_REQUEST");
        assertThat(labeler.calls).isEqualTo(2); // the refused ones never reached the pipeline
    }

    @Test
    void listsCheckTheirLabelAndLimit() throws Exception {
        call(request("GET", "/v1/sentiments/unicorns/images", null, null, "me", Map.of()), 404, "UNKNOWN_LABEL");
        call(request("GET", "/v1/topics/travel/images", null, null, "me", Map.of("limit", "x")), 400, "BAD_REQUEST");
        call(request("GET", "/v1/topics/travel/images", null, null, "me", Map.of("limit", "0")), 400, "BAD_REQUEST");
        JsonNode taxonomy = call(request("GET", "/v1/taxonomy", null, null, "me", Map.of()), 200, null);
        assertThat(taxonomy.get("topics")).hasSize(38);
        assertThat(taxonomy.get("sentiments")).hasSize(30);
        JsonNode health = call(request("GET", "/v1/health", null, null, "me", Map.of()), 200, null);
        assertThat(health.get("model").get("head").asText()).isEqualTo("head-t");
        assertThat(health.get("encoder").asText()).isEqualTo("local");
    }

    @Test
    void anUploadIsRecordedThroughTheIngestWriteAndARepeatIsTheSameItem() throws Exception {
        JsonNode first = call(request("POST", "/v1/labels", "image/png", new byte[]{7, 7}, "alice",
                Map.of("store", "true")), 200, null);
        JsonNode again = call(request("POST", "/v1/labels", "image/png", new byte[]{7, 7}, "alice",
                Map.of("store", "true")), 200, null);
        assertThat(again).isEqualTo(first);
        assertThat(first.at("/source/key").asText()).matches("[0-9a-f]{16}/sha256/[0-9a-f]{64}");
        assertThat(store.items).hasSize(1);
        store.failure = new AdlensException(ErrorCode.STORAGE_UNAVAILABLE, "DynamoDB said no (internal detail)");
        JsonNode outage = call(request("POST", "/v1/labels", "image/png", new byte[]{8}, "alice",
                Map.of("store", "true")), 503, "STORAGE_UNAVAILABLE");
        assertThat(outage.get("detail").asText()).doesNotContain("DynamoDB");
    }

    @Test
    void verdictsListTheirImagesMostFlaggedFirstAndAnUnknownVerdictIsNamed() throws Exception {
        for (Object[] item : new Object[][] {{"in/mild.jpg", "review", 0.55}, {"in/strong.jpg", "review", 0.93},
                {"in/clean.jpg", "allow", 0.0}}) {
            String key = (String) item[0];
            store.put(new dev.adlens.store.LabelRecord("s3://ads/" + key, "ads", key, null, "e", 1000, 10, "image/jpeg",
                    dev.adlens.store.RecordStatus.LABELED, null, null, "m", java.util.Optional.of(
                    new dev.adlens.store.LabelRecord.TopLabels("cars", 0.5, "creative", 0.5, null, 0,
                            (String) item[1], (Double) item[2])), "{}", false, null, "2026-12-06T12:00:00Z", null));
        }
        JsonNode review = call(request("GET", "/v1/verdicts/review/images", null, null, "me", Map.of()), 200, null);
        assertThat(review.get("items")).extracting(j -> j.get("key").asText())
                .containsExactly("in/strong.jpg", "in/mild.jpg");
        assertThat(review.get("items").get(0).get("verdict").asText()).isEqualTo("review");
        assertThat(call(request("GET", "/v1/verdicts/allow/images", null, null, "me", Map.of()), 200, null)
                .get("items")).hasSize(1);
        JsonNode unknown = call(request("GET", "/v1/verdicts/maybe/images", null, null, "me", Map.of()), 404,
                "UNKNOWN_LABEL");
        assertThat(unknown.get("detail").asText()).contains("allow, review, block");
    }
}
