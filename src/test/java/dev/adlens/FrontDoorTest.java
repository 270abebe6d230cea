package dev.adlens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door explains itself: a download that cannot happen fails fast and says why; help needs
 * no build.
 */
@IntegrationTest
class FrontDoorTest {
    @Test
    void aFetchFromAnUnreachableRegistryFailsFastWithItsReason(@TempDir Path cache) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "models/build/fetch").redirectErrorStream(true);
        pb.environment().put("ADLENS_CACHE", cache.toString());
        pb.environment().put("npm_config_registry", "http://127.0.0.1:9/"); // discard port: nothing answers
        long start = System.nanoTime();
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30.0);
        assertThat(out).contains("models/build/fetch: downloading").contains("could not download")
                .contains("ECONNREFUSED").contains("npm config get registry");
    }

    @Test
    void helpAndVersionAnswerWithoutABuild(@TempDir Path bare) throws Exception {
        // the launcher and its docs alone: no pom, no sources, no target — anything that builds would fail here
        Files.copy(Path.of("adlens"), bare.resolve("adlens"));
        Files.createDirectories(bare.resolve("docs/cli-help"));
        for (String f : List.of("cli-help.txt", "cli-version.txt", "cli-help/label.txt", "cli-help/query.txt")) {
            Files.copy(Path.of("docs", f), bare.resolve("docs").resolve(f));
        }
        for (List<String> args : List.of(List.of("--help"), List.of("--version"), List.of("label", "--help"),
                List.of("query", "-h"))) {
            List<String> command = new ArrayList<>(List.of("bash", bare.resolve("adlens").toString()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            String expected = switch (args.get(0)) {
                case "--help" -> "cli-help.txt";
                case "--version" -> "cli-version.txt";
                default -> "cli-help/" + args.get(0) + ".txt";
            };
            assertThat(out).as(String.join(" ", args)).isEqualTo(Files.readString(Path.of("docs", expected)));
        }
    }
}
