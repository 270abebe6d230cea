package dev.adlens.visual;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.LazyOnnxModel;
import dev.adlens.onnx.OnnxModel;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Golden-model test: visual.onnx (through ONNX Runtime Java) against outputs of the ORIGINAL TFJS models computed
 * by models/build/reference/reference.js on the same uint8 pixels (the PNG fixtures); adult-check.onnx against nsfwjs's
 * own InceptionV3 the same way.
 */
@IntegrationTest
class VisualOnnxParityTest {
    /** Tolerances: the fp16/uint8 weights are identical; differences come from float summation order. */
    static final double FEATURE_ABS = 1e-3;
    static final double SCORE_ABS = 1e-3;
    static final double BOX_ABS_PX = 0.5;
    static final double ADULT_ABS = 1e-4;

    static OnnxModel model;
    static LocalOnnxVisualEncoder encoder;
    static JsonNode references;

    @BeforeAll
    static void load() throws Exception {
        model = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
        encoder = new LocalOnnxVisualEncoder(model);
        try (InputStream in = VisualOnnxParityTest.class.getResourceAsStream("/visual-parity/reference.json")) {
            references = new ObjectMapper().readTree(in).get("references");
        }
    }

    @AfterAll
    static void close() throws Exception {
        model.close();
    }

    static RgbImage fixture(String name) throws Exception {
        try (InputStream in = VisualOnnxParityTest.class.getResourceAsStream("/visual-parity/" + name)) {
            return RgbImage.of(ImageIO.read(in));
        }
    }

    @Test
    void contractComesFromTheModel() {
        VisualContract c = encoder.contract();
        assertThat(c.width()).isEqualTo(512);
        assertThat(c.height()).isEqualTo(512);
        assertThat(c.globalDim()).isEqualTo(1792 + 480);
        assertThat(c.objectDim()).isEqualTo(480 + 128 + 80 + 5);
        assertThat(c.topL()).isEqualTo(10);
        assertThat(c.cocoLabels()).hasSize(80).containsEntry(18, "dog").containsEntry(90, "toothbrush");
        assertThat(c.adultClasses()).containsExactly("drawing", "hentai", "neutral", "porn", "sexy");
    }

    @Test
    void adultOutputMatchesNsfwjs() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (JsonNode ref : references) {
            images.add(fixture(ref.get("image").asText()));
        }
        List<VisualFeatures> batch = encoder.encode(images);
        for (int i = 0; i < images.size(); i++) {
            JsonNode ref = references.get(i);
            AdultScores adult = batch.get(i).adult();
            assertThat(adult.measured()).isTrue();
            double worst = 0;
            for (int k = 0; k < AdultScores.CLASSES.size(); k++) {
                String name = AdultScores.CLASSES.get(k);
                // nsfwjs's infer() columns, and classify()'s named probabilities: the same order as ours
                worst = Math.max(worst, Math.abs(adult.score(name) - ref.get("adult").get(k).asDouble()));
                worst = Math.max(worst, Math.abs(adult.score(name) - ref.get("nsfwjsClassify").get(name).asDouble()));
            }
            System.out.printf("parity adult %s: max |onnx - nsfwjs| = %.3g%n", ref.get("image"), worst);
            assertThat(worst).as("adult %s: max |onnx - nsfwjs|", ref.get("image")).isLessThan(ADULT_ABS);
            assertThat(adult.drawing() + adult.hentai() + adult.neutral() + adult.porn() + adult.sexy())
                    .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void adultCheckMatchesNsfwjsInceptionV3() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (JsonNode ref : references) {
            images.add(fixture(ref.get("image").asText()));
        }
        try (LazyOnnxModel model = AdultCheck.model(TestModels.adultCheck(), 2)) {
            List<AdultScores> batch = new AdultCheck(model, encoder.contract()).scores(images);
            for (int i = 0; i < images.size(); i++) {
                JsonNode ref = references.get(i);
                double worst = 0;
                for (int k = 0; k < AdultScores.CLASSES.size(); k++) {
                    worst = Math.max(worst, Math.abs(batch.get(i).score(AdultScores.CLASSES.get(k))
                            - ref.get("adultCheck").get(k).asDouble()));
                }
                System.out.printf("parity adult-check %s: max |onnx - nsfwjs InceptionV3| = %.3g%n", ref.get("image"),
                        worst);
                assertThat(worst).as("adult-check %s", ref.get("image")).isLessThan(ADULT_ABS);
            }
        }
    }

    @Test
    void globalFeatureMatchesTfjs() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (JsonNode ref : references) {
            images.add(fixture(ref.get("image").asText()));
        }
        List<VisualFeatures> batch = encoder.encode(images); // batched: also checks the dynamic batch axis
        for (int i = 0; i < images.size(); i++) {
            JsonNode ref = references.get(i);
            float[] global = batch.get(i).global();
            assertClose(global, 0, ref.get("mobilenetFeature"), "mobilenet " + ref.get("image"));
            assertClose(global, 1792, ref.get("backboneMean"), "backbone " + ref.get("image"));
        }
    }

    @Test
    void detectionsMatchTfjs() throws Exception {
        for (JsonNode ref : references) {
            VisualFeatures f = encoder.encode(List.of(fixture(ref.get("image").asText()))).get(0);
            for (JsonNode d : ref.get("detections")) {
                double score = d.get(4).asDouble();
                if (score < 0.05) {
                    continue; // below this, near-ties may legitimately reorder
                }
                int cocoId = idOf(d.get(5).asInt());
                assertThat(f.detections()).as("%s: TFJS detection %s", ref.get("image"), d).anySatisfy(det -> {
                    assertThat(det.cocoId()).isEqualTo(cocoId);
                    assertThat((double) det.score()).isCloseTo(score, org.assertj.core.data.Offset.offset(SCORE_ABS));
                    assertThat(det.x1() * 512.0).isCloseTo(clip(d.get(0)), org.assertj.core.data.Offset.offset(BOX_ABS_PX));
                    assertThat(det.y1() * 512.0).isCloseTo(clip(d.get(1)), org.assertj.core.data.Offset.offset(BOX_ABS_PX));
                    assertThat(det.x2() * 512.0).isCloseTo(clip(d.get(2)), org.assertj.core.data.Offset.offset(BOX_ABS_PX));
                    assertThat(det.y2() * 512.0).isCloseTo(clip(d.get(3)), org.assertj.core.data.Offset.offset(BOX_ABS_PX));
                });
            }
        }
    }

    @Test
    void dogBicycleSampleFindsTheRightThingsInTheRightPlaces() throws Exception {
        VisualFeatures f = encoder.encode(List.of(fixture("dog.png"))).get(0);
        // darknet's dog.jpg: a dog bottom-left, a bicycle across the middle, a vehicle parked top-right.
        assertThat(f.detections()).anySatisfy(d -> {
            assertThat(d.label()).isEqualTo("dog");
            assertThat(d.score()).isGreaterThan(0.3f);
            assertThat((d.x1() + d.x2()) / 2).isLessThan(0.4f);
            assertThat((d.y1() + d.y2()) / 2).isGreaterThan(0.5f);
        });
        assertThat(f.detections()).anySatisfy(d -> {
            assertThat(d.label()).isEqualTo("bicycle");
            assertThat(d.score()).isGreaterThan(0.3f);
            assertThat(d.area()).isGreaterThan(0.2f);
        });
        assertThat(f.detections()).anySatisfy(d -> {
            assertThat(d.label()).isIn("car", "truck");
            assertThat(d.score()).isGreaterThan(0.3f);
            assertThat(d.x1()).isGreaterThan(0.5f);
            assertThat(d.y2()).isLessThan(0.4f);
        });
        assertThat(f.detections()).noneSatisfy(d -> assertThat(d.label()).isEqualTo("person"));
    }

    @Test
    void objectFeaturesCarryScoresAndGeometryOfTheirDetection() throws Exception {
        VisualFeatures f = encoder.encode(List.of(fixture("person.png"))).get(0);
        int classesAt = 480 + 128;
        for (int i = 0; i < f.detections().size(); i++) {
            Detection d = f.detections().get(i);
            float[] row = f.objects()[i];
            int classIndex = indexOf(d.cocoId());
            assertThat(row[classesAt + classIndex]).isCloseTo(d.score(), org.assertj.core.data.Offset.offset(1e-6f));
            assertThat(row[classesAt + 80]).isEqualTo(d.x1());
            assertThat(row[classesAt + 83]).isEqualTo(d.y2());
            assertThat(row[classesAt + 84]).isCloseTo(d.area(), org.assertj.core.data.Offset.offset(1e-6f));
        }
        // Region features differ between distinct objects (RoiAlign really pools per box).
        assertThat(f.objects()[0]).isNotEqualTo(f.objects()[1]);
    }

    private static double clip(JsonNode v) {
        return Math.max(0, Math.min(512, v.asDouble()));
    }

    private int idOf(int classIndex) {
        return encoder.contract().cocoLabels().keySet().stream().sorted().skip(classIndex).findFirst().orElseThrow();
    }

    private int indexOf(int cocoId) {
        return (int) encoder.contract().cocoLabels().keySet().stream().sorted().takeWhile(id -> id < cocoId).count();
    }

    private static void assertClose(float[] actual, int offset, JsonNode expected, String what) {
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.get(i).asDouble();
            worst = Math.max(worst, Math.abs(actual[offset + i] - e));
        }
        System.out.printf("parity %s: max |onnx - tfjs| = %.3g over %d values%n", what, worst, expected.size());
        assertThat(worst).as(what + ": max |onnx - tfjs|").isLessThan(FEATURE_ABS);
    }
}
