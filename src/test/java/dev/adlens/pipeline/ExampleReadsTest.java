package dev.adlens.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store of example images' reads: what it gives back, and when it must miss. */
@UnitTest
class ExampleReadsTest {
    private static final byte[] IMAGE = "pretend these are an image's bytes".getBytes(StandardCharsets.UTF_8);

    @Test
    void aKeptReadComesBackExactlyAndOnlyForTheSameReaderAndBytes(@TempDir Path dir) {
        ExampleReads store = new ExampleReads(Optional.empty(), Optional.of(dir), "visual-1|head h1");
        float[] knowledge = {0.1f, 1e-7f, 0.33333334f, Float.MIN_NORMAL, 0.99999994f};
        String key = store.key(IMAGE);
        store.keep(key, "GRAIN-FREE DOG FOOD", knowledge);

        ExampleReads.Stored hit = store.find(key, true).orElseThrow();
        assertThat(hit.text()).isEqualTo("GRAIN-FREE DOG FOOD");
        assertThat(hit.knowledge()).containsExactly(knowledge); // bit for bit: the answers must not move
        assertThat(store.key("other bytes".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(key);
        ExampleReads otherModels = new ExampleReads(Optional.empty(), Optional.of(dir), "visual-1|head h2");
        assertThat(otherModels.find(otherModels.key(IMAGE), false)).isEmpty();
        assertThat(store.readBy("iab 2.0").find(store.readBy("iab 2.0").key(IMAGE), false)).isEmpty();
    }

    @Test
    void aReadKeptWithoutKnowledgeServesOnlyALoadThatNeedsNone(@TempDir Path dir) {
        ExampleReads store = new ExampleReads(Optional.empty(), Optional.of(dir), "r");
        String key = store.key(IMAGE);
        store.keep(key, "text only", null);

        assertThat(store.find(key, false)).map(ExampleReads.Stored::text).contains("text only");
        assertThat(store.find(key, true)).isEmpty();
    }

    @Test
    void shippedEntriesAreReadFirstAndABrokenEntryIsAMiss(@TempDir Path dir) throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("shipped"));
        Path cache = dir.resolve("cache");
        ExampleReads writer = new ExampleReads(Optional.empty(), Optional.of(shipped), "r");
        String key = writer.key(IMAGE);
        writer.keep(key, "shipped", new float[]{1f});
        ExampleReads store = new ExampleReads(Optional.of(shipped), Optional.of(cache), "r");
        assertThat(store.find(key, true)).map(ExampleReads.Stored::text).contains("shipped");

        Files.writeString(shipped.resolve(key + ".json"), "{\"text\": \"x\", \"knowledge\": [1, \"two\"]}");
        assertThat(store.find(key, true)).isEmpty();
        Files.writeString(shipped.resolve(key + ".json"), "not json");
        assertThat(store.find(key, false)).isEmpty();
    }
}
