package dev.adlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.dataset.FeatureDatasetWriter;
import dev.adlens.error.AdlensException;
import dev.adlens.pipeline.AdFeatures;
import dev.adlens.app.Adlens;
import dev.adlens.pipeline.OrderedFanOut;
import dev.adlens.pitt.AdAnnotation;
import dev.adlens.pitt.PittAnnotations;
import dev.adlens.visual.VisualContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "features", mixinStandardHelpOptions = true,
        description = "Run the labeling pipeline up to the head inputs over a Pitt-format dataset and write them "
                + "(with soft targets) as .npy files for training.")
final class FeaturesCommand implements Callable<Integer> {
    @Option(names = "--images", required = true, description = "image root; keys of Topics.json are paths under it")
    Path images;

    @Option(names = "--topics", required = true, description = "Topics.json (Pitt format)")
    Path topics;

    @Option(names = "--sentiments", description = "Sentiments.json (Pitt format)")
    Path sentiments;

    @Option(names = "--out", required = true, description = "output directory")
    Path out;

    @Option(names = "--max-words", description = "M, word slots per image (default: ${DEFAULT-VALUE})")
    int maxWords = 40;

    @Option(names = "--limit", description = "only the first N images")
    Integer limit;

    @Mixin
    ModelOptions models;

    @Override
    public Integer call() throws Exception {
        Map<String, AdAnnotation> annotations = PittAnnotations.load(topics, sentiments);
        List<String> keys = new ArrayList<>(annotations.keySet());
        if (limit != null && limit < keys.size()) {
            keys = keys.subList(0, limit);
        }
        try (Adlens.Features c = Adlens.features(models.settings(), maxWords)) {
            VisualContract vc = c.visual().contract();
            ObjectNode meta = new ObjectMapper().createObjectNode();
            meta.put("visual", vc.version()).put("words", c.text().name()).put("maxWords", maxWords)
                    .put("globalDim", vc.globalDim()).put("objectDim", vc.objectDim()).put("topL", vc.topL())
                    .put("wordDim", c.text().dim()).put("sentenceDim", c.text().sentenceDim()).put("topics", topics.toString())
                    .put("sentiments", String.valueOf(sentiments));
            Progress progress = new Progress(keys.size());
            ExecutorService pool = Executors.newFixedThreadPool(models.workers);
            try (FeatureDatasetWriter writer = new FeatureDatasetWriter(out, vc.globalDim(), vc.topL(),
                    vc.objectDim(), maxWords, c.text().dim(), c.text().sentenceDim(), meta)) {
                OrderedFanOut.run(keys, pool, 2 * models.workers, key -> {
                    process(c, writer, key, annotations.get(key), progress);
                    return key;
                }, key -> { });
                System.err.printf("features: %d rows, %d failed -> %s%n", writer.written(), writer.failed(), out);
            } finally {
                Adlens.drain(pool);
            }
            return progress.failed() == 0 ? 0 : 3;
        }
    }

    private void process(Adlens.Features c, FeatureDatasetWriter writer, String key, AdAnnotation labels,
                         Progress progress) throws Exception {
        Path file = images.resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                writer.fail(key, "IMAGE_NOT_FOUND", "no file " + file);
                progress.step(false);
                return;
            }
            AdFeatures f = c.extractor().extract(key, Files.readAllBytes(file));
            writer.write(key, f, labels);
            progress.step(true);
        } catch (AdlensException e) {
            writer.fail(key, e.code().name(), e.getMessage());
            progress.step(false);
        } catch (RuntimeException e) {
            writer.fail(key, "INTERNAL_ERROR", e.getClass().getSimpleName() + ": " + e.getMessage());
            progress.step(false);
        }
    }
}
