package dev.adlens.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.safety.Safety;
import dev.adlens.visual.AdultCheck;
import dev.adlens.visual.AdultScores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second opinion as the composition root wires it, on a sample ad and a policy whose adult rule fires on any
 * measured image (so the cascade is asked without an adult image): the record carries both models' scores and the
 * flag reads the lower; a models directory without {@code adult-check.onnx} (a layer from before it) still labels, on
 * the first model alone.
 */
@IntegrationTest
class AdultSecondOpinionWiringTest {
    static final Path SAMPLE = Path.of("samples/healthcare-clearday-allergy.jpg");

    @TempDir
    Path tmp;

    @Test
    void theRuleReadsBothModelsAndAnOlderModelsDirectoryLabelsOnTheFirstAlone() throws Exception {
        // a rule on every class, each firing on any measured image: one flag per class, each reading the lower score
        Path policy = Files.writeString(tmp.resolve("ask.json"), """
                {"format": "adlens-policy-1", "name": "every-class-at-all", "version": "1",
                 "adult": [{"class": "drawing", "atLeast": 0, "action": "review"},
                           {"class": "hentai", "atLeast": 0, "action": "review"},
                           {"class": "neutral", "atLeast": 0, "action": "review"},
                           {"class": "porn", "atLeast": 0, "action": "review"},
                           {"class": "sexy", "atLeast": 0, "action": "review"}]}
                """);
        AdLabels both = label(TestModels.dir(), policy);
        AdultScores first = both.adult();
        AdultScores second = first.second().orElseThrow();
        assertThat(AdultScores.CLASSES).as("two distributions that differ: some class is lower in the second")
                .anyMatch(c -> second.score(c) < first.score(c) - 1e-4);
        for (String c : AdultScores.CLASSES) {
            Safety.Flag flag = both.safety().flags().stream().filter(f -> f.name().equals("adult:" + c)).findFirst()
                    .orElseThrow();
            assertThat(flag.score()).as(c).isCloseTo(Math.min(first.score(c), second.score(c)), Offset.offset(1e-9));
            assertThat(flag.reason()).contains("by MobileNetV2 and").contains("by InceptionV3");
        }

        AdLabels firstOnly = label(withoutAdultCheck(), policy);
        assertThat(firstOnly.adult().second()).isEmpty();
        for (String c : AdultScores.CLASSES) {
            assertThat(firstOnly.safety().flags().stream().filter(f -> f.name().equals("adult:" + c)).findFirst()
                    .orElseThrow().score()).as(c).isCloseTo(first.score(c), Offset.offset(1e-9));
        }
    }

    private static AdLabels label(Path models, Path policy) throws Exception {
        try (Adlens adlens = Adlens.open(AdlensSettings.defaults(models, TestModels.tessdata())
                .withPolicy(policy.toString()))) {
            return ((LabelOutcome.Labeled) adlens.labeler().label(SAMPLE.toString(), Files.readAllBytes(SAMPLE)))
                    .labels();
        }
    }

    /** The shipped models, linked file by file, without the second opinion's. */
    private Path withoutAdultCheck() throws Exception {
        Path models = tmp.resolve("models");
        Path root = TestModels.dir().toAbsolutePath();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (rel.equals(AdultCheck.FILE) || !rel.matches("(head|text|visual|words|categories|quality|taxonomies)/.+")) {
                    continue;
                }
                Path to = models.resolve(rel);
                Files.createDirectories(to.getParent());
                Files.createSymbolicLink(to, f);
            }
        }
        return models;
    }
}
