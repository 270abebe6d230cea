package dev.adlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.pipeline.AdLabeler;
import dev.adlens.time.Deadline;
import dev.adlens.labels.LabelJson;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.app.Adlens;
import dev.adlens.pipeline.OrderedFanOut;
import dev.adlens.report.HtmlReport;
import dev.adlens.report.OverviewCsv;
import dev.adlens.report.OverviewRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Label ad images (or text ads with --texts): one JSON line per input (LABELED or FAILED with a "
                + "reason), in input order.%nExit status: 0 all labeled, 3 some inputs failed, 1 the run itself failed.")
final class LabelCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", description = "image files or directories (every non-hidden file, recursively)")
    List<Path> inputs = List.of();

    @Option(names = "--texts", description = "text ads instead of images: a JSON-lines file, one {\"id\": \"…\", "
            + "\"text\": \"…\"} per line (at most " + AdLabeler.MAX_TEXT_CHARS + " characters)")
    Path texts;

    @Option(names = "--out", description = "write JSON lines here instead of stdout")
    Path out;

    @Option(names = "--resume", description = "with --out: keep the lines FILE already holds and label only the "
            + "inputs that have none (an interrupted run finishes; FAILED lines are kept, not retried); refused when "
            + "those lines were labeled with other models or taxonomies")
    boolean resume;

    @Option(names = "--html", description = "also write a self-contained HTML report: an overview table (sortable, "
            + "filterable, CSV export), then each ad's details")
    Path html;

    @Option(names = "--csv", description = "also write the report's overview as CSV: one row per input (file, top "
            + "category of the first --taxonomy, top topic and score, unclear, failed error code)")
    Path csv;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        // an output that cannot be written is said before the models load, not after every input was labeled
        for (String problem : new String[]{unwritable("--out", out), unwritable("--html", html),
                unwritable("--csv", csv)}) {
            if (problem != null) {
                System.err.println("adlens label: " + problem + "; nothing labeled");
                return 1;
            }
        }
        if (texts != null) {
            if (!inputs.isEmpty() || html != null || csv != null || resume) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--texts labels text ads only: give no image paths, no --html, no --csv and no --resume");
            }
            return labelTexts();
        }
        if (inputs.isEmpty()) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give image paths or --texts");
        }
        if (resume && (out == null || html != null || csv != null)) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--resume appends to the JSON lines of --out: give --out, and no --html or --csv (a report "
                            + "covers one whole run)");
        }
        EarlierLines earlier;
        try {
            earlier = resume ? EarlierLines.read(out) : null;
        } catch (EarlierLines.Refused | IOException e) {
            System.err.println("adlens label: --resume: " + e.getMessage() + "; nothing labeled");
            return 1;
        }
        // the output is never its own input (a resumed run's --out inside a directory it labels exists by then)
        Path outFile = out == null ? null : out.toAbsolutePath().normalize();
        List<InputFiles.Input> all = InputFiles.walk(inputs).stream()
                .filter(f -> !f.path().toAbsolutePath().normalize().equals(outFile)).toList();
        List<InputFiles.Input> files = earlier == null ? all
                : all.stream().filter(f -> !earlier.has(f.path())).toList();
        long failedBefore = earlier == null ? 0
                : all.stream().filter(f -> earlier.has(f.path()) && earlier.failed(f.path())).count();
        long maxBytes = models.settings().limits().maxBytes();
        ObjectMapper json = new ObjectMapper();
        HtmlReport report = html == null ? null : new HtmlReport();
        // the CSV is the report's overview; kept as rows alone, so a large CSV-only run holds no pages of details
        List<OverviewRow> overview = csv == null ? null : new ArrayList<>();
        int[] failed = {0};
        try (Adlens c = Adlens.open(models.settings());
             LineOutput lines = output(earlier, c)) {
            if (lines == null) {
                return 1;
            }
            Progress progress = new Progress(files.size());
            ExecutorService pool = Executors.newFixedThreadPool(models.workers);
            try {
                OrderedFanOut.run(files, pool, 2 * models.workers, file -> {
                    long start = System.nanoTime();
                    HtmlReport.Thumbnail[] thumb = {null};
                    LabelOutcome o = labelFile(c, file, maxBytes,
                            report == null ? image -> { } : image -> thumb[0] = HtmlReport.thumbnail(image));
                    progress.step(o instanceof LabelOutcome.Labeled);
                    return new Timed(file, o, Math.round((System.nanoTime() - start) / 1e6), thumb[0]);
                }, t -> {
                    LabelOutcome o = t.outcome();
                    ObjectNode line = LabelJson.toJson(o);
                    if (o instanceof LabelOutcome.Failed) { // how long it took to fail (labels carry their stages)
                        line.putObject("timingsMs").put("total", t.millis());
                    }
                    lines.line(json.writeValueAsString(line));
                    failed[0] += o instanceof LabelOutcome.Failed ? 1 : 0;
                    if (report != null) {
                        report.add(o, t.thumbnail());
                    }
                    if (overview != null) {
                        overview.add(OverviewRow.of(o));
                    }
                });
            } finally {
                Adlens.drain(pool); // workers done before the pipeline's native resources close
            }
        } catch (LineOutput.OutputFailed e) {
            return outputFailed(e, files.size(), files.isEmpty() ? "(none)"
                    : files.get(Math.min(e.lines, files.size() - 1)).path().toString());
        }
        // both attempted: one that fails does not cost the other
        boolean written = (report == null || written("--html", html, report.html()))
                & (overview == null || written("--csv", csv, OverviewCsv.write(overview)));
        if (!written) {
            return 1;
        }
        if (earlier != null) {
            System.err.printf("resumed: %d inputs already had a line (%d of them FAILED); ", all.size() - files.size(),
                    failedBefore);
        }
        System.err.printf("labeled %d, failed %d%n", files.size() - failed[0], failed[0]);
        return failed[0] + failedBefore == 0 ? 0 : 3;
    }

    /**
     * Where the lines go: {@code --out} (or stdout), or with {@code --resume} appended to the earlier run's whole
     * lines once they are known to come from the models this run labels with; null (and said) when they do not.
     */
    private LineOutput output(EarlierLines earlier, Adlens c) throws IOException {
        if (earlier == null) {
            return LineOutput.to(out);
        }
        try {
            earlier.requireSameModels(out, c.labeler().versions());
        } catch (EarlierLines.Refused e) {
            System.err.println("adlens label: --resume: " + e.getMessage() + "; nothing labeled");
            return null;
        }
        if (earlier.partialDropped()) {
            System.err.println("adlens label: --resume: " + out + " ended in a partial line (a write cut off); "
                    + "it is dropped and its input labeled again");
        }
        return LineOutput.appending(out, earlier.wholeBytes());
    }

    /** Writes a report file; false (and said) when that fails after all, the JSON lines being complete by then. */
    private static boolean written(String option, Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) { // checked at the start, so the disk filled up or the directory went away
            System.err.printf("adlens label: writing %s %s failed (%s); the JSON lines are complete%n", option, file,
                    e.getMessage());
            return false;
        }
    }

    /** Null when {@code file} (the value of {@code option}; null: not given) can be written; else why not. */
    static String unwritable(String option, Path file) {
        if (file == null) {
            return null;
        }
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            return option + " " + file + " is a directory, not a file";
        }
        if (dir == null || !Files.isDirectory(dir)) {
            return option + " " + file + ": the directory " + (dir == null ? "/" : dir) + " does not exist";
        }
        if (Files.exists(absolute) ? !Files.isWritable(absolute) : !Files.isWritable(dir)) {
            return option + " " + file + " cannot be written here (permissions)";
        }
        return null;
    }

    /**
     * The output could not be written (full disk, /dev/full, a reader that went away): the run stops, says which
     * inputs have no line, and exits 1 — never 0 or 3 with lines missing.
     */
    private static int outputFailed(LineOutput.OutputFailed e, int inputs, String firstMissing) {
        System.err.printf("adlens label: %s; %d of %d inputs have no line, from %s on%n", e.getMessage(),
                inputs - e.lines, inputs, firstMissing);
        return 1;
    }

    /** An input's outcome, the wall time it took (reading included) and, for the report, its picture. */
    private record Timed(InputFiles.Input input, LabelOutcome outcome, long millis, HtmlReport.Thumbnail thumbnail) {
    }

    /** One output line per input line, in order; a malformed line is a FAILED line with BAD_REQUEST. */
    private int labelTexts() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(texts, StandardCharsets.UTF_8);
        int[] failed = {0};
        List<Integer> numbered = new ArrayList<>(); // 0-based indices of the non-blank lines
        try (Adlens c = Adlens.open(models.settings()); LineOutput print = LineOutput.to(out)) {
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    numbered.add(i);
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(models.workers);
            try {
                OrderedFanOut.run(numbered, pool, 2 * models.workers,
                        i -> labelTextLine(c, json, lines.get(i), i + 1), o -> {
                            print.line(json.writeValueAsString(LabelJson.toTextJson(o)));
                            failed[0] += o instanceof LabelOutcome.Failed ? 1 : 0;
                        });
            } finally {
                Adlens.drain(pool);
            }
        } catch (LineOutput.OutputFailed e) {
            return outputFailed(e, numbered.size(), "line " + (numbered.get(Math.min(e.lines, numbered.size() - 1)) + 1)
                    + " of " + texts);
        }
        System.err.printf("labeled %d text ads, failed %d%n", numbered.size() - failed[0], failed[0]);
        return failed[0] == 0 ? 0 : 3;
    }

    private static LabelOutcome labelTextLine(Adlens c, ObjectMapper json, String line, int number) {
        String id = "line " + number;
        try {
            JsonNode node = json.readTree(line);
            if (node == null || !node.isObject() || !node.path("text").isTextual()) {
                return new LabelOutcome.Failed(id, ErrorCode.BAD_REQUEST,
                        "line " + number + ": expected {\"id\": \"…\", \"text\": \"…\"}");
            }
            id = node.path("id").isValueNode() ? node.path("id").asText() : id;
            return c.labeler().labelText(id, node.path("text").asText());
        } catch (IOException e) {
            return new LabelOutcome.Failed(id, ErrorCode.BAD_REQUEST,
                    "line " + number + ": not JSON");
        }
    }

    private static LabelOutcome labelFile(Adlens c, InputFiles.Input file, long maxBytes,
                                          Consumer<RgbImage> decoded) {
        try {
            return c.labeler().label(file.path().toString(), InputFiles.read(file, maxBytes), Deadline.NONE, decoded);
        } catch (AdlensException e) {
            return new LabelOutcome.Failed(file.path().toString(), e.code(), e.getMessage());
        }
    }
}
