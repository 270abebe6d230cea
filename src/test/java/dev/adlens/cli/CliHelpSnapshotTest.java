package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The launcher answers {@code ./adlens --help} and {@code --version} from docs/cli-help.txt and docs/cli-version.txt
 * without a build (a fresh clone needs none for them); these must be what the command line itself prints. When a
 * command changes, regenerate with {@code ADLENS_UPDATE_CLI_HELP=1 ./mvnw test -Dtest=CliHelpSnapshotTest}.
 */
@UnitTest
class CliHelpSnapshotTest {
    static final Path HELP = Path.of("docs/cli-help.txt");
    static final Path VERSION = Path.of("docs/cli-version.txt");

    @Test
    void theLaunchersHelpAndVersionAreTheCommandLines() throws IOException {
        var cl = AdlensCommand.commandLine("--help");
        String help = cl.getUsageMessage();
        String version = String.join("\n", cl.getCommandSpec().version()) + "\n";
        if (System.getenv("ADLENS_UPDATE_CLI_HELP") != null) {
            Files.createDirectories(HELP.getParent());
            Files.writeString(HELP, help);
            Files.writeString(VERSION, version);
        }
        assertThat(Files.readString(HELP)).as("docs/cli-help.txt is stale; see this test's comment").isEqualTo(help);
        assertThat(Files.readString(VERSION)).as("docs/cli-version.txt is stale").isEqualTo(version);
    }
}
