package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.TestModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `./adlens label --policy FILE` on the real pipeline (real models, real Tesseract): a policy that blocks Alcohol
 * blocks the sample bourbon ad, by the IAB category the engine selected for it, and allows the seven other samples;
 * the built-in policy sends the bourbon ad to review; a malformed policy stops the command before any model loads.
 */
@IntegrationTest
class PolicyLabelTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, JsonNode> label(Path dir, String... policy) throws Exception {
        Path out = dir.resolve("labels-" + policy.length + ".jsonl");
        String[] base = {"label", "samples", "--out", out.toString(), "--models", TestModels.dir().toString(),
                "--workers", "2"};
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(policy))
                .toArray(String[]::new);
        assertThat(AdlensCommand.commandLine().execute(args)).isZero();
        Map<String, JsonNode> byName = new HashMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode j = JSON.readTree(line);
            byName.put(Path.of(j.get("image").asText()).getFileName().toString(), j.get("safety"));
        }
        assertThat(byName).hasSize(8);
        return byName;
    }

    @Test
    void aPolicyThatBlocksAlcoholBlocksTheBourbonAdAndAllowsTheOthers(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("no-alcohol.json");
        Files.writeString(policy, "{\"format\": \"adlens-policy-1\", \"name\": \"no-alcohol\", \"version\": \"7\", "
                + "\"categories\": [{\"id\": \"1002\", \"name\": \"Alcohol\", \"action\": \"block\"}]}");
        Map<String, JsonNode> safety = label(dir, "--policy", policy.toString());
        safety.forEach((name, s) -> {
            assertThat(s.path("policy").path("name").asText()).isEqualTo("no-alcohol");
            assertThat(s.path("policy").path("version").asText()).isEqualTo("7");
            if (name.startsWith("alcohol-")) {
                assertThat(s.path("verdict").asText()).as(name).isEqualTo("block");
                JsonNode flag = s.path("flags").get(0);
                assertThat(flag.path("name").asText()).isEqualTo("category:1002");
                assertThat(flag.path("reason").asText()).contains("Alcohol", "evidence");
            } else {
                assertThat(s.path("verdict").asText()).as(name).isEqualTo("allow");
                assertThat(s.path("flags")).as(name).isEmpty();
            }
        });

        Map<String, JsonNode> builtIn = label(dir);
        assertThat(builtIn.get("alcohol-wild-range-bourbon.jpg").path("verdict").asText()).isEqualTo("review");
        assertThat(builtIn.get("alcohol-wild-range-bourbon.jpg").path("policy").path("name").asText())
                .isEqualTo("adlens-default");
    }

    @Test
    void aMalformedPolicyStopsTheCommandWithEveryProblemNamed(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("bad.json");
        Files.writeString(policy, "{\"format\": \"adlens-policy-1\", \"name\": \"bad\", \"categories\": [{\"id\": "
                + "\"1002\", \"action\": \"forbid\"}, {\"id\": \"99999\", \"action\": \"block\"}]}");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            code = AdlensCommand.commandLine().execute("label", "samples", "--out", dir.resolve("o.jsonl").toString(),
                    "--models", TestModels.dir().toString(), "--policy", policy.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isNotZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("policy " + policy + ": 2 problems",
                "categories[0].action", "categories[1].id: \"99999\"");
        assertThat(dir.resolve("o.jsonl")).doesNotExist();
    }
}
