package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import org.junit.jupiter.api.Test;

@UnitTest
class AdlensCommandTest {
    @Test
    void theMeasurementToolsJoinTheCommandLineFromTheirOwnSourceSet() {
        assertThat(AdlensCommand.commandLine().getSubcommands().keySet())
                .contains("label", "dev", "serve-encoders", "features-text", "bench", "bench-encoders", "coldstart");
        assertThat(AdlensCommand.commandLine().getSubcommands().get("bench").getCommand().getClass().getPackageName())
                .isEqualTo("dev.adlens.tools");
    }
}
