package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The demo of docs/s3-function.md, in process: `adlens dev` (real S3Proxy + dynalite + the S3Handler), then
 * `adlens put samples/ --wait`, `adlens query`, `adlens get`.
 */
@IntegrationTest
class DevFlowTest {
    static int run(StringBuilder out, String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        synchronized (DevFlowTest.class) {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            try {
                return AdlensCommand.commandLine().execute(args);
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
        Thread dev = new Thread(() -> devExit.set(AdlensCommand.commandLine()
                .execute("dev", "--state", state.toString(), "--interval", "200")), "adlens-dev");
        dev.start();
        try {
            StringBuilder put = new StringBuilder();
            assertThat(run(put, "put", "samples/", "--wait", "--timeout", "120", "--state", state.toString())).isZero();
            // System.out is shared with the dev thread, whose lines are "uri DISPOSITION": keep put's own
            String[] lines = Arrays.stream(put.toString().strip().split("\n"))
                    .filter(l -> l.split(" ").length == 4).toArray(String[]::new);
            assertThat(lines).hasSize(8).allMatch(l -> l.matches("s3://ads/[a-z]+-[a-z-]+\\.jpg LABELED [a-z_]+ [0-9.]+"));

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

    private static Thread startDev(Path state, AtomicInteger exit) throws Exception {
        Files.createDirectories(state);
        Files.deleteIfExists(state.resolve(DevCommand.READY));
        Thread dev = new Thread(() -> exit.set(AdlensCommand.commandLine()
                .execute("dev", "--state", state.toString(), "--interval", "200")), "adlens-dev");
        dev.start();
        return dev;
    }

    private static void stopDev(Thread dev) throws InterruptedException {
        dev.interrupt();
        dev.join(60_000);
        assertThat(dev.isAlive()).isFalse();
    }

    /** put's own result lines ("uri STATUS topic score"), without the dev thread's lines on the shared stdout. */
    private static List<String> putLines(StringBuilder out) {
        return Arrays.stream(out.toString().strip().split("\n")).filter(l -> l.split(" ").length == 4)
                .toList();
    }

    @Test
    void putKeysByPathWaitsForItsOwnRevisionAndDevKeepsItsDataAcrossARestart(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path state = Path.of("target", "local-aws", "dev-restart").toAbsolutePath();
        if (Files.exists(state)) {
            try (var walk = Files.walk(state)) { // a previous run's persisted data
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir.resolve("sub1"));
        Files.createDirectories(dir.resolve("sub2"));
        Files.copy(Path.of("src/test/resources/synth/synth-0.jpg"), dir.resolve("sub1/dup.jpg"));
        Files.copy(Path.of("src/test/resources/synth/synth-1.jpg"), dir.resolve("sub2/dup.jpg"));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread dev = startDev(state, exit);
        String firstETag;
        try {
            StringBuilder put = new StringBuilder();
            assertThat(run(put, "put", dir.toString(), "--wait", "--timeout", "120", "--state", state.toString()))
                    .isZero();
            assertThat(putLines(put)).hasSize(2).anyMatch(l -> l.startsWith("s3://ads/sub1/dup.jpg LABELED"))
                    .anyMatch(l -> l.startsWith("s3://ads/sub2/dup.jpg LABELED"));
            StringBuilder get = new StringBuilder();
            assertThat(run(get, "get", "sub1/dup.jpg", "--state", state.toString())).isZero();
            firstETag = new ObjectMapper().readTree(get.toString()).path("source").path("eTag").asText();

            // the same key again with other bytes: --wait must report the new revision, not the stored item
            Files.copy(Path.of("src/test/resources/synth/synth-2.jpg"), dir.resolve("sub1/dup.jpg"),
                    StandardCopyOption.REPLACE_EXISTING);
            StringBuilder again = new StringBuilder();
            assertThat(run(again, "put", dir.resolve("sub1").toString(), "--prefix", "sub1/", "--wait", "--timeout",
                    "120", "--state", state.toString())).isZero();
            assertThat(putLines(again)).singleElement().asString().startsWith("s3://ads/sub1/dup.jpg LABELED");
            StringBuilder after = new StringBuilder();
            assertThat(run(after, "get", "sub1/dup.jpg", "--state", state.toString())).isZero();
            assertThat(new ObjectMapper().readTree(after.toString()).path("source").path("eTag").asText())
                    .isNotEmpty().isNotEqualTo(firstETag);

            // two inputs that would share one key: refused, nothing uploaded
            assertThat(run(new StringBuilder(), "put", dir.resolve("sub1/dup.jpg").toString(),
                    dir.resolve("sub2/dup.jpg").toString(), "--state", state.toString())).isEqualTo(2);
        } finally {
            stopDev(dev);
        }
        Thread restarted = startDev(state, exit);
        try {
            long until = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(state.resolve(DevCommand.READY)) && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            StringBuilder kept = new StringBuilder();
            assertThat(run(kept, "get", "sub2/dup.jpg", "--state", state.toString())).isZero();
            assertThat(kept.toString()).contains("\"status\" : \"LABELED\"");
        } finally {
            stopDev(restarted);
        }
    }
}
