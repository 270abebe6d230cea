package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.dataset.Csv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `adlens label` end to end over the shipped samples plus bad inputs, with JSON lines and the HTML report. */
@IntegrationTest
class LabelCommandTest {
    @Test
    void labelsEverySampleAndRecordsEveryFailure(@TempDir Path dir) throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.jpg"), "not a jpeg");
        Path extra = Files.createDirectories(dir.resolve("extra"));
        Files.writeString(extra.resolve("notes.txt"), "a stray file in a folder of ads"); // must not be skipped
        Files.writeString(extra.resolve(".hidden"), "hidden files are not inputs");
        Path out = dir.resolve("labels.jsonl");
        Path html = dir.resolve("report.html");
        Path csv = dir.resolve("overview.csv");
        int exit = AdlensCommand.commandLine().execute("label", "samples", broken.toString(), extra.toString(),
                dir.resolve("missing.png").toString(), "--out", out.toString(), "--html", html.toString(),
                "--csv", csv.toString(),
                "--models", TestModels.dir().toString(), "--workers", "2");
        assertThat(exit).isEqualTo(3); // some inputs failed

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        long images;
        try (var s = Files.list(Path.of("samples"))) {
            images = s.filter(p -> p.toString().endsWith(".jpg")).count();
        }
        assertThat(lines).hasSize((int) images + 3); // + broken.jpg, extra/notes.txt, missing.png
        assertThat(lines).filteredOn(l -> l.get("status").asText().equals("LABELED")).hasSize((int) images)
                .allSatisfy(l -> {
                    assertThat(l.get("topics")).hasSize(38);
                    assertThat(l.get("sentiments")).hasSize(30);
                    assertThat(l.get("topics").get(0).get("score").asDouble())
                            .isGreaterThanOrEqualTo(l.get("topics").get(1).get("score").asDouble());
                    assertThat(l.has("ocr") && l.has("attention") && l.has("model") && l.has("timingsMs")).isTrue();
                });
        assertThat(lines).filteredOn(l -> l.get("image").asText().endsWith("broken.jpg")).singleElement()
                .satisfies(l -> assertThat(l.at("/error/code").asText()).isEqualTo("UNSUPPORTED_FORMAT"));
        assertThat(lines).filteredOn(l -> l.get("image").asText().endsWith("missing.png")).singleElement()
                .satisfies(l -> assertThat(l.at("/error/code").asText()).isEqualTo("IMAGE_NOT_FOUND"));
        assertThat(lines).filteredOn(l -> l.get("image").asText().endsWith("notes.txt")).singleElement()
                .satisfies(l -> assertThat(l.at("/error/code").asText()).isEqualTo("UNSUPPORTED_FORMAT"));

        // the CSV is the report's overview: a header, then one row per JSON line, in the same order
        List<List<String>> rows = Csv.parse(Files.readString(csv));
        assertThat(rows.get(0)).containsExactly("file", "topic", "topic score", "verdict", "flags", "unclear", "failed");
        assertThat(rows.subList(1, rows.size())).hasSize(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            List<String> row = rows.get(i + 1);
            assertThat(row.get(0)).isEqualTo(l.get("image").asText());
            assertThat(row.get(1)).isEqualTo(l.has("topics") ? l.at("/topics/0/key").asText() : "");
            assertThat(row.get(3)).isEqualTo(l.at("/safety/verdict").asText(""));
            assertThat(row.get(6)).isEqualTo(l.at("/error/code").asText(""));
        }

        String page = Files.readString(html);
        assertThat(page).contains(images + " labeled, 3 failed").contains("data:image/jpeg;base64,");
        renderedByChromium(html, (int) images);
    }

    @Test
    void textAdsGetOneLineEachInOrderAndBadLinesAreRecorded(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("ads.jsonl"), String.join("\n",
                "{\"id\": \"car\", \"text\": \"The all-new sedan. 0% APR financing at your local dealer. Test drive today.\"}",
                "{\"id\": \"pizza\", \"text\": \"Hot fresh pizza delivered in 30 minutes. Order online now.\"}",
                "not json",
                "{\"id\": \"long\", \"text\": \"" + "x".repeat(10_001) + "\"}",
                "",
                "{\"id\": \"empty\", \"text\": \"\"}") + "\n");
        Path out = dir.resolve("labels.jsonl");
        int exit = AdlensCommand.commandLine().execute("label", "--texts", in.toString(), "--out",
                out.toString(), "--models", TestModels.dir().toString(), "--workers", "2");
        assertThat(exit).isEqualTo(3);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(l -> l.get("id").asText()).containsExactly("car", "pizza", "line 3", "long", "empty");
        assertThat(lines.get(0).get("status").asText()).isEqualTo("LABELED");
        assertThat(lines.get(0).get("topics").get(0).get("key").asText()).isEqualTo("cars");
        assertThat(lines.get(1).get("topics").get(0).get("key").asText()).isEqualTo("restaurant");
        assertThat(lines.get(0).has("objects") || lines.get(0).has("image")).isFalse();
        assertThat(lines.get(2).at("/error/code").asText()).isEqualTo("BAD_REQUEST");
        assertThat(lines.get(3).at("/error/code").asText()).isEqualTo("BAD_REQUEST");
        // no words, no evidence: refused rather than answered from the head's biases
        assertThat(lines.get(4).at("/error/code").asText()).isEqualTo("BAD_REQUEST");
    }

    /**
     * An interrupted run, resumed: the earlier whole lines kept byte for byte, the cut-off line and the inputs after it
     * labeled, each input once, in input order, and the exit status counting the earlier FAILED line.
     */
    @Test
    void resumeFinishesAnInterruptedRun(@TempDir Path dir) throws Exception {
        Path ads = Files.createDirectories(dir.resolve("ads"));
        for (String name : new String[]{"alcohol-wild-range-bourbon.jpg", "shopping-northgate-sale.jpg",
                "travel-skyline-safari.jpg"}) {
            Files.copy(Path.of("samples", name), ads.resolve(name));
        }
        Files.writeString(ads.resolve("broken.jpg"), "not a jpeg");
        Path out = ads.resolve("labels.jsonl"); // inside the folder it labels: never an input of its own
        String[] run = {"label", ads.toString(), "--out", out.toString(), "--models", TestModels.dir().toString()};
        assertThat(AdlensCommand.commandLine().execute(run)).isEqualTo(3);
        List<String> whole = Files.readAllLines(out);
        assertThat(whole).hasSize(4);

        // the run "was killed" while writing its third line: two whole lines and half of the third are left
        String kept = whole.get(0) + "\n" + whole.get(1) + "\n";
        Files.writeString(out, kept + whole.get(2).substring(0, whole.get(2).length() / 2));
        String[] resumed = java.util.stream.Stream.concat(java.util.Arrays.stream(run), java.util.stream.Stream.of(
                "--resume")).toArray(String[]::new);
        assertThat(AdlensCommand.commandLine().execute(resumed)).isEqualTo(3); // broken.jpg's line is FAILED
        String after = Files.readString(out);
        assertThat(after).startsWith(kept);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            lines.add(json.readTree(line));
        }
        assertThat(lines).extracting(l -> Path.of(l.get("image").asText()).getFileName().toString())
                .containsExactly("alcohol-wild-range-bourbon.jpg", "broken.jpg", "shopping-northgate-sale.jpg",
                        "travel-skyline-safari.jpg");
        assertThat(lines.get(2).at("/topics/0/key").asText()).isEqualTo(json.readTree(whole.get(2)).at("/topics/0/key")
                .asText());

        // everything has a line: a second resume labels nothing and leaves the file as it is
        assertThat(AdlensCommand.commandLine().execute(resumed)).isEqualTo(3);
        assertThat(Files.readString(out)).isEqualTo(after);

        // lines labeled with other models are refused whole, the file untouched
        String other = after.replace("\"head\":\"", "\"head\":\"another-");
        Files.writeString(out, other);
        Files.delete(ads.resolve("broken.jpg"));
        Files.copy(Path.of("samples", "petfood-trailblazer.jpg"), ads.resolve("petfood-trailblazer.jpg"));
        assertThat(AdlensCommand.commandLine().execute(resumed)).isEqualTo(1);
        assertThat(Files.readString(out)).isEqualTo(other);
    }

    @Test
    void textAdsHaveNoReportNorOverview(@TempDir Path dir) throws Exception {
        Path in = Files.writeString(dir.resolve("ads.jsonl"), "{\"id\": \"a\", \"text\": \"Pizza tonight\"}\n");
        Path csv = dir.resolve("overview.csv");
        int exit = AdlensCommand.commandLine().execute("label", "--texts", in.toString(), "--csv", csv.toString(),
                "--models", TestModels.dir().toString());
        assertThat(exit).isEqualTo(2); // a usage error, before any model loads
        assertThat(csv).doesNotExist();
    }

    /**
     * The report renders in headless Chromium: its DOM after load has the summary, every ad image in the overview and
     * in the details.
     */
    private static void renderedByChromium(Path html, int images) throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        boolean required = System.getenv("ADLENS_REQUIRE_CHROMIUM") != null;
        assumeTrue(required || Files.isExecutable(chromium), "chromium not installed");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory("chromium"), "--dump-dom", html.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(dom).contains("id=\"summary\"");
        assertThat(dom.split("<img ", -1).length - 1).isEqualTo(2 * images); // in the overview and in the details
        assertThat(dom.split("class=\"icon\"", -1).length - 1).isEqualTo(images);
        assertThat(dom.split("<svg ", -1).length - 1).isEqualTo(images);
        // every card, labeled or failed, is the same grid: a fixed frame beside the labels
        int cards = dom.split("class=\"card\"", -1).length - 1;
        assertThat(cards).isGreaterThan(images);
        assertThat(dom.split("class=\"frame\"", -1).length - 1).isEqualTo(cards);
        assertThat(dom.split("class=\"labels\"", -1).length - 1).isEqualTo(cards);
    }
}
