package dev.adlens.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.quality.QualityModel;
import dev.adlens.quality.QualityScores;
import dev.adlens.visual.AdultScores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The shipped quality model and the adult output in the labels of a real ad, through the composition root with the
 * default settings: what {@code AdLabels.quality} says is what the model says of that ad's own signals.
 */
@IntegrationTest
class QualityPipelineTest {
    @Test
    void labelsCarryTheQualityAndAdultScoresOfTheAd() throws Exception {
        Path ad = Path.of("samples/healthcare-clearday-allergy.jpg");
        byte[] bytes = Files.readAllBytes(ad);
        try (Adlens adlens = Adlens.open(AdlensSettings.defaults(TestModels.dir(), TestModels.tessdata()))) {
            AdLabels labels = ((LabelOutcome.Labeled) adlens.labeler().label(ad.toString(), bytes)).labels();
            AdFeatures f = adlens.extractor().extract(ad.toString(), bytes);
            QualityScores expected = QualityModel.load(TestModels.dir().resolve("quality/quality.json"))
                    .score(AdLabeler.qualitySignals(f));

            assertThat(labels.quality().measured()).isTrue();
            assertThat(labels.quality().opinions().keySet()).containsExactlyInAnyOrderElementsOf(QualityScores.OPINIONS);
            for (String o : QualityScores.OPINIONS) {
                assertThat(labels.quality().opinions().get(o)).as(o)
                        .isCloseTo(expected.opinions().get(o), Offset.offset(1e-6));
            }
            assertThat(labels.quality().formats().keySet()).containsExactlyInAnyOrderElementsOf(expected.formats().keySet())
                    .isNotEmpty();
            for (String k : expected.formats().keySet()) {
                assertThat(labels.quality().formats().get(k)).as(k).isCloseTo(expected.formats().get(k), Offset.offset(1e-6));
            }
            assertThat(AdLabeler.qualitySignals(f).words()).isGreaterThan(3); // the sample has copy to read
            assertThat(labels.adult().measured()).isTrue();
            for (String c : AdultScores.CLASSES) {
                assertThat(labels.adult().score(c)).isCloseTo(f.visual().adult().score(c), Offset.offset(1e-6));
            }
            System.out.printf("%s: quality %s, adult %s%n", ad, labels.quality().opinions(), labels.adult());
        }
    }
}
