package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output loss is an error, never a success with lines missing: the CLI as its own process, writing
 * into /dev/full (ENOSPC, as on a full disk) and into a pipe its reader closes after one line.
 */
@IntegrationTest
class OutputLossTest {
    static Process cli(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.adlens.cli.AdlensCommand"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--models", TestModels.dir().toString(), "--graph-cache", "none"));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    @Test
    void aFullDiskEndsTheRunWithAnErrorNamingTheInputsWithoutALine(@TempDir Path dir) throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "/dev/full is needed");
        Process p = cli(dir, "label", "samples", "--out", full.toString());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("writing /dev/full failed after 0 lines").contains("8 of 8 inputs have no line")
                .doesNotContain("labeled 8");

        Path texts = Files.writeString(dir.resolve("ads.jsonl"), "{\"id\": \"a\", \"text\": \"free antivirus\"}\n");
        Process t = cli(dir, "label", "--texts", texts.toString(), "--out", full.toString());
        assertThat(t.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(t.exitValue()).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("stderr.txt"))).contains("1 of 1 inputs have no line, from line 1");
    }

    @Test
    void aReaderThatGoesAwayStopsTheWork(@TempDir Path dir) throws Exception {
        Process p = cli(dir, "label", "samples", "--workers", "1");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(r.readLine()).contains("\"status\"");
        } // | head -1: the pipe is closed after one line
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("writing standard output failed after").contains("inputs have no line")
                .doesNotContain("labeled 8");
    }
}
