package dev.adlens.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.dataset.Csv;
import dev.adlens.dataset.FeatureDatasetWriter;
import dev.adlens.pitt.AdAnnotation;
import dev.adlens.pitt.PittAnnotations;
import dev.adlens.text.LocalTextModel;
import dev.adlens.text.TextEmbedder;
import dev.adlens.text.WordEmbedder;
import dev.adlens.words.WordVectors;
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
 * Head inputs from TEXT alone (a CSV of ad text: Pitt's dist_w_ocr.csv, slogans, symbol phrases) for training and
 * evaluating the text path: words go through the same text embedder as serving (the text encoder, or frozen word
 * vectors with --word-vectors); the image and object inputs are zero and masked. Keys may be bare file names: they
 * are matched to the annotation file's "folder/name" keys (bare names are unique in Pitt Ads), and a "#i" suffix
 * (several texts of one image) is ignored for the lookup.
 */
@Command(name = "features-text", mixinStandardHelpOptions = true,
        description = "Write text-only head inputs from a CSV of ad text (training and evaluation of the text path).")
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

    @Option(names = "--word-vectors", description = "frozen word vectors (.json pack or .vec) instead of the text encoder")
    Path wordVectors;

    @Option(names = "--threads", description = "ONNX Runtime intra-op threads (default: ${DEFAULT-VALUE})")
    int threads = 2;

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
        try (LocalTextModel local = wordVectors == null ? LocalTextModel.open(models, threads, maxWords) : null) {
            TextEmbedder embedder = local != null ? local.embedder(null)
                    : new WordEmbedder(WordVectors.open(wordVectors), maxWords);
            ObjectNode meta = new ObjectMapper().createObjectNode().put("visual", "none (text only)")
                    .put("words", embedder.name()).put("maxWords", maxWords).put("globalDim", globalDim)
                    .put("objectDim", objectDim).put("topL", topL).put("wordDim", embedder.dim())
                    .put("sentenceDim", embedder.sentenceDim()).put("source", csv.toString());
            try (FeatureDatasetWriter writer = new FeatureDatasetWriter(out, globalDim, topL, objectDim, maxWords,
                    embedder.dim(), embedder.sentenceDim(), meta)) {
                for (List<String> row : rows.subList(1, rows.size())) {
                    if (row.size() > Math.max(keyAt, textAt)) {
                        write(row.get(keyAt), row.get(textAt), embedder, annotations, byName, writer);
                    }
                }
                System.err.printf("features-text: %d rows, %d without labels -> %s%n", writer.written(),
                        writer.failed(), out);
            }
        }
        return 0;
    }

    private void write(String key, String text, TextEmbedder embedder, Map<String, AdAnnotation> annotations,
                       Map<String, AdAnnotation> byName, FeatureDatasetWriter writer) throws Exception {
        String lookup = key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
        AdAnnotation labels = annotations.getOrDefault(key, annotations.getOrDefault(lookup, byName.get(lookup)));
        if (labels == null) {
            writer.fail(key, "NO_LABELS", "not in " + topics);
            return;
        }
        writer.write(key, new float[globalDim], new float[topL * objectDim], new float[topL],
                embedder.embed(words(text)), labels, Map.of("text", text));
    }

    static List<String> words(String text) {
        String t = text.trim();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }
}
