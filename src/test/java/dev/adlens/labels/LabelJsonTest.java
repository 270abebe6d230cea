package dev.adlens.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adlens.error.ErrorCode;
import dev.adlens.ocr.OcrResult;
import dev.adlens.ocr.OcrWord;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.StageTimings;
import dev.adlens.visual.Detection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DESIGN output contract, field by field. */
@dev.adlens.UnitTest
class LabelJsonTest {
    @Test
    void labeledOutcomeFollowsTheContract() {
        TaskAttention att = new TaskAttention(0.2f, 0.3f, 0.5f, List.of(1f), List.of(new TaskAttention.WordWeight("sale", 1f)));
        AdLabels labels = new AdLabels("ads/x.jpg",
                List.of(new ScoredLabel(19, "clothing", "Clothing and accessories", 0.83f, true)),
                List.of(new ScoredLabel(12, "creative", "Creative", 0.61f, true)),
                List.of(new Detection(1, "person", 0.71f, 0.1f, 0.2f, 0.5f, 0.9f)),
                new OcrResult(List.of(new OcrWord("SALE", 93.14f, 10, 20, 30, 40)), List.of("luminance")),
                att, att, new ModelVersions("head-1", "visual-1", "glove-6b-100d"), new StageTimings(1, 2, 3, 4, 5, 9));
        JsonNode j = LabelJson.toJson(new LabelOutcome.Labeled(labels));
        assertThat(j.get("image").asText()).isEqualTo("ads/x.jpg");
        assertThat(j.get("status").asText()).isEqualTo("LABELED");
        assertThat(j.at("/topics/0/id").asInt()).isEqualTo(19);
        assertThat(j.at("/topics/0/key").asText()).isEqualTo("clothing");
        assertThat(j.at("/topics/0/score").asDouble()).isEqualTo(0.83, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(j.at("/topics/0/selected").asBoolean()).isTrue();
        assertThat(j.at("/sentiments/0/key").asText()).isEqualTo("creative");
        assertThat(j.at("/objects/0/label").asText()).isEqualTo("person");
        assertThat(j.at("/objects/0/box")).hasSize(4);
        assertThat(j.at("/ocr/text").asText()).isEqualTo("SALE");
        assertThat(j.at("/ocr/words/0/confidence").asDouble()).isEqualTo(93.1);
        assertThat(j.at("/ocr/words/0/box/3").asInt()).isEqualTo(40);
        assertThat(j.at("/attention/topic/text").asDouble()).isEqualTo(0.5);
        assertThat(j.at("/attention/sentiment/image").asDouble()).isEqualTo(0.2);
        assertThat(j.at("/model/visual").asText()).isEqualTo("visual-1");
        assertThat(j.at("/timingsMs/total").asLong()).isEqualTo(9);
        assertThat(j.has("error")).isFalse();
    }

    @Test
    void failedOutcomeCarriesOnlyItsCodeAndMessage() {
        JsonNode j = LabelJson.toJson(new LabelOutcome.Failed("big.png", ErrorCode.IMAGE_TOO_LARGE, "too big"));
        assertThat(j.get("status").asText()).isEqualTo("FAILED");
        assertThat(j.at("/error/code").asText()).isEqualTo("IMAGE_TOO_LARGE");
        assertThat(j.at("/error/message").asText()).isEqualTo("too big");
        assertThat(j.has("topics")).isFalse();
    }

    @Test
    void theSecondOpinionsScoresAreWrittenOnlyWhereItWasAsked() {
        dev.adlens.visual.AdultScores first = new dev.adlens.visual.AdultScores(0.17, 0.02, 0.13, 0.678, 0.0006, true);
        JsonNode alone = LabelJson.scores(first, dev.adlens.quality.QualityScores.UNMEASURED);
        assertThat(alone.path("adult").path("porn").asDouble()).isEqualTo(0.678);
        assertThat(alone.has("adultSecondOpinion")).isFalse();
        JsonNode both = LabelJson.scores(first.withSecondOpinion(
                new dev.adlens.visual.AdultScores(0.0013, 0.0154, 0.6133, 0.3678, 0.0021, true)),
                dev.adlens.quality.QualityScores.UNMEASURED);
        assertThat(both.path("adult").path("porn").asDouble()).as("the first model's, as it said").isEqualTo(0.678);
        assertThat(both.path("adultSecondOpinion").path("porn").asDouble()).isEqualTo(0.3678);
        assertThat(both.path("adultSecondOpinion").size()).isEqualTo(5);
    }
}
