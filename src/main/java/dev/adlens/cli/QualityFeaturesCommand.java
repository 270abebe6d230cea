package dev.adlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.app.Adlens;
import dev.adlens.error.AdlensException;
import dev.adlens.pipeline.AdFeatures;
import dev.adlens.pipeline.AdLabeler;
import dev.adlens.quality.QualitySignals;
import dev.adlens.visual.AdultScores;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The ad-quality model's inputs ({@link QualitySignals}) of each image, exactly as labeling computes them (the same
 * extractor, the head's word capacity): what models/train/quality.py fits on. One JSON line per image, in input order:
 * {@code {"image", "sentence": [...], "words": n, "adult": [5] or null, "global": [...] or null, "text"}}, or
 * {@code {"image", "error"}}.
 */
@Command(name = "quality-features", mixinStandardHelpOptions = true,
        description = "Write the ad-quality model's inputs (sentence vector, OCR word count, adult scores, the visual "
                + "model's global vector) of images as JSON lines, for training it.")
final class QualityFeaturesCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(arity = "1..*", description = "image files or directories")
    List<Path> inputs;

    @Option(names = "--out", required = true, description = "JSON lines file")
    Path out;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        List<InputFiles.Input> files = InputFiles.walk(inputs);
        int failed = 0;
        try (Adlens c = Adlens.open(models.settings());
             BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            for (InputFiles.Input file : files) {
                ObjectNode line = JSON.createObjectNode().put("image", file.path().toString());
                try {
                    AdFeatures f = c.extractor().extract(file.path().toString(),
                            InputFiles.read(file, c.settings().limits().maxBytes()));
                    write(line, AdLabeler.qualitySignals(f));
                    line.put("text", f.ocr().text()); // for the model card's bag-of-words baseline
                } catch (AdlensException e) {
                    line.put("error", e.code() + ": " + e.getMessage());
                    failed++;
                }
                w.write(JSON.writeValueAsString(line));
                w.newLine();
            }
        }
        System.err.printf("quality-features: %d images, %d failed -> %s%n", files.size(), failed, out);
        return failed == 0 ? 0 : 3;
    }

    private static void write(ObjectNode line, QualitySignals s) {
        ArrayNode sentence = line.putArray("sentence");
        if (s.sentence() != null) {
            for (float v : s.sentence()) {
                sentence.add(v);
            }
        }
        line.put("words", s.words());
        if (s.adult().measured()) {
            ArrayNode adult = line.putArray("adult");
            AdultScores.CLASSES.forEach(k -> adult.add(s.adult().score(k)));
        } else {
            line.putNull("adult");
        }
        if (s.global() != null) {
            ArrayNode global = line.putArray("global");
            for (float v : s.global()) {
                global.add(v);
            }
        } else {
            line.putNull("global");
        }
    }
}
