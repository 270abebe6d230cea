package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's table of the sample ads is what `./adlens label samples/` prints with the defaults (the topic fusion on):
 * each row's top topic, and its score within 0.02. A release that answers otherwise must update the front door.
 */
@IntegrationTest
class ReadmeSamplesTest {
    private static final Pattern ROW = Pattern.compile("(?m)^\\| ([a-z-]+\\.jpg)[^|]*\\|[^|]*\\| ([a-z_]+) ([0-9.]+)");

    @Test
    void theReadmeTableIsWhatTheDefaultsPrint(@TempDir Path dir) throws Exception {
        Map<String, String[]> table = new HashMap<>();
        Matcher m = ROW.matcher(Files.readString(Path.of("README.md")));
        while (m.find()) {
            table.put(m.group(1), new String[] {m.group(2), m.group(3)});
        }
        assertThat(table).hasSize(8);
        Path out = dir.resolve("labels.jsonl");
        assertThat(AdlensCommand.commandLine().execute("label", "samples", "--out", out.toString(), "--models",
                TestModels.dir().toString(), "--workers", "2")).isZero();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            JsonNode j = json.readTree(line);
            String name = Path.of(j.get("image").asText()).getFileName().toString();
            String[] row = table.get(name);
            assertThat(row).as(name).isNotNull();
            JsonNode top = j.get("topics").get(0);
            assertThat(top.get("key").asText()).as(name).isEqualTo(row[0]);
            assertThat(top.get("score").asDouble()).as(name).isCloseTo(Double.parseDouble(row[1]),
                    Offset.offset(0.02));
        }
    }
}
