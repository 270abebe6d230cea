package dev.adlens.visual;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.LazyOnnxModel;
import dev.adlens.onnx.OnnxModel;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The cascade around a first encoder (a stand-in that answers fixed adult scores, so the test says which images
 * "fire") and the real {@code adult-check.onnx}: only the images whose first scores fire are asked, the model is not
 * even opened when none does, and an image's second opinion does not depend on the batch it came in.
 */
@IntegrationTest
class SecondOpinionVisualEncoderTest {
    static final AdultScores CLEAN = new AdultScores(0.2, 0.0, 0.8, 0.0, 0.0, true);
    static final AdultScores FIRES = new AdultScores(0.1, 0.0, 0.2, 0.7, 0.0, true);

    @Test
    void asksOnlyWhereTheFirstScoresFireAndOpensTheModelOnlyThen() throws Exception {
        List<RgbImage> images = List.of(VisualOnnxParityTest.fixture("dog.png"),
                VisualOnnxParityTest.fixture("person.png"), VisualOnnxParityTest.fixture("kite.png"));
        try (OnnxModel visualModel = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
             LazyOnnxModel model = AdultCheck.model(TestModels.adultCheck(), 2)) {
            VisualContract contract = new LocalOnnxVisualEncoder(visualModel).contract();
            AdultCheck check = new AdultCheck(model, contract);

            List<VisualFeatures> clean = new SecondOpinionVisualEncoder(
                    answering(contract, List.of(CLEAN, CLEAN, AdultScores.UNMEASURED)), check, a -> a.porn() >= 0.5)
                    .encode(images);
            assertThat(clean).extracting(f -> f.adult().second().isPresent()).containsExactly(false, false, false);
            assertThat(model.opened()).as("nothing fired: the model stays closed").isFalse();
            // an unmeasured first opinion is never asked about, even by a predicate that says yes to everything
            List<VisualFeatures> unmeasured = new SecondOpinionVisualEncoder(
                    answering(contract, List.of(AdultScores.UNMEASURED)), check, a -> true).encode(images.subList(0, 1));
            assertThat(unmeasured.get(0).adult().second()).isEmpty();
            assertThat(model.opened()).isFalse();

            List<VisualFeatures> mixed = new SecondOpinionVisualEncoder(
                    answering(contract, List.of(FIRES, CLEAN, FIRES)), check, a -> a.porn() >= 0.5).encode(images);
            assertThat(model.opened()).isTrue();
            assertThat(mixed).extracting(f -> f.adult().second().isPresent()).containsExactly(true, false, true);
            for (int i : new int[] {0, 2}) { // each asked image gets its own answer, not its neighbour's
                AdultScores second = mixed.get(i).adult().second().orElseThrow();
                AdultScores alone = check.scores(List.of(images.get(i))).get(0);
                for (String c : AdultScores.CLASSES) {
                    assertThat(second.score(c)).as("image %d %s", i, c).isCloseTo(alone.score(c), Offset.offset(1e-5));
                }
                assertThat(mixed.get(i).adult().porn()).isEqualTo(0.7); // the first opinion is kept as it was
                // photos of a dog and kites are not pornographic to InceptionV3 either
                assertThat(second.porn() + second.hentai()).isLessThan(0.2);
                assertThat(mixed.get(i).adult().agreed("porn")).isEqualTo(Math.min(0.7, second.porn()));
            }
            // the dog photo and the kite photo answer differently enough that a swap would show
            assertThat(Math.abs(mixed.get(0).adult().second().get().sexy() - mixed.get(2).adult().second().get().sexy()))
                    .isGreaterThan(0.01);
        }
    }

    @Test
    void whereTheSecondModelCannotAnswerTheFirstScoresStand() throws Exception {
        List<RgbImage> images = List.of(VisualOnnxParityTest.fixture("dog.png"));
        try (OnnxModel visualModel = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
             // the text model: a real ONNX file, but not one that takes an image or gives adult classes
             LazyOnnxModel wrong = new LazyOnnxModel(TestModels.dir().resolve("text/text.onnx"),
                     OnnxModel.Options.threads(1))) {
            VisualContract contract = new LocalOnnxVisualEncoder(visualModel).contract();
            AdultCheck check = new AdultCheck(wrong, contract);
            assertThatThrownBy(() -> check.scores(images)).isInstanceOfSatisfying(AdlensException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID));
            List<VisualFeatures> out = new SecondOpinionVisualEncoder(answering(contract, List.of(FIRES)), check,
                    a -> true).encode(images);
            assertThat(out.get(0).adult()).isEqualTo(FIRES); // not lost, not changed: the flag stands
        }
    }

    /** A first encoder that answers {@code adult[i]} for image i (and empty features otherwise). */
    private static VisualEncoder answering(VisualContract contract, List<AdultScores> adult) {
        return new VisualEncoder() {
            @Override
            public VisualContract contract() {
                return contract;
            }

            @Override
            public List<VisualFeatures> encode(List<RgbImage> images) {
                List<VisualFeatures> out = new ArrayList<>();
                for (int i = 0; i < images.size(); i++) {
                    out.add(new VisualFeatures(new float[contract.globalDim()], new float[0][], List.of(), adult.get(i)));
                }
                return out;
            }
        };
    }
}
