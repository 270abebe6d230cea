package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.adlens.UnitTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How `put`, `get`, `query` and `serve` find `adlens dev`: wait for one that is coming, never for one that is not. */
@UnitTest
class DevStateTest {
    /** Runs the command line with System.err captured (the commands write their own messages there). */
    static int run(StringBuilder err, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        synchronized (DevFlowTest.class) {
            System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            try {
                var cl = AdlensCommand.commandLine(args);
                cl.setErr(new PrintWriter(System.err, true));
                return cl.execute(args);
            } finally {
                System.setErr(original);
                err.append(buffer.toString(StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void aStateWhereNoDevRunsIsSaidAtOnceNotAfterTwoMinutes(@TempDir Path dir) {
        Path nowhere = dir.resolve("no-such-dir");
        StringBuilder err = new StringBuilder();
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> run(err, "get", "x.jpg", "--state",
                nowhere.toString()));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("no local stack at " + nowhere, "`adlens dev` is not running there",
                "--aws").doesNotContain("waiting for");
        assertThat(nowhere).doesNotExist(); // nothing was created on the way
    }

    @Test
    void aDevThatAnnouncedItselfIsWaitedForUntilReady(@TempDir Path dir) throws Exception {
        DevState.announce(dir); // this JVM plays dev: alive
        Thread ready = new Thread(() -> {
            try {
                Thread.sleep(600);
                DevState.markReady(dir, "ads", "adlens-labels", List.of("iab-ad-product-2.0"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        ready.start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        DevState.await(dir, Duration.ofMillis(100), Duration.ofSeconds(20), new PrintStream(err, true));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(500));
        assertThat(err.toString()).contains("waiting for `adlens dev` to be ready");
        ready.join();
        assertThat(DevState.ready(dir)).hasValue(new DevState.Ready("ads", "adlens-labels",
                Optional.of(List.of("iab-ad-product-2.0"))));
    }

    @Test
    void aDevThatEndedOrNeverCameIsNotWaitedFor(@TempDir Path dir) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(DevState.STARTING), gone.pid() + "\n"); // dev killed before it could clear it
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> DevState.await(dir, Duration.ofMillis(300), Duration.ofSeconds(120), quiet))
                .hasMessageContaining("`adlens dev` is not running there");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aStackStartedWithoutDevIsUsedAsItIs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("env"), "ADLENS_S3_ENDPOINT=http://127.0.0.1:1\n"); // `local-aws start` alone
        long t0 = System.nanoTime();
        DevState.await(dir, Duration.ofSeconds(30), Duration.ofSeconds(120), new PrintStream(new ByteArrayOutputStream()));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anOlderDevsMarkerNamesNoTaxonomies(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(DevState.READY), "ads adlens-labels\n");
        assertThat(DevState.ready(dir)).hasValue(new DevState.Ready("ads", "adlens-labels", Optional.empty()));
        DevState.markReady(dir, "b", "t", List.of());
        assertThat(DevState.ready(dir)).hasValue(new DevState.Ready("b", "t", Optional.of(List.of())));
        DevState.clear(dir);
        assertThat(DevState.ready(dir)).isEmpty();
    }
}
