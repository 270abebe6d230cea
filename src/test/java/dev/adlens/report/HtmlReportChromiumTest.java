package dev.adlens.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adlens.IntegrationTest;
import dev.adlens.dataset.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: headless Chromium loads reports of 60 and 500 ads, the overview has one row per
 * ad, its sorting, filtering and CSV export work, a screenshot comes out, and a 500-ad page stays small and fast
 * enough to open (its size and load time are printed).
 */
@IntegrationTest
class HtmlReportChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** Where the screenshot is kept for a person to look at. */
    private static final Path SCREENSHOTS = Path.of("target", "report-screenshots");

    /**
     * Appended to the page under test: clicks "topic score" twice (descending), filters on "travel", captures the
     * CSV the button exports, clicks the first file, filters on "review" (the verdict column), and leaves the results
     * in the DOM for --dump-dom.
     */
    private static final String PROBE = """
            <script>
            (function () {
              var t = document.getElementById('overview'), heads = t.tHead.rows[0].cells, i = -1;
              for (var k = 0; k < heads.length; k++) if (heads[k].textContent === 'topic score') i = k;
              heads[i].click(); heads[i].click();
              var scores = Array.prototype.map.call(t.tBodies[0].rows, function (r) { return r.cells[i].textContent; });
              var f = document.getElementById('filter');
              f.value = 'travel';
              f.dispatchEvent(new Event('input'));
              var exported = null, RealBlob = window.Blob;
              window.Blob = function (parts, options) { exported = parts.join(''); return new RealBlob(parts, options); };
              HTMLAnchorElement.prototype.click = function () { }; // no download: this page must stay
              document.getElementById('csv').click();
              var link = t.tBodies[0].rows[0].querySelector('a');
              link.dispatchEvent(new MouseEvent('click', {bubbles: true})); // click() is stubbed above
              var opened = document.getElementById(link.hash.substring(1)).open;
              var shownTravel = document.getElementById('shown').textContent;
              f.value = 'review';
              f.dispatchEvent(new Event('input'));
              var out = document.createElement('textarea');
              out.id = 'probe';
              out.textContent = JSON.stringify({scores: scores, shown: shownTravel,
                  review: document.getElementById('shown').textContent, opened: opened, csv: exported});
              document.body.appendChild(out);
            })();
            </script>
            """;

    @Test
    void sixtyAdsOneOverviewRowEachSortFilterExportAndScreenshot(@TempDir Path dir) throws Exception {
        chromiumOrSkip();
        HtmlReport report = SyntheticAds.report(60);
        Path html = dir.resolve("report.html");
        Files.writeString(html, report.html().replace("</body>", PROBE + "</body>"), StandardCharsets.UTF_8);

        String dom = dumpDom(html, dir);
        String body = dom.substring(dom.indexOf("<tbody>"), dom.indexOf("</tbody>"));
        assertThat(body.split("<tr", -1).length - 1).isEqualTo(60);
        assertThat(body.split("class=\"icon\"", -1).length - 1).isEqualTo(54); // failed ads have no picture
        assertThat(dom.split("<details class=\"adinfo\"", -1).length - 1).isEqualTo(60);

        String probe = dom.substring(dom.indexOf("<textarea id=\"probe\">") + 21, dom.indexOf("</textarea>"))
                .replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        List<Double> scores = new ArrayList<>();
        Matcher m = Pattern.compile("\"([0-9.]*)\"").matcher(probe.substring(probe.indexOf('['), probe.indexOf(']')));
        while (m.find()) {
            scores.add(m.group(1).isEmpty() ? -1 : Double.parseDouble(m.group(1)));
        }
        assertThat(scores).hasSize(60).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        List<OverviewRow> travel = report.rows().stream().filter(r -> r.file().contains("travel")).toList();
        assertThat(probe).contains("\"shown\":\"" + travel.size() + " of 60 shown\"").contains("\"opened\":true");
        // the verdict filters like the other columns
        long review = report.rows().stream().filter(r -> r.verdict().equals("review")).count();
        assertThat(review).isPositive();
        assertThat(probe).contains("\"review\":\"" + review + " of 60 shown\"");
        // the page exports what --csv writes, for the rows it shows (here sorted by topic score, descending)
        String exported = probe.substring(probe.indexOf("\"csv\":\"") + 7, probe.lastIndexOf('"'))
                .replace("\\r", "\r").replace("\\n", "\n").replace("\\\"", "\"");
        List<List<String>> rows = Csv.parse(exported);
        assertThat(rows.get(0)).isEqualTo(Csv.parse(OverviewCsv.write(travel)).get(0));
        assertThat(rows.subList(1, rows.size())).containsExactlyInAnyOrderElementsOf(
                Csv.parse(OverviewCsv.write(travel)).subList(1, travel.size() + 1));

        Files.createDirectories(SCREENSHOTS);
        Path png = SCREENSHOTS.resolve("report-60.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Files.writeString(html, report.html(), StandardCharsets.UTF_8); // as a user opens it, without the probe
        run(dir, "--screenshot=" + png, "--window-size=1280,1400", html.toUri().toString());
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).isGreaterThan(10_000);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        // and an ad's details, opened as a click on its file name opens them (a short report: no scrolling)
        Path small = dir.resolve("small.html");
        Files.writeString(small, SyntheticAds.report(2).html().replace("<details class=why>", "<details class=why open>"),
                StandardCharsets.UTF_8);
        Path details = SCREENSHOTS.resolve("report-details.png").toAbsolutePath();
        run(dir, "--screenshot=" + details, "--window-size=1280,1400", small.toUri() + "#ad-0");
        assertThat(details).isNotEmptyFile();
        System.out.println("report screenshots (60 ads): " + png + ", " + details);
    }

    @Test
    void fiveHundredAdsStaySmallAndLoadFast(@TempDir Path dir) throws Exception {
        chromiumOrSkip();
        String page = SyntheticAds.report(500).html();
        Path html = Files.writeString(dir.resolve("report-500.html"), page, StandardCharsets.UTF_8);
        long bytes = Files.size(html);
        // the page's own clock, navigation start to the end of its load event: the load, not Chromium's start-up
        // nor --dump-dom writing 20-odd MB back out; then a sort and a filter, each with the layout it causes
        Path timed = Files.writeString(dir.resolve("timed-500.html"), page.replace("</body>", """
                <script>
                addEventListener('load', function () { setTimeout(function () {
                  var b = document.body, heads = document.getElementById('overview').tHead.rows[0].cells;
                  b.setAttribute('data-loaded-ms', Math.round(performance.now()));
                  var t = performance.now();
                  heads[heads.length - 3].click(); // topic score
                  void b.offsetHeight;
                  b.setAttribute('data-sort-ms', Math.round(performance.now() - t));
                  var f = document.getElementById('filter');
                  t = performance.now();
                  f.value = 'cars';
                  f.dispatchEvent(new Event('input'));
                  void b.offsetHeight;
                  b.setAttribute('data-filter-ms', Math.round(performance.now() - t));
                }, 0); });
                </script></body>"""), StandardCharsets.UTF_8);
        String dom = dumpDom(timed, dir);
        String body = dom.substring(dom.indexOf("<tbody>"), dom.indexOf("</tbody>"));
        assertThat(body.split("<tr", -1).length - 1).isEqualTo(500);
        long loadMs = attribute(dom, "data-loaded-ms");
        long sortMs = attribute(dom, "data-sort-ms");
        long filterMs = attribute(dom, "data-filter-ms");

        // what a person waits for: Chromium started, the page loaded and painted, against an empty page
        Path empty = Files.writeString(dir.resolve("empty.html"), "<!doctype html><title>empty</title><p>empty");
        long startup = time(() -> run(dir, "--screenshot=" + dir.resolve("empty.png"), "--window-size=1280,1400",
                empty.toUri().toString()));
        long painted = time(() -> run(dir, "--screenshot=" + dir.resolve("report-500.png"), "--window-size=1280,1400",
                html.toUri().toString()));
        System.out.printf("500-ad report: %,d bytes; load event after %d ms; opened and painted in %d ms "
                + "(an empty page: %d ms); a sort %d ms, a filter %d ms%n", bytes, loadMs, painted, startup, sortMs,
                filterMs);
        assertThat(bytes).isLessThan(60L << 20);
        assertThat(loadMs).isLessThan(20_000);
        assertThat(painted).isLessThan(20_000);
        assertThat(sortMs + filterMs).isLessThan(5_000);
    }

    private static long attribute(String dom, String name) {
        Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
        assertThat(m.find()).as(name).isTrue();
        return Long.parseLong(m.group(1));
    }

    private interface Step {
        void run() throws Exception;
    }

    private static long time(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static void chromiumOrSkip() {
        boolean required = System.getenv("ADLENS_REQUIRE_CHROMIUM") != null;
        assumeTrue(required || Files.isExecutable(CHROMIUM), "chromium not installed");
    }

    private static String dumpDom(Path html, Path dir) throws IOException, InterruptedException {
        return run(dir, "--dump-dom", html.toUri().toString());
    }

    /** Headless Chromium with a fresh profile, no network chatter; its stdout. */
    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
