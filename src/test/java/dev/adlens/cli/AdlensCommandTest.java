package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

@UnitTest
class AdlensCommandTest {
    @Test
    void theMeasurementToolsJoinTheCommandLineFromTheirOwnSourceSet() {
        assertThat(AdlensCommand.commandLine().getSubcommands().keySet())
                .contains("label", "dev", "serve-encoders", "features-text", "bench", "bench-encoders", "coldstart");
        assertThat(AdlensCommand.commandLine("bench", "samples").getSubcommands().get("bench").getCommand().getClass()
                .getPackageName()).isEqualTo("dev.adlens.tools");
    }

    @Test
    void aNamedCommandIsTheOnlyOneBuiltAndAnythingElseGetsThemAll() {
        assertThat(AdlensCommand.commandLine("label", "samples").getSubcommands()).containsOnlyKeys("label");
        assertThat(AdlensCommand.commandLine("coldstart").getSubcommands()).containsOnlyKeys("coldstart");
        int all = AdlensCommand.commandLine().getSubcommands().size();
        assertThat(all).isGreaterThanOrEqualTo(12);
        assertThat(AdlensCommand.commandLine("--help").getSubcommands()).hasSize(all);
        assertThat(AdlensCommand.commandLine("lable", "samples").getSubcommands()).hasSize(all); // for the suggestion
    }

    @Test
    void aMisspeltCommandIsRefusedWithTheCommandsToChooseFrom() {
        StringWriter err = new StringWriter();
        int exit = AdlensCommand.commandLine("lable").setErr(new PrintWriter(err)).execute("lable");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("lable").contains("label");
    }

    @Test
    void helpForACommandThatDoesNotExistIsRefusedNotTheTopLevelHelp() {
        for (String help : new String[]{"--help", "-h"}) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = AdlensCommand.commandLine("api", help).setOut(new PrintWriter(out))
                    .setErr(new PrintWriter(err)).execute("api", help);
            assertThat(exit).as(help).isEqualTo(2);
            assertThat(err.toString()).contains("Unmatched argument", "'api'");
            assertThat(out.toString()).doesNotContain("Commands:");
        }
        StringWriter out = new StringWriter();
        assertThat(AdlensCommand.commandLine("--help").setOut(new PrintWriter(out)).execute("--help")).isZero();
        assertThat(out.toString()).contains("Commands:", "serve");
        assertThat(AdlensCommand.commandLine("label", "--help").setOut(new PrintWriter(new StringWriter()))
                .execute("label", "--help")).isZero();
    }
}
