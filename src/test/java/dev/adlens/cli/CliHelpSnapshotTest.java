package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher answers {@code ./adlens --help}, {@code --version} and {@code ./adlens <command> --help} from
 * docs/cli-help.txt, docs/cli-version.txt and docs/cli-help/<command>.txt without a build (a fresh clone needs none
 * for them); these must be what the command line itself prints, one file per command and none for a command that is
 * gone. When a command changes, regenerate with {@code ADLENS_UPDATE_CLI_HELP=1 ./mvnw test -Dtest=CliHelpSnapshotTest}.
 */
@UnitTest
class CliHelpSnapshotTest {
    static final Path HELP = Path.of("docs/cli-help.txt");
    static final Path VERSION = Path.of("docs/cli-version.txt");
    static final Path COMMANDS = Path.of("docs/cli-help");

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

    @Test
    void eachCommandsHelpIsItsOwn() throws IOException {
        boolean update = System.getenv("ADLENS_UPDATE_CLI_HELP") != null;
        Map<String, String> expected = new TreeMap<>();
        AdlensCommand.commandLine("--help").getSubcommands().forEach((name, sub) -> {
            if (name.equals(sub.getCommandName())) { // aliases share their command's file
                expected.put(name + ".txt", sub.getUsageMessage());
            }
        });
        assertThat(expected).containsKeys("label.txt", "query.txt", "dev.txt");
        if (update) {
            Files.createDirectories(COMMANDS);
            try (Stream<Path> old = Files.list(COMMANDS)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (var e : expected.entrySet()) {
                Files.writeString(COMMANDS.resolve(e.getKey()), e.getValue());
            }
        }
        Map<String, String> written = new TreeMap<>();
        try (Stream<Path> files = Files.list(COMMANDS)) {
            for (Path p : files.toList()) {
                written.put(p.getFileName().toString(), Files.readString(p));
            }
        }
        assertThat(written).as("docs/cli-help/ is stale; see this test's comment").isEqualTo(expected);
    }
}
