package dev.adlens.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.TestModels;
import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.visual.AdultScores;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped quality model scores as models/train/quality.py does (its fixed synthetic inputs and their scores,
 * src/test/resources/quality/parity.json), and a malformed model file is refused whole with a clear error.
 */
@UnitTest
class QualityModelTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Path SHIPPED = TestModels.dir().resolve("quality/quality.json");

    @TempDir
    Path tmp;

    @Test
    void scoresAsThePythonSideDoes() throws Exception {
        QualityModel model = QualityModel.load(SHIPPED);
        JsonNode parity;
        try (InputStream in = getClass().getResourceAsStream("/quality/parity.json")) {
            parity = JSON.readTree(in);
        }
        assertThat(parity.get("model").asText()).isEqualTo(model.version());
        int checked = 0;
        for (JsonNode c : parity.get("cases")) {
            float[] sentence = new float[c.get("sentence").size()];
            for (int i = 0; i < sentence.length; i++) {
                sentence[i] = (float) c.get("sentence").get(i).asDouble();
            }
            AdultScores adult = AdultScores.UNMEASURED;
            if (!c.get("adult").isNull()) {
                float[] a = new float[5];
                for (int i = 0; i < 5; i++) {
                    a[i] = (float) c.get("adult").get(i).asDouble();
                }
                adult = AdultScores.of(a);
            }
            float[] global = null;
            if (!c.get("global").isNull()) {
                global = new float[c.get("global").size()];
                for (int i = 0; i < global.length; i++) {
                    global[i] = (float) c.get("global").get(i).asDouble();
                }
            }
            QualityScores s = model.score(new QualitySignals(sentence, c.get("words").asInt(), adult, global));
            assertThat(s.measured()).isTrue();
            assertThat(s.opinions().keySet()).containsExactlyInAnyOrderElementsOf(QualityScores.OPINIONS);
            for (String o : QualityScores.OPINIONS) {
                assertThat(s.opinions().get(o)).as("case %d %s", checked, o)
                        .isCloseTo(c.get("scores").get(o).asDouble(), Offset.offset(1e-5));
            }
            // an ad without a picture (a text ad) gets no format; one with a picture every format the model has
            assertThat(s.formats().keySet()).as("case %d", checked)
                    .containsExactlyInAnyOrderElementsOf(global == null ? java.util.Set.of() : model.formats());
            c.get("formats").fields().forEachRemaining(f -> assertThat(s.formats().get(f.getKey())).as(f.getKey())
                    .isCloseTo(f.getValue().asDouble(), Offset.offset(1e-5)));
            checked++;
        }
        assertThat(checked).isEqualTo(6);
        assertThat(model.formats()).containsExactly("advertorial", "googleResponsive", "image", "native");
    }

    @Test
    void withoutASentenceVectorNothingIsMeasured() throws Exception {
        QualityModel model = QualityModel.load(SHIPPED);
        assertThat(model.score(new QualitySignals(null, 12, AdultScores.UNMEASURED, null)))
                .isEqualTo(QualityScores.UNMEASURED);
        assertThat(model.score(new QualitySignals(new float[7], 12, AdultScores.UNMEASURED, null)))
                .isEqualTo(QualityScores.UNMEASURED);
    }

    @Test
    void malformedModelsAreRefusedWithTheReason() throws Exception {
        refused(m -> m.put("format", "adlens-quality-1"), "format is not adlens-quality-2");
        refused(m -> m.remove("version"), "no version");
        refused(m -> ((ObjectNode) m.get("features")).put("sentence", 0), "features must be");
        refused(m -> ((ObjectNode) m.get("features")).remove("global"), "features must be");
        refused(m -> m.remove("formats"), "formats must be an object");
        refused(m -> ((ObjectNode) m.get("formats")).set("Native Ad", m.get("formats").get("native")),
                "format 'Native Ad' is not one of");
        refused(m -> ((ArrayNode) m.get("formats").get("native").get("weights")).remove(0),
                "formats.native.weights must be an array of");
        refused(m -> ((ArrayNode) m.get("mean")).remove(0), "mean must be an array of");
        refused(m -> ((ArrayNode) m.get("scale")).set(3, JSON.getNodeFactory().numberNode(0)), "scale must be positive");
        refused(m -> ((ObjectNode) m.get("opinions")).remove("deceptive"), "no opinion deceptive");
        refused(m -> ((ObjectNode) m.get("opinions")).set("boring", m.get("opinions").get("clickbait")),
                "opinions must be exactly");
        refused(m -> ((ObjectNode) m.get("opinions").get("clickbait")).put("bias", "high"), "clickbait.bias must be");
        refused(m -> ((ObjectNode) m.get("opinions").get("distasteful").get("platt")).remove("a"),
                "distasteful.platt.a must be");
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"format\": ");
        assertThatThrownBy(() -> QualityModel.load(broken)).isInstanceOfSatisfying(AdlensException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID)).hasMessageContaining("cannot be read");
    }

    private void refused(Consumer<ObjectNode> breakIt, String message) throws Exception {
        ObjectNode m = (ObjectNode) JSON.readTree(SHIPPED.toFile());
        breakIt.accept(m);
        Path file = tmp.resolve("quality.json");
        Files.writeString(file, JSON.writeValueAsString(m));
        assertThatThrownBy(() -> QualityModel.load(file)).isInstanceOfSatisfying(AdlensException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID)).hasMessageContaining(message);
    }
}
