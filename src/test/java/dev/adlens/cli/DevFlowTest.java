package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * README's three-line demo, in process: `adlens dev` (real S3Proxy + dynalite + the S3Handler), then
 * `adlens put samples/ --wait`, `adlens query`, `adlens get`.
 */
class DevFlowTest {
    static int run(StringBuilder out, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        synchronized (DevFlowTest.class) {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            try {
                return new CommandLine(new AdlensCommand()).execute(args);
            } finally {
                System.setOut(original);
                out.append(buffer.toString(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void devPutQueryGet() throws Exception {
        Path state = Path.of("target", "local-aws", "dev-flow").toAbsolutePath();
        Files.createDirectories(state);
        Files.deleteIfExists(state.resolve(DevCommand.READY));
        AtomicInteger devExit = new AtomicInteger(-1);
        Thread dev = new Thread(() -> devExit.set(new CommandLine(new AdlensCommand())
                .execute("dev", "--state", state.toString(), "--interval", "200")), "adlens-dev");
        dev.start();
        try {
            StringBuilder put = new StringBuilder();
            assertThat(run(put, "put", "samples/", "--wait", "--timeout", "120", "--state", state.toString())).isZero();
            // System.out is shared with the dev thread, whose lines are "uri DISPOSITION": keep put's own
            String[] lines = java.util.Arrays.stream(put.toString().strip().split("\n"))
                    .filter(l -> l.split(" ").length == 4).toArray(String[]::new);
            assertThat(lines).hasSize(8).allMatch(l -> l.matches("s3://ads/synth-\\d\\.jpg LABELED [a-z_]+ [0-9.]+"));

            String line = lines[0].split(" ")[0].substring("s3://ads/".length());
            String topic = lines[0].split(" ")[2];
            StringBuilder query = new StringBuilder();
            assertThat(run(query, "query", "--topic", topic, "--state", state.toString())).isZero();
            assertThat(query.toString()).contains("\"image\":\"s3://ads/" + line + "\"", "\"topic\":\"" + topic + "\"");

            StringBuilder get = new StringBuilder();
            assertThat(run(get, "get", line, "--state", state.toString())).isZero();
            assertThat(get.toString()).contains("\"status\" : \"LABELED\"", "\"source\"");
            assertThat(run(new StringBuilder(), "get", "nothing-here.jpg", "--state", state.toString())).isEqualTo(4);
        } finally {
            dev.interrupt();
            dev.join(60_000);
        }
        assertThat(dev.isAlive()).isFalse();
        assertThat(state.resolve("pids")).doesNotExist(); // dev stopped its servers
    }
}
