package dev.adlens.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The policy file's JSON Schema (docs/schemas/adlens-policy-1.schema.json) says what the loader accepts: the built-in
 * and documented policies pass both, and what the schema refuses the loader refuses.
 */
@UnitTest
class PolicySchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Error> errors(String json) throws IOException {
        try (var in = Files.newInputStream(Path.of("docs/schemas/adlens-policy-1.schema.json"))) {
            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            return schema.validate(JSON.readTree(json));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/main/resources/policy/default.json", "docs/examples/policy-no-alcohol.json",
            "docs/examples/policy-block-list.json"})
    void theBuiltInAndDocumentedPoliciesPassTheSchemaAndTheLoader(String file) throws Exception {
        String json = Files.readString(Path.of(file));
        assertThat(errors(json)).as(file).isEmpty();
        assertThat(Policy.parse(json.getBytes(StandardCharsets.UTF_8), file).categories()).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"p\"}",
            "{\"format\": \"adlens-policy-1\"}",
            "{\"format\": \"adlens-policy-1\", \"name\": \" \"}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"colour\": 1}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"whenUnmeasured\": \"ignore\"}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"adult\": [{\"class\": \"nude\", \"atLeast\": 0.5, \"action\": \"block\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"adult\": [{\"class\": \"porn\", \"atLeast\": 2, \"action\": \"block\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"adult\": [{\"class\": \"porn\", \"atLeast\": 0.5}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"categories\": [{\"id\": 1002, \"action\": \"block\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"categories\": [{\"id\": \"1002\", \"minScore\": -0.1, \"action\": \"block\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"categories\": [{\"id\": \"1002\", \"action\": \"ban\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"categories\": {\"id\": \"1002\"}}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"categories\": [{\"id\": \"alcohol\", \"action\": \"review\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"categories\": [{\"taxonomy\": \"\", \"id\": \"alcohol\", \"action\": \"review\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"quality\": [{\"opinion\": \"boring\", \"atLeast\": 0.5, \"action\": \"review\"}]}",
            "{\"format\": \"adlens-policy-1\", \"name\": \"p\", \"quality\": [{\"opinion\": \"clickbait\", \"atLeast\": \"half\", \"action\": \"review\"}]}",
    })
    void whatTheSchemaRefusesTheLoaderRefuses(String json) throws IOException {
        assertThat(errors(json)).isNotEmpty();
        assertThatThrownBy(() -> Policy.parse(json.getBytes(StandardCharsets.UTF_8), "p.json"))
                .isInstanceOf(AdlensException.class);
    }
}
