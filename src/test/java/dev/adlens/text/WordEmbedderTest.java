package dev.adlens.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.words.PackedWordVectors;
import dev.adlens.words.VecFileWordVectors;
import dev.adlens.words.WordSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class WordEmbedderTest {
    static PackedWordVectors glove;

    @BeforeAll
    static void open() throws Exception {
        glove = PackedWordVectors.open(TestModels.dir().resolve("words/glove-6b-100d.json"));
    }

    @Test
    void normalisesOcrTokens() {
        assertThat(WordEmbedder.normalise("SALE!")).isEqualTo("sale");
        assertThat(WordEmbedder.normalise("\u201cFresh\u201d")).isEqualTo("fresh");
        assertThat(WordEmbedder.normalise("$49")).isEqualTo("49");
        assertThat(WordEmbedder.normalise("Don\u2019t")).isEqualTo("don't");
        assertThat(WordEmbedder.normalise("ＳＡＬＥ")).isEqualTo("sale"); // full-width, NFKC
        assertThat(WordEmbedder.normalise("--")).isEmpty();
    }

    @Test
    void embedsKnownWordsInOrderAndCountsUnknownOnes() {
        WordEmbedder embedder = new WordEmbedder(glove, 4);
        WordSequence seq = embedder.embed(List.of("SUMMER", "SALE!", "xqzzvtt", "www.nike.com", "--"));
        assertThat(seq.tokens()).containsExactly("summer", "sale", "www", "nike"); // capped at M = 4
        assertThat(seq.oovCount()).isEqualTo(1);
        float[] expected = new float[100];
        glove.copyVector(glove.index("sale").orElseThrow(), expected, 0);
        assertThat(Arrays.copyOfRange(seq.vectors(), 100, 200)).containsExactly(expected);
        assertThat(seq.mask()).containsExactly(1f, 1f, 1f, 1f);
    }

    @Test
    void padsAndMasksShortSequences() {
        WordSequence seq = new WordEmbedder(glove, 3).embed(List.of("car"));
        assertThat(seq.mask()).containsExactly(1f, 0f, 0f);
        assertThat(Arrays.copyOfRange(seq.vectors(), 100, 300)).containsOnly(0f);
        assertThat(new WordEmbedder(glove, 3).embed(List.of()).tokens()).isEmpty();
    }

    @Test
    void aFastTextVecFileCanReplaceGlove(@TempDir Path dir) throws Exception {
        Path vec = dir.resolve("tiny.vec");
        Files.writeString(vec, "3 2\nSale 0.5 -1\nsale 9 9\ncar 1.25 2\n");
        VecFileWordVectors fasttext = VecFileWordVectors.load(vec, 1000);
        assertThat(fasttext.size()).isEqualTo(2); // "sale" keeps the first (most frequent) spelling
        WordSequence seq = new WordEmbedder(fasttext, 2).embed(List.of("SALE", "cars", "car"));
        assertThat(seq.tokens()).containsExactly("sale", "car");
        assertThat(seq.vectors()).containsExactly(0.5f, -1f, 1.25f, 2f);
        assertThat(seq.oovCount()).isEqualTo(1);
    }

    @Test
    void malformedVecFileIsAModelError(@TempDir Path dir) throws Exception {
        Path vec = dir.resolve("bad.vec");
        Files.writeString(vec, "2 3\nsale 1 2\n");
        assertThatThrownBy(() -> VecFileWordVectors.load(vec, 10)).isInstanceOf(AdlensException.class)
                .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.MODEL_INVALID);
    }
}
