package dev.adlens.words;

import static dev.adlens.TestVectors.cosine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@IntegrationTest
class PackedWordVectorsTest {
    static PackedWordVectors vectors;

    @BeforeAll
    static void open() throws Exception {
        vectors = PackedWordVectors.open(TestModels.dir().resolve("words/glove-6b-100d.json"));
    }

    @Test
    void shapeMatchesTheDescriptor() {
        assertThat(vectors.dim()).isEqualTo(100);
        assertThat(vectors.size()).isEqualTo(100_000);
        assertThat(vectors.index("the")).hasValue(0); // frequency order kept: the commonest word is row 0
        assertThat(vectors.index(",")).isEmpty();      // bare punctuation is not packed
        assertThat(vectors.index("Sale")).isEmpty();   // the vocabulary is lowercase; callers normalise
    }

    @Test
    void vectorsEqualTheSourceWithinFp16Rounding() throws Exception {
        JsonNode ref;
        try (InputStream in = getClass().getResourceAsStream("/words/glove-reference.json")) {
            ref = new ObjectMapper().readTree(in).get("vectors");
        }
        float[] row = new float[100];
        for (Iterator<Map.Entry<String, JsonNode>> it = ref.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            vectors.copyVector(vectors.index(e.getKey()).orElseThrow(), row, 0);
            for (int i = 0; i < 100; i++) {
                double expected = e.getValue().get(i).asDouble();
                // fp16 keeps 11 significant bits: relative error <= 2^-11 (plus subnormal floor)
                assertThat((double) row[i]).as("%s[%d]", e.getKey(), i)
                        .isCloseTo(expected, within(Math.abs(expected) / 2048 + 1e-7));
            }
        }
    }

    @Test
    void analogiesSurviveThePacking() {
        // king - man + woman: queen should be the nearest word other than the three inputs.
        float[] q = new float[100];
        float[] tmp = new float[100];
        String[] terms = {"king", "man", "woman"};
        int[] signs = {1, -1, 1};
        for (int t = 0; t < 3; t++) {
            vectors.copyVector(vectors.index(terms[t]).orElseThrow(), tmp, 0);
            for (int i = 0; i < 100; i++) {
                q[i] += signs[t] * tmp[i];
            }
        }
        String best = null;
        double bestCos = -2;
        for (int row = 0; row < vectors.size(); row++) { // every packed word competes
            String w = vectors.word(row);
            if (w.equals("king") || w.equals("man") || w.equals("woman")) {
                continue;
            }
            vectors.copyVector(row, tmp, 0);
            double cos = cosine(q, tmp);
            if (cos > bestCos) {
                bestCos = cos;
                best = w;
            }
        }
        assertThat(best).isEqualTo("queen");
    }

    @Test
    void halfFloatDecodingIsExactForSpecialValues() {
        assertThat(Half.toFloat((short) 0x3c00)).isEqualTo(1.0f);
        assertThat(Half.toFloat((short) 0xc000)).isEqualTo(-2.0f);
        assertThat(Half.toFloat((short) 0x7bff)).isEqualTo(65504.0f);
        assertThat(Half.toFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(Half.toFloat((short) 0x8000)).isEqualTo(-0.0f);
        assertThat(Half.toFloat((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Half.toFloat((short) 0x7e00)).isNaN();
    }
}
