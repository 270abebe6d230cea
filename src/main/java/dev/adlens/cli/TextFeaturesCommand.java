package dev.adlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.dataset.Csv;
import dev.adlens.dataset.FeatureDatasetWriter;
import dev.adlens.pitt.AdAnnotation;
import dev.adlens.pitt.PittAnnotations;
import dev.adlens.words.PackedWordVectors;
import dev.adlens.words.WordEmbedder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Head inputs from TEXT alone (a CSV of real ads' OCR text, e.g. Pitt's dist_w_ocr.csv) for evaluating the text
 * path: words go through the same WordEmbedder as serving; the image and object inputs are zero and masked, so
 * only a text-only model (ablation "text") is meaningful on these rows. Keys may be bare file names: they are
 * matched to the annotation file's "folder/name" keys (bare names are unique in Pitt Ads).
 */
@Command(name = "features-text", mixinStandardHelpOptions = true,
        description = "Write text-only head inputs from a CSV of ad OCR text (evaluation of the text path).")
final class TextFeaturesCommand implements Callable<Integer> {
    @Option(names = "--csv", required = true)
    Path csv;

    @Option(names = "--key-column", description = "(default: ${DEFAULT-VALUE})")
    String keyColumn = "image_path";

    @Option(names = "--text-column", description = "(default: ${DEFAULT-VALUE})")
    String textColumn = "text";

    @Option(names = "--topics", required = true)
    Path topics;

    @Option(names = "--sentiments")
    Path sentiments;

    @Option(names = "--out", required = true)
    Path out;

    @Option(names = "--max-words", description = "M (default: ${DEFAULT-VALUE})")
    int maxWords = 40;

    @Option(names = "--models")
    Path models = Path.of(System.getenv().getOrDefault("ADLENS_MODELS", "models"));

    @Option(names = {"--global-dim"}, description = "(default: ${DEFAULT-VALUE})")
    int globalDim = 2272;

    @Option(names = {"--object-dim"}, description = "(default: ${DEFAULT-VALUE})")
    int objectDim = 693;

    @Option(names = {"--top-l"}, description = "(default: ${DEFAULT-VALUE})")
    int topL = 10;

    @Override
    public Integer call() throws Exception {
        Map<String, AdAnnotation> annotations = PittAnnotations.load(topics, sentiments);
        Map<String, AdAnnotation> byName = new HashMap<>();
        annotations.forEach((k, v) -> byName.put(k.substring(k.lastIndexOf('/') + 1), v));
        List<List<String>> rows = Csv.parse(Files.readString(csv, StandardCharsets.UTF_8));
        int keyAt = rows.get(0).indexOf(keyColumn);
        int textAt = rows.get(0).indexOf(textColumn);
        PackedWordVectors glove = PackedWordVectors.open(models.resolve("words/glove-6b-100d.json"));
        WordEmbedder embedder = new WordEmbedder(glove, maxWords);
        ObjectNode meta = new ObjectMapper().createObjectNode().put("visual", "none (text only)")
                .put("words", glove.name()).put("maxWords", maxWords).put("globalDim", globalDim)
                .put("objectDim", objectDim).put("topL", topL).put("wordDim", glove.dim())
                .put("source", csv.toString());
        try (FeatureDatasetWriter writer = new FeatureDatasetWriter(out, globalDim, topL, objectDim, maxWords,
                glove.dim(), meta)) {
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() <= Math.max(keyAt, textAt)) {
                    continue;
                }
                String key = row.get(keyAt);
                AdAnnotation labels = annotations.getOrDefault(key, byName.get(key));
                if (labels == null) {
                    writer.fail(key, "NO_LABELS", "not in " + topics);
                    continue;
                }
                List<String> words = Arrays.asList(row.get(textAt).trim().split("\\s+"));
                writer.write(key, new float[globalDim], new float[topL * objectDim], new float[topL],
                        embedder.embed(words), labels, Map.of("text", row.get(textAt)));
            }
            System.err.printf("features-text: %d rows, %d without labels -> %s%n", writer.written(), writer.failed(), out);
        }
        return 0;
    }
}
