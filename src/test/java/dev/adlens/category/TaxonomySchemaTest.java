package dev.adlens.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.adlens.error.AdlensException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The taxonomy file's JSON Schema (docs/schemas/adlens-taxonomy-1.schema.json) says what the loader accepts: the
 * shipped and documented files pass both, and what the schema can express as wrong fails both.
 */
@dev.adlens.UnitTest
class TaxonomySchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Schema schema() throws IOException {
        try (var in = Files.newInputStream(Path.of("docs/schemas/adlens-taxonomy-1.schema.json"))) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        }
    }

    static List<Error> errors(String json) throws IOException {
        return schema().validate(JSON.readTree(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/taxonomy/iab-ad-product-2.0.json",
            "src/main/resources/taxonomy/pitt-topics.json", "docs/examples/house-taxonomy.json",
            "docs/examples/block-list.json"})
    void theShippedAndDocumentedFilesPassTheSchemaAndTheLoader(String file) throws Exception {
        String json = Files.readString(Path.of(file));
        assertThat(errors(json)).as(file).isEmpty();
        CategoryTaxonomy t = CategoryTaxonomy.parse(json.getBytes(StandardCharsets.UTF_8), file);
        assertThat(t.categories()).isNotEmpty();
    }

    @Test
    void theDocumentedExampleSaysEveryFieldOfTheFormat() throws Exception {
        JsonNode example = JSON.readTree(Files.readString(Path.of("docs/examples/house-taxonomy.json")));
        JsonNode props = JSON.readTree(Files.readString(Path.of("docs/schemas/adlens-taxonomy-1.schema.json")))
                .path("properties").path("categories").path("items").path("properties");
        List<String> used = new java.util.ArrayList<>();
        example.path("categories").forEach(c -> c.fieldNames().forEachRemaining(used::add));
        // every category field but the audience contrast (an IAB need) is shown in the example
        props.fieldNames().forEachRemaining(f -> {
            if (!f.equals("contrast")) {
                assertThat(used).as("example uses " + f).contains(f);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"id\": \"t\", \"categories\": [{\"id\": 1, \"name\": \"a\"}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"categories\": []}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"categories\": [{\"id\": 1}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"categories\": [{\"id\": 1, \"name\": \"a\", \"alignTo\": [\"1082\"]}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"transfer\": {\"temperature\": 0}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"transfer\": 3, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"calibration\": {\"selectAt\": 2}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"exhaustive\": \"no\", \"categories\": [{\"id\": 1, \"name\": \"a\"}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"exhaustive\": false, \"calibration\": {\"noneAt\": 2}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"calibration\": {\"noneAt\": 0.6}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}",
            "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"categories\": [{\"id\": 1, \"name\": \"a\", \"examples\": [{\"text\": \" \"}]}]}",
    })
    void whatTheSchemaRefusesTheLoaderRefuses(String json) throws IOException {
        assertThat(errors(json)).isNotEmpty();
        assertThatThrownBy(() -> CategoryTaxonomy.parse(json.getBytes(StandardCharsets.UTF_8), "t.json"))
                .isInstanceOf(AdlensException.class);
    }
}
