package dev.adlens.text;

import static dev.adlens.TestVectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.words.WordSequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * text.onnx through adlens's tokeniser, encoder and pooling against reference vectors computed by an independent
 * implementation (langchain4j's own embedding model over the same jar: models/build/reference/text_reference.sh),
 * and the word pooling against the raw token states.
 */
@IntegrationTest
class TextEncoderParityTest {
    static LocalTextModel model;
    static JsonNode reference;

    @BeforeAll
    static void open() throws Exception {
        model = LocalTextModel.open(TestModels.dir(), 1, 40);
        reference = new ObjectMapper().readTree(Path.of("src/test/resources/text-parity/reference.json").toFile());
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    @Test
    void sentenceVectorsMatchTheIndependentReference() throws Exception {
        ContextualEmbedder embedder = model.embedder(null);
        double worst = 0;
        for (int i = 0; i < reference.path("texts").size(); i++) {
            String text = reference.path("texts").get(i).asText();
            WordSequence seq = embedder.embed(Arrays.asList(text.split("\\s+")));
            JsonNode ref = reference.path("vectors").get(i);
            assertThat(seq.sentence()).hasSize(ref.size());
            double maxDiff = 0;
            double cosine = 0;
            for (int k = 0; k < ref.size(); k++) {
                maxDiff = Math.max(maxDiff, Math.abs(seq.sentence()[k] - ref.get(k).floatValue()));
                cosine += seq.sentence()[k] * ref.get(k).doubleValue();
            }
            // Measured: 2 of 5 texts agree to 1e-7, the others within 0.0075 (int8 activations: a value that lands on
            // the other side of a quantization step moves the whole vector a little; ORT's fusions do the same).
            assertThat(maxDiff).as("max |diff| for '%s'", text).isLessThan(0.015);
            assertThat(cosine).as("cosine for '%s'", text).isGreaterThan(0.998);
            worst = Math.max(worst, maxDiff);
        }
        System.out.printf("text parity: max |adlens - langchain4j| = %.3g%n", worst);
    }

    @Test
    void eachWordIsTheMeanOfItsSubwordStates() throws Exception {
        List<String> words = List.of("STREAMING!", "www.peacock.com", "NOW");
        TokenizedText t = model.tokenizer().tokenize(words);
        assertThat(t.words()).containsExactlyElementsOf(words);
        int dim = model.encoder().contract().dim();
        float[] states = model.encoder().encode(List.of(t)).get(0);
        WordSequence seq = model.embedder(null).embed(words);
        for (int w = 0; w < words.size(); w++) {
            float[] mean = new float[dim];
            int n = 0;
            for (int tok = 0; tok < t.length(); tok++) {
                if (t.wordOfToken()[tok] == w) {
                    n++;
                    for (int k = 0; k < dim; k++) {
                        mean[k] += states[tok * dim + k];
                    }
                }
            }
            assertThat(n).as("tokens of %s", words.get(w)).isGreaterThan(w == 1 ? 3 : 0);
            for (int k = 0; k < dim; k++) {
                assertThat(seq.vectors()[w * dim + k]).isCloseTo(mean[k] / n, Offset.offset(1e-5f));
            }
        }
        // padding rows stay zero and masked
        assertThat(seq.mask()[3]).isZero();
        assertThat(seq.vectors()[3 * dim]).isZero();
    }

    @Test
    void aTextReadsTheSameAloneAndBesideOthers() throws Exception {
        TokenizedText a = model.tokenizer().tokenize(List.of("Hot", "n", "fresh", "pizza"));
        TokenizedText b = model.tokenizer().tokenize(List.of("Amazon", "Music", "Unlimited.", "Start", "your",
                "30-day", "free", "trial", "today."));
        List<float[]> both = model.encoder().encode(List.of(b, a));
        assertThat(both.get(1)).containsExactly(model.encoder().encode(List.of(a)).get(0));
        assertThat(both.get(0)).containsExactly(model.encoder().encode(List.of(b)).get(0));
        // a padded batch would not: int8 activations take one scale per tensor (why encode never batches)
        float[] padded = model.encoder().run(TextBatch.of(List.of(b, a)));
        float[] alone = model.encoder().run(TextBatch.of(List.of(a)));
        double diff = 0;
        for (int k = 0; k < alone.length; k++) {
            diff = Math.max(diff, Math.abs(alone[k] - padded[b.length() * 384 + k]));
        }
        assertThat(diff).isGreaterThan(1e-3);
    }

    @Test
    void batchedEncodingIsTheSameRunOneOrSeveralBatchesAtOnce() throws Exception {
        // 300 texts of 1..24 words and 3 empty ones: five padded batches of BATCH, in the order given back
        List<TokenizedText> texts = new ArrayList<>();
        Random random = new Random(42); // texts of equal length differ in their words
        for (int i = 0; i < 303; i++) {
            List<String> words = new ArrayList<>();
            for (int w = 0; w < (i % 101 == 100 ? 0 : 1 + random.nextInt(24)); w++) {
                words.add(List.of("free", "trial", "vote", "pizza", "insurance", "today", "Windows", "sale").get(
                        random.nextInt(8)));
            }
            texts.add(model.tokenizer().tokenize(words));
        }
        List<float[]> one;
        List<float[]> three;
        try (OnnxModel graph = OnnxModel.open(TestModels.dir().resolve("text/text.onnx"),
                OnnxModel.Options.threads(1))) {
            one = new LocalOnnxTextEncoder(graph, 1).encodeBatched(texts);
            three = new LocalOnnxTextEncoder(graph, 3).encodeBatched(texts);
        }
        assertThat(one).hasSize(303);
        for (int i = 0; i < texts.size(); i++) {
            assertThat(one.get(i)).hasSize(texts.get(i).length() * 384).containsExactly(three.get(i));
        }
        assertThat(one.get(100)).isEmpty();
        // in input order: each text's states are nearer its own run alone than any other text of its length
        for (int i = 0; i < texts.size(); i++) {
            float[] alone = model.encoder().encode(List.of(texts.get(i))).get(0);
            double own = cosine(one.get(i), alone);
            for (int j = 0; j < texts.size(); j++) {
                if (j != i && one.get(j).length == alone.length && !texts.get(j).words().equals(texts.get(i).words())) {
                    assertThat(own).as("text %d vs %d", i, j).isGreaterThan(cosine(one.get(j), alone));
                }
            }
        }
    }

    @Test
    void aBatchThatFailsInOneRunFailsTheWholeCallWithATypedError() throws Exception {
        List<TokenizedText> texts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            texts.add(model.tokenizer().tokenize(List.of("free", "trial", "today")));
        }
        // an id past the vocabulary: ORT's Gather refuses it, in whichever of the two runs gets that batch
        texts.set(150, new TokenizedText(new long[]{101, 999_999, 102}, new int[]{-1, 0, -1}, List.of("x"), 0));
        try (OnnxModel graph = OnnxModel.open(TestModels.dir().resolve("text/text.onnx"),
                OnnxModel.Options.threads(1))) {
            Assertions.assertThatThrownBy(
                    () -> new LocalOnnxTextEncoder(graph, 2).encodeBatched(texts))
                    .isInstanceOf(AdlensException.class)
                    .satisfies(e -> assertThat(((AdlensException) e).code())
                            .isEqualTo(ErrorCode.ENCODER_FAILED));
            // the session is still usable afterwards
            assertThat(new LocalOnnxTextEncoder(graph, 2).encodeBatched(texts.subList(0, 100))).hasSize(100)
                    .allSatisfy(v -> assertThat(v).hasSize(5 * 384));
        }
    }


    @Test
    void contextChangesAWordsVector() throws Exception {
        ContextualEmbedder e = model.embedder(null);
        float[] river = Arrays.copyOfRange(e.embed(List.of("river", "bank")).vectors(), 384, 768);
        float[] money = Arrays.copyOfRange(e.embed(List.of("savings", "bank")).vectors(), 384, 768);
        double diff = 0;
        for (int k = 0; k < 384; k++) {
            diff += Math.abs(river[k] - money[k]);
        }
        assertThat(diff).as("'bank' is read in context").isGreaterThan(1.0);
    }
}
