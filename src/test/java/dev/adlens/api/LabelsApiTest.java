package dev.adlens.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.ingest.InMemory;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.labels.Taxonomy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API's routing and policies with in-memory ports (the real peers: ApiHandlerTest). */
@dev.adlens.UnitTest
class LabelsApiTest {
    static final ObjectMapper JSON = new ObjectMapper();
    InMemory.FakeBucket bucket;
    InMemory.FakeStore store;
    InMemory.FakeLabeler labeler;
    LabelsApi api;

    @BeforeEach
    void setUp() {
        bucket = new InMemory.FakeBucket();
        store = new InMemory.FakeStore();
        labeler = new InMemory.FakeLabeler();
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
        api = new LabelsApi(labeler, bucket, new ObjectIngest(bucket, store, labeler, 1000, clock), store,
                Taxonomy.official(), new ApiSettings(Set.of("ads"), 100, 1000, true), clock, "local");
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
        call(request("POST", "/v1/labels", "image/jpeg", new byte[101], "me", Map.of()), 413, "IMAGE_TOO_LARGE");
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
