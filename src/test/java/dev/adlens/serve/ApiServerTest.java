package dev.adlens.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.UnitTest;
import dev.adlens.api.ApiSettings;
import dev.adlens.api.LabelsApi;
import dev.adlens.api.Problem;
import dev.adlens.ingest.InMemory;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.store.InMemoryLabelStore;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local server's translation of HTTP to the API, over real HTTP with in-memory ports (the real pipeline and local
 * stack: cli.ServeCommandTest): the caller header, problems as problem+json, the body limit, the query.
 */
@UnitTest
class ApiServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final List<String> log = new CopyOnWriteArrayList<>();
    InMemoryLabelStore store;
    InMemory.FakeLabeler labeler;
    ApiServer server;

    @BeforeEach
    void start() throws Exception {
        InMemory.FakeBucket bucket = new InMemory.FakeBucket();
        store = new InMemoryLabelStore();
        labeler = new InMemory.FakeLabeler();
        LabelsApi api = new LabelsApi(labeler, bucket, new ObjectIngest(bucket, store, labeler, 1000,
                Clock.systemUTC()), store, PittTaxonomy.official(), new ApiSettings(Set.of("ads"), 100, 1000),
                Clock.systemUTC(), "local");
        server = new ApiServer(new InetSocketAddress("127.0.0.1", 0), api, "dev", 100, Duration.ofSeconds(29),
                log::add);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    HttpResponse<String> send(String method, String pathAndQuery, String type, byte[] body, String caller)
            throws Exception {
        return LocalCall.send(server.port(), method, pathAndQuery, type, body, caller);
    }

    static JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(p.get("status").asInt()).isEqualTo(status);
        return p;
    }

    @Test
    void uploadsBelongToTheNamedCallerAndTheDefaultOneIsSomeoneElse() throws Exception {
        HttpResponse<String> up = send("POST", "/v1/labels?store=true", "image/png", new byte[]{9, 9}, "alice");
        assertThat(up.statusCode()).as(up.body()).isEqualTo(200);
        assertThat(up.headers().firstValue("content-type")).hasValue("application/json");
        String key = JSON.readTree(up.body()).at("/source/key").asText();
        assertThat(store.items.values()).singleElement().satisfies(r -> assertThat(r.owner()).isEqualTo("local:alice"));

        assertThat(send("GET", "/v1/labels/_upload/" + key, null, null, "alice").statusCode()).isEqualTo(200);
        problem(send("GET", "/v1/labels/_upload/" + key, null, null, "bob"), 404, "IMAGE_NOT_FOUND");
        problem(send("GET", "/v1/labels/_upload/" + key, null, null, null), 404, "IMAGE_NOT_FOUND"); // local:dev
        assertThat(log).anyMatch(l -> l.startsWith("POST /v1/labels 200 ") && l.endsWith(" local:alice"))
                .anyMatch(l -> l.endsWith(" local:dev"));
    }

    @Test
    void aCallerNameThatIsNoNameIsRefused() throws Exception {
        problem(send("GET", "/v1/topics/travel/images", null, null, "alice smith"), 400, "BAD_REQUEST");
        problem(send("GET", "/v1/topics/travel/images", null, null, "x".repeat(65)), 400, "BAD_REQUEST");
        assertThatThrownBy(() -> new ApiServer(new InetSocketAddress("127.0.0.1", 0), null, "", 1, Duration.ZERO,
                l -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failuresAreProblemDocumentsWithTheirStatus() throws Exception {
        JsonNode notImage = problem(send("POST", "/v1/labels", "text/plain", "hello".getBytes(), null), 415,
                "UNSUPPORTED_FORMAT");
        assertThat(notImage.get("instance").asText()).isEqualTo("/v1/labels");
        problem(send("POST", "/v1/labels", "image/jpeg", new byte[101], null), 413, "IMAGE_TOO_LARGE");
        problem(send("POST", "/v1/labels", "application/json", "{\"s3Uri\":\"s3://other/x.jpg\"}".getBytes(), null),
                403, "BUCKET_NOT_ALLOWED");
        problem(send("GET", "/v1/nothing", null, null, null), 404, "NOT_FOUND");
        problem(send("DELETE", "/v1/taxonomy", null, null, null), 405, "METHOD_NOT_ALLOWED");
        problem(send("GET", "/v1/topics/travel/images?limit=many", null, null, null), 400, "BAD_REQUEST");
        assertThat(labeler.calls).isZero();
    }

    @Test
    void theQueryIsDecodedAsTheGatewayDecodesIt() throws Exception {
        assertThat(ApiServer.query("taxonomy=a&taxonomy=b%2Fc&store=true&flag")).isEqualTo(
                Map.of("taxonomy", "a,b/c", "store", "true", "flag", ""));
        assertThat(ApiServer.query(null)).isEmpty();
        assertThatThrownBy(() -> ApiServer.query("limit=%zz")).isInstanceOf(Problem.class);
        HttpResponse<String> page = send("GET", "/v1/topics/travel/images?limit=5", null, null, null);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(JSON.readTree(page.body()).get("items")).isEmpty();
        assertThat(JSON.readTree(send("GET", "/v1/health", null, null, null).body()).get("status").asText())
                .isEqualTo("ok");
    }
}
