package dev.adlens.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IntegrationTest
class AdTokenizerTest {
    static LocalTextModel model;

    @BeforeAll
    static void open() throws Exception {
        model = LocalTextModel.open(TestModels.dir(), 1, 5);
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    @Test
    void mapsSubwordTokensBackToOcrWords() {
        TokenizedText t = model.tokenizer().tokenize(List.of("SALE!", "--", "www.brand.com"));
        assertThat(t.words()).containsExactly("SALE!", "www.brand.com"); // "--" has no letter or digit
        assertThat(t.wordOfToken()[0]).isEqualTo(-1);                    // [CLS]
        assertThat(t.wordOfToken()[t.length() - 1]).isEqualTo(-1);       // [SEP]
        assertThat(model.tokenizer().tokens(List.of("SALE!"))).containsExactly("[CLS]", "sale", "!", "[SEP]");
        long second = Arrays.stream(t.wordOfToken()).filter(w -> w == 1).count();
        assertThat(second).isEqualTo(5); // www . brand . com
    }

    @Test
    void capsWordsAndTokens() {
        assertThat(model.tokenizer().tokenize(List.of("a", "b", "c", "d", "e", "f", "g")).words())
                .containsExactly("a", "b", "c", "d", "e");
        assertThat(model.tokenizer().tokenize(List.of("a", "b", "c", "d", "e", "f", "g")).droppedWords()).isEqualTo(2);
        // one huge word is truncated at the contract's token limit
        TokenizedText longWord = model.tokenizer().tokenize(List.of(String.join("-", Collections.nCopies(300, "x"))));
        assertThat(longWord.length()).isEqualTo(model.encoder().contract().maxTokens());
        assertThat(longWord.words()).hasSize(1);
    }

    @Test
    void truncationDropsTheWordsItCut() throws Exception {
        try (LocalTextModel wide = LocalTextModel.open(TestModels.dir(), 1, 40)) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                words.add("a-b-c-d"); // 7 tokens each: 40 words need 280 tokens
            }
            TokenizedText t = wide.tokenizer().tokenize(words);
            assertThat(t.length()).isEqualTo(128);
            assertThat(t.words().size()).isBetween(17, 19);
            assertThat(t.words().size() + t.droppedWords()).isEqualTo(40);
            assertThat(wide.embedder(null).embed(words).tokens()).hasSize(t.words().size());
        }
    }

    @Test
    void emptyTextHasNoTokensAndAZeroSentence() throws Exception {
        assertThat(model.tokenizer().tokenize(List.of("", "..", "  ")).length()).isZero();
        var seq = model.embedder(null).embed(List.of());
        assertThat(seq.tokens()).isEmpty();
        assertThat(seq.sentence()).hasSize(384).containsOnly(0f);
    }
}
