package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output's JSON Schema (docs/schemas/label-line.schema.json) holds for real answers: every sample labeled with IAB
 * and a file taxonomy, a failed input, text ads (each labeled one with its safety block) — and a line that breaks the
 * contract is caught.
 */
@IntegrationTest
class LabelLineSchemaTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Schema schema() throws Exception {
        try (var in = Files.newInputStream(Path.of("docs/schemas/label-line.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    static List<JsonNode> lines(Path out) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            all.add(JSON.readTree(line));
        }
        return all;
    }

    @Test
    void realAnswersFollowTheSchemaAndABrokenOneDoesNot(@TempDir Path dir) throws Exception {
        Path mine = Files.writeString(dir.resolve("mine.json"), """
                {"format": "adlens-taxonomy-1", "id": "house", "categories": [
                 {"id": "drinks", "name": "Spirits"}, {"id": "money", "name": "Banking"}]}""");
        Path broken = Files.writeString(dir.resolve("broken.jpg"), "not a jpeg");
        Path images = dir.resolve("images.jsonl");
        int exit = AdlensCommand.commandLine().execute("label", "samples", broken.toString(), "--out",
                images.toString(), "--models", TestModels.dir().toString(), "--workers", "2",
                "--taxonomy", "iab-ad-product-2.0", "--taxonomy", mine.toString(),
                "--taxonomy", "docs/examples/block-list.json", "--policy", "docs/examples/policy-block-list.json");
        assertThat(exit).isEqualTo(3);
        Path texts = Files.writeString(dir.resolve("ads.jsonl"),
                "{\"id\": \"car\", \"text\": \"0% APR on the new sedan at your dealer\"}\n{\"id\": \"empty\", \"text\": \"\"}\n");
        Path textOut = dir.resolve("texts.jsonl");
        AdlensCommand.commandLine().execute("label", "--texts", texts.toString(), "--out", textOut.toString(),
                "--models", TestModels.dir().toString());
        Schema schema = schema();
        List<JsonNode> all = lines(images);
        all.addAll(lines(textOut));
        assertThat(all).hasSizeGreaterThanOrEqualTo(11); // 8 samples + broken + 2 text ads
        assertThat(all).filteredOn(l -> l.get("status").asText().equals("FAILED")).hasSizeGreaterThanOrEqualTo(2);
        for (JsonNode line : all) {
            assertThat(schema.validate(line)).as(line.toString()).isEmpty();
        }
        // a line that breaks the contract: a score above 1, an unknown field
        JsonNode good = all.get(0).deepCopy();
        ((ObjectNode) good.get("topics").get(0)).put("score", 1.5);
        assertThat(schema.validate(good)).isNotEmpty();
        JsonNode extra = all.get(0).deepCopy();
        ((ObjectNode) extra).put("surprise", true);
        assertThat(schema.validate(extra)).isNotEmpty();
        // every labeled answer carries its safety verdict; a verdict outside allow/review/block breaks the contract
        assertThat(all).filteredOn(l -> l.get("status").asText().equals("LABELED"))
                .allMatch(l -> l.path("safety").path("verdict").isTextual());
        JsonNode verdict = all.get(0).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) verdict.get("safety")).put("verdict", "maybe");
        assertThat(schema.validate(verdict)).isNotEmpty();
        // a block list (most ads are none of it) carries "none"; the bourbon sample is alcohol, and the policy that
        // reads the list sends it to review with the list's flag; the safari is none of them
        List<String> seen = new ArrayList<>();
        for (JsonNode line : lines(images)) {
            if (line.get("status").asText().equals("LABELED")) {
                JsonNode block = line.path("taxonomies").path("block-list");
                assertThat(block.path("none").isNumber()).as(line.toString()).isTrue();
                assertThat(line.path("taxonomies").path("house").has("none")).isFalse();
                List<String> chosen = new ArrayList<>();
                block.path("categories").forEach(c -> {
                    if (c.path("selected").asBoolean()) {
                        chosen.add(c.path("id").asText());
                    }
                });
                String image = line.get("image").asText();
                if (image.endsWith("alcohol-wild-range-bourbon.jpg")) {
                    seen.add("bourbon");
                    assertThat(chosen).containsExactly("alcohol");
                    assertThat(line.path("safety").path("verdict").asText()).isEqualTo("review");
                    assertThat(line.path("safety").path("flags").get(0).path("name").asText())
                            .isEqualTo("category:block-list/alcohol");
                } else if (image.endsWith("travel-skyline-safari.jpg")) {
                    seen.add("safari");
                    assertThat(chosen).isEmpty();
                    assertThat(block.path("unclear").asBoolean()).isFalse();
                    assertThat(block.path("none").asDouble()).isGreaterThan(0.5);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder("bourbon", "safari");
    }
}
