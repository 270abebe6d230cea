package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.labels.ModelVersions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code label --resume} keeps of an earlier run's output, and what it refuses to append to. */
@UnitTest
class EarlierLinesTest {
    private static final String MODEL = "{\"head\":\"h1\",\"visual\":\"v1\",\"words\":\"w1\","
            + "\"taxonomies\":{\"iab\":\"2.0\",\"mine\":\"3\"}}";
    private static final ModelVersions SAME = new ModelVersions("h1", "v1", "w1", "iab@2.0,mine@3");

    private static String labeled(String image) {
        return "{\"image\":\"" + image + "\",\"status\":\"LABELED\",\"topics\":[],\"model\":" + MODEL + "}\n";
    }

    private static String failed(String image) {
        return "{\"image\":\"" + image + "\",\"status\":\"FAILED\",\"error\":{\"code\":\"UNSUPPORTED_FORMAT\"}}\n";
    }

    @Test
    void keepsWholeLinesAndDropsAPartialLast(@TempDir Path dir) throws Exception {
        String whole = labeled("ads/a.jpg") + failed("ads/b.txt");
        Path out = Files.writeString(dir.resolve("labels.jsonl"), whole + "{\"image\":\"ads/c.jpg\",\"sta");

        EarlierLines earlier = EarlierLines.read(out);

        assertThat(earlier.wholeBytes()).isEqualTo(whole.getBytes(StandardCharsets.UTF_8).length);
        assertThat(earlier.partialDropped()).isTrue();
        assertThat(earlier.has(Path.of("ads/a.jpg"))).isTrue();
        assertThat(earlier.has(Path.of("ads/./a.jpg"))).isTrue(); // the same file, named another way
        assertThat(earlier.failed(Path.of("ads/a.jpg"))).isFalse();
        assertThat(earlier.has(Path.of("ads/b.txt"))).isTrue();
        assertThat(earlier.failed(Path.of("ads/b.txt"))).isTrue();
        assertThat(earlier.has(Path.of("ads/c.jpg"))).isFalse(); // its line was cut off: labeled again
        earlier.requireSameModels(out, SAME);
    }

    @Test
    void aFileNotYetWrittenIsEmpty(@TempDir Path dir) throws Exception {
        EarlierLines earlier = EarlierLines.read(dir.resolve("labels.jsonl"));

        assertThat(earlier.wholeBytes()).isZero();
        assertThat(earlier.partialDropped()).isFalse();
        assertThat(earlier.has(Path.of("ads/a.jpg"))).isFalse();
        earlier.requireSameModels(dir.resolve("labels.jsonl"), SAME);
    }

    @Test
    void refusesLinesOfOtherModelsOrTaxonomies(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("labels.jsonl"), failed("ads/b.txt") + labeled("ads/a.jpg"));
        EarlierLines earlier = EarlierLines.read(out);

        assertThatThrownBy(() -> earlier.requireSameModels(out, new ModelVersions("h2", "v1", "w1", "iab@2.0,mine@3")))
                .isInstanceOf(EarlierLines.Refused.class).hasMessageContaining("line 2 was labeled with head h1")
                .hasMessageContaining("this run labels with head h2");
        assertThatThrownBy(() -> earlier.requireSameModels(out, new ModelVersions("h1", "v1", "w1", "iab@2.0")))
                .isInstanceOf(EarlierLines.Refused.class).hasMessageContaining("taxonomies iab@2.0,mine@3")
                .hasMessageContaining("taxonomies iab@2.0 (resume with the same");
    }

    @Test
    void refusesAFileThatMixesModels(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("labels.jsonl"),
                labeled("a.jpg") + labeled("b.jpg").replace("\"h1\"", "\"h0\""));

        assertThatThrownBy(() -> EarlierLines.read(out)).isInstanceOf(EarlierLines.Refused.class)
                .hasMessageContaining("lines 1 and 2 were labeled by different models");
    }

    @Test
    void refusesWhatIsNotAnImageLabelLine(@TempDir Path dir) throws Exception {
        for (String bad : new String[]{"not json\n", "[1,2]\n", "{\"id\":\"line 1\",\"status\":\"LABELED\"}\n",
                "{\"image\":\"a.jpg\",\"status\":\"DONE\"}\n"}) {
            Path out = Files.writeString(dir.resolve("labels.jsonl"), labeled("x.jpg") + bad);

            assertThatThrownBy(() -> EarlierLines.read(out)).as(bad).isInstanceOf(EarlierLines.Refused.class)
                    .hasMessageContaining("line 2 is not an image label line");
        }
    }

    @Test
    void aFileWithoutAWholeLineThatIsNotLabelOutputIsRefusedNotEmptied(@TempDir Path dir) throws Exception {
        Path out = Files.writeString(dir.resolve("settings.json"), "{\"a\": 1}");

        assertThatThrownBy(() -> EarlierLines.read(out)).isInstanceOf(EarlierLines.Refused.class)
                .hasMessageContaining("ends in a line that is not an image label line");
    }

    @Test
    void aWriteCutInsideACharacterIsDroppedWithItsLine(@TempDir Path dir) throws Exception {
        byte[] whole = labeled("ads/café.jpg").getBytes(StandardCharsets.UTF_8);
        byte[] cut = "{\"image\":\"ads/caf\u00e9".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = java.util.Arrays.copyOf(whole, whole.length + cut.length - 1); // the é's second byte missing
        System.arraycopy(cut, 0, bytes, whole.length, cut.length - 1);
        Path out = Files.write(dir.resolve("labels.jsonl"), bytes);

        EarlierLines earlier = EarlierLines.read(out);

        assertThat(earlier.wholeBytes()).isEqualTo(whole.length);
        assertThat(earlier.partialDropped()).isTrue();
        assertThat(earlier.has(Path.of("ads/café.jpg"))).isTrue();
    }
}
