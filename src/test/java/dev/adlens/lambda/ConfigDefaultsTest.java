package dev.adlens.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import dev.adlens.app.AdlensSettings;
import dev.adlens.aws.AwsSettings;
import dev.adlens.encoder.EncoderSettings;
import dev.adlens.pipeline.AdLabeler;
import dev.adlens.time.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Defaults are spelled once: AdlensConfig's @WithDefault names the constants the plain-Java side
 * uses, never a number or duration of its own, and the constants say what the Java defaults are.
 */
@UnitTest
class ConfigDefaultsTest {
    @Test
    void noNumberOrDurationIsSpelledInTheConfigMapping() throws Exception {
        String source = Files.readString(Path.of("src/main/java/dev/adlens/lambda/AdlensConfig.java"));
        assertThat(Pattern.compile("@WithDefault\\(\"\\d+(ms|s|m)?\"\\)").matcher(source).find()).isFalse();
    }

    @Test
    void theConstantsAreTheJavaDefaults() {
        assertThat(AdLabeler.DEFAULT_BUDGET).isEqualTo(Duration.ofSeconds(20));
        EncoderSettings e = EncoderSettings.local();
        assertThat(e.retry().maxAttempts()).isEqualTo(Integer.parseInt(EncoderSettings.DEFAULT_ATTEMPTS));
        assertThat(e.retry().baseBackoff()).isEqualTo(Durations.parse(EncoderSettings.DEFAULT_BACKOFF));
        assertThat(e.retry().attemptTimeout()).isEqualTo(Durations.parse(EncoderSettings.DEFAULT_ATTEMPT_TIMEOUT));
        assertThat(e.breakerOpen()).isEqualTo(Duration.ofSeconds(30));
        AwsSettings a = AwsSettings.defaultChain(AwsSettings.DEFAULT_REGION);
        assertThat(a.maxAttempts()).isEqualTo(3);
        assertThat(a.apiCallTimeout()).isEqualTo(Duration.ofSeconds(10));
        AdlensSettings s = AdlensSettings.defaults(Path.of(AdlensSettings.DEFAULT_MODELS_DIR), AdlensSettings.DEFAULT_TESSDATA);
        assertThat(s.workers()).isEqualTo(1);
        assertThat(s.threads()).isEqualTo(2);
        assertThat(AdlensSettings.DEFAULT_MIN_REMAINING).isEqualTo(Duration.ofSeconds(15));
        assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
    }
}
