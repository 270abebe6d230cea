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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
        Path policy = Files.writeString(tmp.resolve("ask.json"), """
                {"format": "adlens-policy-1", "name": "suggestive-at-all", "version": "1",
                 "adult": [{"class": "neutral", "atLeast": 0.000001, "action": "review"}]}
                """);
        AdLabels both = label(TestModels.dir(), policy);
        assertThat(both.adult().second()).isPresent();
        Safety.Flag flag = both.safety().flags().stream().filter(f -> f.kind().equals("adult")).findFirst().orElseThrow();
        assertThat(flag.score()).isEqualTo(Math.min(both.adult().neutral(), both.adult().second().get().neutral()));
        assertThat(flag.reason()).contains("by MobileNetV2 and").contains("by InceptionV3");

        AdLabels firstOnly = label(withoutAdultCheck(), policy);
        assertThat(firstOnly.adult().second()).isEmpty();
        assertThat(firstOnly.adult().neutral()).isEqualTo(both.adult().neutral());
        assertThat(firstOnly.safety().flags()).extracting(Safety.Flag::score).containsExactly(both.adult().neutral());
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
