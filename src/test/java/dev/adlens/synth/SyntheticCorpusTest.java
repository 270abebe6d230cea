package dev.adlens.synth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.pitt.AdAnnotation;
import dev.adlens.pitt.PittAnnotations;
import dev.adlens.words.PackedWordVectors;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class SyntheticCorpusTest {
    static Map<Integer, List<String>> topicLexicons;
    static Map<Integer, List<String>> sentimentLexicons;

    @BeforeAll
    static void lexicons() throws Exception {
        PackedWordVectors glove = PackedWordVectors.open(TestModels.dir().resolve("words/glove-6b-100d.json"));
        PittTaxonomy t = PittTaxonomy.official();
        topicLexicons = Lexicons.build(t.topics(), glove, 8, 30_000);
        sentimentLexicons = Lexicons.build(t.sentiments(), glove, 8, 30_000);
    }

    @Test
    void lexiconsExpandTheOfficialLabelWordsWithGloveNeighbours() {
        assertThat(topicLexicons).hasSize(38);
        assertThat(topicLexicons.get(9)).contains("cars").hasSizeGreaterThan(8);      // Cars, automobiles ...
        assertThat(topicLexicons.get(1)).contains("restaurants");
        assertThat(topicLexicons.get(1)).anyMatch(w -> List.of("restaurant", "cafes", "eateries", "diner").contains(w));
        assertThat(sentimentLexicons.get(2)).contains("afraid", "scared");
    }

    @Test
    void writesAPittFormatCorpusThatTheLoaderReads(@TempDir Path dir) throws Exception {
        SyntheticCorpus corpus = new SyntheticCorpus(topicLexicons, sentimentLexicons, List.of());
        corpus.write(dir, 12, 5, SyntheticCorpus.pittSlogans());
        Map<String, AdAnnotation> ads = PittAnnotations.load(dir.resolve("Topics.json"), dir.resolve("Sentiments.json"));
        assertThat(ads).hasSize(12);
        for (String key : ads.keySet()) {
            BufferedImage img = ImageIO.read(dir.resolve("images").resolve(key).toFile());
            assertThat(img.getWidth()).isBetween(300, 1200);
            assertThat(ads.get(key).topicAnswers()).isBetween(3, 5); // real annotators of the source image
        }
        assertThat(Files.readString(dir.resolve("truth.json"))).contains("\"lines\"");
    }

    @Test
    void isDeterministicForASeed(@TempDir Path a, @TempDir Path b) throws Exception {
        SyntheticCorpus corpus = new SyntheticCorpus(topicLexicons, sentimentLexicons, List.of());
        corpus.write(a, 4, 9, null);
        corpus.write(b, 4, 9, null);
        assertThat(Files.readString(a.resolve("Topics.json"))).isEqualTo(Files.readString(b.resolve("Topics.json")));
        assertThat(Files.readString(a.resolve("truth.json"))).isEqualTo(Files.readString(b.resolve("truth.json")));
        assertThat(Files.readAllBytes(a.resolve("images/0/synth-0.jpg")))
                .isEqualTo(Files.readAllBytes(b.resolve("images/0/synth-0.jpg")));
    }
}
