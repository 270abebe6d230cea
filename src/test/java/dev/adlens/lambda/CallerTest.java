package dev.adlens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.UnitTest;
import dev.adlens.api.ApiRequest;
import dev.adlens.api.ApiSettings;
import dev.adlens.api.LabelsApi;
import dev.adlens.ingest.InMemory;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.store.InMemoryLabelStore;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who the caller is, for each authoriser shape API Gateway (payload v2) can present. */
@UnitTest
class CallerTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "IAM user|{\"iam\": {\"userArn\": \"arn:aws:iam::1:user/u\", \"callerId\": \"AIDA1\"}}|arn:aws:iam::1:user/u",
            "IAM, caller id only|{\"iam\": {\"callerId\": \"AIDA1\"}}|AIDA1",
            "JWT|{\"jwt\": {\"claims\": {\"iss\": \"https://id.example.com/\", \"sub\": \"42\"}}}|jwt:https://id.example.com/#42",
            "JWT without iss|{\"jwt\": {\"claims\": {\"sub\": \"42\"}}}|anonymous",
            "JWT with a non-text sub|{\"jwt\": {\"claims\": {\"iss\": \"i\", \"sub\": {\"x\": 1}}}}|anonymous",
            "Lambda authoriser|{\"lambda\": {\"caller\": \"tenant-7\"}}|lambda:tenant-7",
            "Lambda authoriser, principalId|{\"lambda\": {\"principalId\": \"p1\"}}|lambda:p1",
            "empty authoriser|{}|anonymous",
    })
    void eachAuthoriserNamesItsCallerAndNothingElseIsSomeone(String what, String authorizer, String expected)
            throws Exception {
        var event = new ObjectMapper().createObjectNode();
        event.putObject("requestContext").set("authorizer", new ObjectMapper().readTree(authorizer));
        assertThat(ApiHandler.caller(event)).as(what).isEqualTo(expected);
        assertThat(ApiHandler.caller(new ObjectMapper().createObjectNode())).isEqualTo(ApiRequest.ANONYMOUS);
    }

    /**
     * The local server's caller header names whoever the client likes: the deployed API must never take it for an
     * identity, and refuses it outright so that no client comes to depend on it (signed or not).
     */
    @Test
    void theLocalCallerHeaderIsRefusedByTheDeployedApi() throws Exception {
        InMemory.FakeBucket bucket = new InMemory.FakeBucket();
        InMemoryLabelStore store = new InMemoryLabelStore();
        InMemory.FakeLabeler labeler = new InMemory.FakeLabeler();
        ApiHandler handler = new ApiHandler(new LabelsApi(labeler, bucket, new ObjectIngest(bucket, store, labeler,
                1000, Clock.systemUTC()), store, PittTaxonomy.official(), new ApiSettings(Set.of("ads"), 1000, 1000),
                Clock.systemUTC(), "local"));
        var signed = Events.http("POST", "/v1/labels", Map.of("store", "true"), "image/png", new byte[]{9, 9}, true);
        assertThat(handler.handleRequest(signed.deepCopy(), new LocalContext(30_000)).get("statusCode").asInt())
                .isEqualTo(200);

        ((ObjectNode) signed.get("headers")).put("X-Adlens-Caller", "alice");
        JsonNode out = handler.handleRequest(signed, new LocalContext(30_000));
        assertThat(out.get("statusCode").asInt()).isEqualTo(400);
        JsonNode problem = new ObjectMapper().readTree(out.get("body").asText());
        assertThat(problem.get("code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(problem.get("detail").asText()).contains("X-Adlens-Caller", "adlens serve");
        assertThat(store.items).hasSize(1).allSatisfy((k, r) -> assertThat(r.owner()).doesNotContain("alice"));
        assertThat(labeler.calls).isEqualTo(1); // the refused request never reached the pipeline
    }
}
