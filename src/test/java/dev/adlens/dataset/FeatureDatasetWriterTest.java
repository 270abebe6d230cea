package dev.adlens.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.UnitTest;
import dev.adlens.pitt.AdAnnotation;
import dev.adlens.words.WordSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@UnitTest
class FeatureDatasetWriterTest {
    @Test
    void writesAlignedArraysAndRecordsFailures(@TempDir Path dir) throws Exception {
        ObjectMapper json = new ObjectMapper();
        AdAnnotation labels = new AdAnnotation("k", new int[38], 3, List.of(), new int[30], 0);
        labels.topicVotes()[18] = 3;
        try (FeatureDatasetWriter w = new FeatureDatasetWriter(dir, 4, 2, 3, 2, 5, 0, json.createObjectNode())) {
            WordSequence words = new WordSequence(List.of("sale"), new float[10], 2, 5, 1);
            w.write("a.jpg", new float[4], new float[6], new float[]{0.5f, 0.1f}, words, labels, Map.of());
            w.fail("b.jpg", "CORRUPT_IMAGE", "cannot decode");
        }
        assertThat(Files.readAllLines(dir.resolve("keys.txt"))).containsExactly("a.jpg");
        JsonNode failure = json.readTree(Files.readAllLines(dir.resolve("failures.jsonl")).get(0));
        assertThat(failure.get("key").asText()).isEqualTo("b.jpg");
        assertThat(failure.get("code").asText()).isEqualTo("CORRUPT_IMAGE");
        JsonNode meta = json.readTree(dir.resolve("meta.json").toFile());
        assertThat(meta.get("rows").asInt()).isEqualTo(1);
        assertThat(meta.get("failed").asInt()).isEqualTo(1);
        String header = new String(Files.readAllBytes(dir.resolve("objects.npy")), 0, 80);
        assertThat(header).contains("'shape': (1, 2, 3)");
        assertThat(new String(Files.readAllBytes(dir.resolve("word_mask.npy")), 0, 80)).contains("'shape': (1, 2)");
        assertThat(new String(Files.readAllBytes(dir.resolve("topic_targets.npy")), 0, 80)).contains("'shape': (1, 38)");
        assertThat(Files.readString(dir.resolve("tokens.jsonl"))).contains("\"tokens\":[\"sale\"]");
    }
}
