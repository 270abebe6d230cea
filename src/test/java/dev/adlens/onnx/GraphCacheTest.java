package dev.adlens.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.text.LocalOnnxTextEncoder;
import dev.adlens.text.TextBatch;
import dev.adlens.text.TokenizedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The optimised-graph cache with the real text.onnx: same vectors as optimising in process, corrupt entries healed. */
@IntegrationTest
class GraphCacheTest {
    static final Path TEXT = Path.of("models/text/text.onnx");
    // "[CLS] free shipping today [SEP]" in the BERT uncased WordPiece vocabulary (bge-small's, as MiniLM's)
    static final TextBatch BATCH = TextBatch.of(List.of(new TokenizedText(new long[]{101, 2489, 7829, 2651, 102},
            new int[]{-1, 0, 1, 2, -1}, List.of("free", "shipping", "today"), 0)));

    static float[] encode(GraphCache cache) throws Exception {
        try (OnnxModel m = OnnxModel.open(TEXT, OnnxModel.Options.threads(1).withCache(cache))) {
            assertThat(m.metadata()).containsKey("adlens.version"); // the contract survives the saved graph
            return new LocalOnnxTextEncoder(m).run(BATCH);
        }
    }

    static List<Path> entries(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void aCachedGraphGivesTheSameVectorsAsOptimisingInProcess(@TempDir Path dir) throws Exception {
        float[] plain = encode(GraphCache.NONE);
        float[] first = encode(GraphCache.in(dir));             // optimises, saves the entry
        assertThat(entries(dir)).singleElement().satisfies(p -> assertThat(p.getFileName().toString())
                .startsWith("text-").endsWith(".onnx"));
        long written = Files.getLastModifiedTime(entries(dir).get(0)).toMillis();
        float[] second = encode(GraphCache.in(dir));            // reads it
        assertThat(Files.getLastModifiedTime(entries(dir).get(0)).toMillis()).isEqualTo(written);
        assertThat(first).containsExactly(plain);
        assertThat(second).containsExactly(plain);
    }

    @Test
    void aCorruptEntryIsReplacedAndTheModelStillOpens(@TempDir Path dir) throws Exception {
        encode(GraphCache.in(dir));
        Path entry = entries(dir).get(0);
        Files.write(entry, new byte[]{1, 2, 3});
        float[] healed = encode(GraphCache.in(dir)); // falls back to the model, drops the bad entry
        assertThat(healed).containsExactly(encode(GraphCache.NONE));
        encode(GraphCache.in(dir));                   // and the next start writes a good one again
        assertThat(Files.size(entries(dir).get(0))).isGreaterThan(1_000_000);
    }
}
