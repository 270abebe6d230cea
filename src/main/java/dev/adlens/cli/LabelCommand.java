package dev.adlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;
import dev.adlens.labels.LabelJson;
import dev.adlens.pipeline.LabelOutcome;
import dev.adlens.pipeline.Pipeline;
import dev.adlens.report.HtmlReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "label", mixinStandardHelpOptions = true,
        description = "Label ad images: one JSON line per input (LABELED or FAILED with a reason), in input order.%n"
                + "Exit status: 0 all labeled, 3 some inputs failed, 1 the run itself failed.")
final class LabelCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", description = "image files or directories (every non-hidden file, recursively)")
    List<Path> inputs;

    @Option(names = "--out", description = "write JSON lines here instead of stdout")
    Path out;

    @Option(names = "--html", description = "also write a self-contained HTML report")
    Path html;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        List<Path> files = expand(inputs);
        ObjectMapper json = new ObjectMapper();
        HtmlReport report = html == null ? null : new HtmlReport();
        int failed = 0;
        try (Pipeline c = Pipeline.forLabeling(models.settings(), models.encoder().factory());
             OutputStream sink = out == null ? null : Files.newOutputStream(out)) {
            PrintStream lines = sink == null ? System.out : new PrintStream(sink, false, StandardCharsets.UTF_8);
            Progress progress = new Progress(files.size());
            ExecutorService pool = Executors.newFixedThreadPool(models.workers);
            try {
                List<Future<LabelOutcome>> results = new ArrayList<>();
                for (Path file : files) {
                    results.add(pool.submit(() -> {
                        LabelOutcome o = labelFile(c, file);
                        progress.step(o instanceof LabelOutcome.Labeled);
                        return o;
                    }));
                }
                for (int i = 0; i < files.size(); i++) {
                    LabelOutcome o = results.get(i).get();
                    lines.println(json.writeValueAsString(LabelJson.toJson(o)));
                    failed += o instanceof LabelOutcome.Failed ? 1 : 0;
                    if (report != null) {
                        report.add(o, o instanceof LabelOutcome.Labeled ? decoded(c, files.get(i)) : null);
                    }
                }
                lines.flush();
            } finally {
                pool.shutdown();
            }
        }
        if (report != null) {
            Files.writeString(html, report.html(), StandardCharsets.UTF_8);
        }
        System.err.printf("labeled %d, failed %d%n", files.size() - failed, failed);
        return failed == 0 ? 0 : 3;
    }

    private static LabelOutcome labelFile(Pipeline c, Path file) {
        try {
            return c.labeler().label(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            return new LabelOutcome.Failed(file.toString(), dev.adlens.error.ErrorCode.IMAGE_NOT_FOUND,
                    "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static RgbImage decoded(Pipeline c, Path file) throws IOException, AdlensException {
        return c.decoder().decode(Files.readAllBytes(file)).image();
    }

    static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : inputs) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                }
            } else {
                files.add(p); // a missing file becomes a FAILED line, not a crash
            }
        }
        return files;
    }
}
