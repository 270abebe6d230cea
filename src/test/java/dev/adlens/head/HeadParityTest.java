package dev.adlens.head;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.onnx.OnnxModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * head.onnx through ONNX Runtime Java against PyTorch's outputs on the same stored inputs (written by
 * models/train/train.py --parity-out next to the export). Runs without PyTorch.
 */
@IntegrationTest
class HeadParityTest {
    static final double TOLERANCE = 1e-4;
    static OnnxModel model;
    static OnnxHead head;
    static JsonNode parity;

    @BeforeAll
    static void load() throws Exception {
        Path dir = TestModels.headDir();
        HeadSpec spec = HeadSpec.read(dir.resolve("head.json"));
        model = OnnxModel.open(dir.resolve("head.onnx"), OnnxModel.Options.threads(1));
        head = new OnnxHead(model, spec);
        Path fixture = Path.of(System.getProperty("test.head.parity",
                "src/test/resources/head-parity/parity.json"));
        parity = new ObjectMapper().readTree(Files.readString(fixture));
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    static List<HeadInput> inputs() {
        JsonNode in = parity.get("inputs");
        List<HeadInput> batch = new ArrayList<>();
        for (int i = 0; i < in.get("global").size(); i++) {
            batch.add(new HeadInput(flat(in.get("global").get(i)), flat(in.get("objects").get(i)),
                    flat(in.get("object_mask").get(i)), flat(in.get("words").get(i)), flat(in.get("word_mask").get(i)),
                    in.has("sentence") ? flat(in.get("sentence").get(i)) : new float[0]));
        }
        return batch;
    }

    @Test
    void onnxRuntimeJavaMatchesPyTorch() throws Exception {
        List<HeadInput> batch = inputs();
        List<HeadOutput> out = head.run(batch);
        JsonNode expected = parity.get("outputs");
        double worst = 0;
        for (int i = 0; i < batch.size(); i++) {
            HeadOutput o = out.get(i);
            worst = Math.max(worst, diff(o.topicProbs(), expected.get("topic_probs").get(i)));
            worst = Math.max(worst, diff(o.sentimentProbs(), expected.get("sentiment_probs").get(i)));
            worst = Math.max(worst, diff(o.topicModality(), expected.get("topic_modality").get(i)));
            worst = Math.max(worst, diff(o.sentimentModality(), expected.get("sentiment_modality").get(i)));
            worst = Math.max(worst, diff(o.topicObjectAttention(), expected.get("topic_object_attention").get(i)));
            worst = Math.max(worst, diff(o.topicWordAttention(), expected.get("topic_word_attention").get(i)));
            worst = Math.max(worst, diff(o.sentimentWordAttention(), expected.get("sentiment_word_attention").get(i)));
        }
        System.out.printf("head parity: max |ORT Java - PyTorch| = %.3g over %d images%n", worst, batch.size());
        assertThat(worst).isLessThan(TOLERANCE);
    }

    @Test
    void batchSizeDoesNotChangeResults() throws Exception {
        List<HeadInput> batch = inputs();
        List<HeadOutput> together = head.run(batch);
        for (int i = 0; i < batch.size(); i++) {
            HeadOutput alone = head.run(List.of(batch.get(i))).get(0);
            assertThat(alone.topicProbs()).containsExactly(together.get(i).topicProbs(),
                    Offset.offset(1e-5f));
        }
    }

    @Test
    void emptyModalitiesGetZeroAttentionAndProbabilitiesStayValid() throws Exception {
        HeadInput first = inputs().get(0);
        HeadInput noText = new HeadInput(first.global(), first.objects(), new float[first.objectMask().length],
                first.words(), new float[first.wordMask().length], new float[first.sentence().length]);
        HeadOutput o = head.run(List.of(noText)).get(0);
        assertThat(o.topicModality()[1]).isZero();   // no objects
        assertThat(o.topicModality()[2]).isZero();   // no words
        assertThat(o.topicModality()[0]).isCloseTo(1f, Offset.offset(1e-5f));
        assertThat(o.topicWordAttention()).containsOnly(0f);
        for (float p : o.topicProbs()) {
            assertThat(p).isBetween(0f, 1f);
        }
    }

    @Test
    void descriptorAgreesWithTheGraph() {
        HeadSpec spec = head.spec();
        assertThat(spec.topicIds()).hasSize(38);
        assertThat(spec.sentimentIds()).hasSize(30);
        for (float t : spec.topicThresholds()) {
            assertThat(t).isBetween(0.05f, 0.95f);
        }
        assertThat(parity.get("inputs").get("global").get(0).size()).isEqualTo(spec.globalDim());
        if (spec.sentenceDim() > 0) {
            assertThat(parity.get("inputs").get("sentence").get(0).size()).isEqualTo(spec.sentenceDim());
        }
    }

    @Test
    void anAllZeroGlobalFeatureMeansNoImage() throws Exception {
        HeadInput first = inputs().get(0);
        HeadInput textAd = new HeadInput(new float[first.global().length], new float[first.objects().length],
                new float[first.objectMask().length], first.words(), first.wordMask(), first.sentence());
        HeadOutput o = head.run(List.of(textAd)).get(0);
        assertThat(o.topicModality()[0]).isZero();   // the text ad has no image
        assertThat(o.topicModality()[1]).isZero();
        assertThat(o.topicModality()[2]).isCloseTo(1f, Offset.offset(1e-5f));
    }

    private static float[] flat(JsonNode node) {
        List<Float> values = new ArrayList<>();
        collect(node, values);
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonNode node, List<Float> into) {
        if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        } else {
            into.add((float) node.asDouble());
        }
    }

    private static double diff(float[] actual, JsonNode expected) {
        float[] e = flat(expected);
        assertThat(actual).hasSameSizeAs(e);
        double worst = 0;
        for (int i = 0; i < e.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - e[i]));
        }
        return worst;
    }
}
