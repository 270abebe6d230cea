package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.LocalStack;
import dev.adlens.serve.LocalCall;
import dev.adlens.store.LabelTable;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * `adlens serve` as a client meets it: the command started as the CLI parses it (real models), then plain HTTP on an
 * ephemeral port; storage is a local stack started the way `adlens dev` starts it, after the server, as a developer
 * would (serve first, dev later).
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SAMPLE = Path.of("samples", "travel-skyline-safari.jpg");
    final Path state = Path.of("target", "local-aws", "serve").toAbsolutePath();
    ServeCommand.Running running;

    @BeforeAll
    void start() throws Exception {
        Files.createDirectories(state);
        DevState.clear(state); // a previous run's marker
        String[] args = {"serve", "--port", "0", "--models", TestModels.dir().toString(), "--tessdata",
                TestModels.tessdata().toString(), "--workers", "1", "--state", state.toString()};
        var parsed = AdlensCommand.commandLine(args).parseArgs(args);
        running = ((ServeCommand) parsed.subcommand().commandSpec().userObject()).start();
    }

    @AfterAll
    void stop() throws Exception {
        running.close();
    }

    HttpResponse<String> send(String method, String pathAndQuery, String type, byte[] body, String caller)
            throws Exception {
        return LocalCall.send(running.port(), method, pathAndQuery, type, body, caller);
    }

    static JsonNode ok(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    static JsonNode problem(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("content-type")).hasValue("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("code").asText()).isEqualTo(code);
        return p;
    }

    @Test
    void labelsASampleAdPostedAsItsBytes() throws Exception {
        JsonNode labels = ok(send("POST", "/v1/labels", "image/jpeg", Files.readAllBytes(SAMPLE), null));
        assertThat(labels.get("status").asText()).isEqualTo("LABELED");
        assertThat(labels.get("image").asText()).isEqualTo("upload");
        assertThat(labels.get("topics")).hasSize(38);
        assertThat(labels.get("topics").get(0).get("key").asText()).isEqualTo("travel");
        assertThat(labels.get("sentiments")).hasSize(30);
        assertThat(labels.has("source")).isFalse(); // not stored
    }

    @Test
    void aBodyThatIsNoImageIsAProblemDocument() throws Exception {
        JsonNode p = problem(send("POST", "/v1/labels", "image/jpeg", "hello, not a jpeg".getBytes(), null), 415,
                "UNSUPPORTED_FORMAT");
        assertThat(p.get("type").asText()).isEqualTo("https://adlens.dev/problems/unsupported-format");
        assertThat(p.get("instance").asText()).isEqualTo("/v1/labels");
        problem(send("POST", "/v1/labels", "text/plain", "hello".getBytes(), null), 415, "UNSUPPORTED_FORMAT");
        problem(send("POST", "/v1/labels", "image/jpeg", new byte[4_400_001], null), 413, "IMAGE_TOO_LARGE");
    }

    @SuppressWarnings("unchecked")
    @Test
    void storeTrueRoundTripThroughDevsStackOnceItRuns() throws Exception {
        byte[] ad = Files.readAllBytes(SAMPLE);
        JsonNode none = problem(send("POST", "/v1/labels?store=true", "image/jpeg", ad, null), 503,
                "STORAGE_UNAVAILABLE");
        assertThat(none.get("detail").asText()).contains("`adlens dev` is not running", "./adlens dev");

        try (LocalStack stack = LocalStack.start(state);
             S3Client s3 = AwsClients.s3(stack.settings());
             DynamoDbClient dynamo = AwsClients.dynamo(stack.settings())) {
            // what `adlens dev` does before it says it is ready
            s3.createBucket(b -> b.bucket("ads"));
            new LabelTable(dynamo, "adlens-labels").createIfMissing();
            DevState.markReady(state, "ads", "adlens-labels", List.of());

            JsonNode stored = ok(send("POST", "/v1/labels?store=true", "image/jpeg", ad, "alice"));
            assertThat(stored.at("/source/bucket").asText()).isEqualTo("_upload");
            String key = stored.at("/source/key").asText();
            JsonNode back = ok(send("GET", "/v1/labels/_upload/" + key, null, null, "alice"));
            assertThat(back.get("topics").get(0).get("key").asText()).isEqualTo("travel");
            problem(send("GET", "/v1/labels/_upload/" + key, null, null, "bob"), 404, "IMAGE_NOT_FOUND");
            JsonNode page = ok(send("GET", "/v1/topics/travel/images?limit=5", null, null, "alice"));
            assertThat(page.get("items")).anySatisfy(i -> assertThat(i.get("key").asText()).isEqualTo(key));
            assertThat(ok(send("GET", "/v1/topics/travel/images", null, null, "bob")).get("items")).isEmpty();

            // an object in dev's bucket, labeled and stored as the bucket flow would; readable by every caller
            s3.putObject(b -> b.bucket("ads").key("spring/safari ad.jpg").contentType("image/jpeg"),
                    RequestBody.fromBytes(ad));
            ok(send("POST", "/v1/labels?store=true", "application/json",
                    "{\"s3Uri\": \"s3://ads/spring/safari ad.jpg\"}".getBytes(), null));
            JsonNode object = ok(send("GET", "/v1/labels/ads/spring/safari%20ad.jpg", null, null, "bob"));
            assertThat(object.at("/source/key").asText()).isEqualTo("spring/safari ad.jpg");
            problem(send("POST", "/v1/labels", "application/json", "{\"s3Uri\": \"s3://elsewhere/x.jpg\"}".getBytes(),
                    null), 403, "BUCKET_NOT_ALLOWED");

            // every route openapi.yaml documents answers here
            Map<String, Object> doc;
            try (var in = Files.newBufferedReader(Path.of("openapi.yaml"))) {
                doc = new Yaml().load(in);
            }
            Set<String> answered = new HashSet<>();
            for (var entry : ((Map<String, Object>) doc.get("paths")).entrySet()) {
                for (String method : ((Map<String, Object>) entry.getValue()).keySet()) {
                    String path = entry.getKey().replace("{bucket}", "ads").replace("{key+}", "spring/safari%20ad.jpg")
                            .replace("{topic}", "travel").replace("{sentiment}", "creative")
                            .replace("{verdict}", "review");
                    HttpResponse<String> r = method.equals("post") ? send("POST", path, "image/jpeg", ad, null)
                            : send(method.toUpperCase(), path, null, null, null);
                    assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
                    answered.add(method);
                }
            }
            assertThat(answered).containsExactlyInAnyOrder("get", "post");
            assertThat((List<Map<String, Object>>) doc.get("servers"))
                    .anySatisfy(s -> assertThat(s.get("url")).isEqualTo("http://127.0.0.1:8080"));
        } finally {
            DevState.clear(state);
        }
        // dev gone again: said plainly, not a hang or a connection error
        problem(send("GET", "/v1/labels/_upload/x", null, null, null), 503, "STORAGE_UNAVAILABLE");
    }
}
