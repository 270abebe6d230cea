package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.adlens.UnitTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `adlens label` with an output it cannot write says so before it labels anything, and says what is wrong. */
@UnitTest
class LabelOutputsTest {
    record Run(int exit, String out, String err) {
    }

    static Run label(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        synchronized (DevFlowTest.class) {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            try {
                String[] all = new String[args.length + 1];
                all[0] = "label";
                System.arraycopy(args, 0, all, 1, args.length);
                var cl = AdlensCommand.commandLine(all);
                cl.setErr(new PrintWriter(System.err, true));
                int exit = cl.execute(all);
                return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    @Test
    void anHtmlReportInAMissingDirectoryIsRefusedBeforeLabeling(@TempDir Path dir) {
        Path report = dir.resolve("no-such-dir/r.html");
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> label("samples", "--html", report.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty(); // not one sample labeled
        assertThat(run.err()).contains("--html " + report, "the directory " + report.getParent() + " does not exist",
                "nothing labeled");
    }

    @Test
    void aCsvInAMissingDirectoryIsRefusedBeforeLabeling(@TempDir Path dir) {
        Path csv = dir.resolve("no-such-dir/overview.csv");
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> label("samples", "--csv", csv.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--csv " + csv, "does not exist", "nothing labeled");
    }

    @Test
    void jsonLinesInAMissingDirectoryOrOntoADirectoryAreRefusedBeforeLabeling(@TempDir Path dir) throws Exception {
        Path lines = dir.resolve("no-such-dir/labels.jsonl");
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> label("samples", "--out", lines.toString()));
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("--out " + lines, "does not exist", "nothing labeled");

        Files.createDirectories(dir.resolve("a-dir"));
        Run onto = label("--texts", "samples/no-matter.jsonl", "--out", dir.resolve("a-dir").toString());
        assertThat(onto.exit()).isEqualTo(1);
        assertThat(onto.err()).contains("is a directory");
        assertThat(LabelCommand.unwritable("--out", dir.resolve("fine.jsonl"))).isNull();
        assertThat(LabelCommand.unwritable("--out", null)).isNull();
    }
}
