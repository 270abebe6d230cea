package dev.adlens.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.category.Category;
import dev.adlens.category.CategoryIndex;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.category.SentenceEncoder;
import dev.adlens.cli.AdlensCommand;
import dev.adlens.head.HeadSpec;
import dev.adlens.pipeline.CategoryLoader;
import dev.adlens.text.LocalTextModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Encodes a taxonomy file's example texts into the {@code prototypes} block a taxonomy may carry instead of its
 * example ads (CategoryTaxonomy.Prototypes): per category the unit mean of its examples' sentence vectors, made by
 * the shipped text encoder exactly as the loader encodes example texts. models/train/prototypes.py uses it for the
 * built-in IAB and Pitt taxonomies, whose examples are real ads that cannot be shipped.
 */
@Command(name = "prototypes", mixinStandardHelpOptions = true,
        description = "Encode a taxonomy file's example texts into prototype vectors (a taxonomy's \"prototypes\").")
public final class PrototypesCommand implements Callable<Integer>, AdlensCommand.Tool {
    @Parameters(index = "0", description = "a taxonomy file (adlens-taxonomy-1) whose categories have example texts")
    Path taxonomy;

    @Option(names = "--fitted-on", required = true, description = "what the examples are (recorded as fittedOn)")
    String fittedOn;

    @Option(names = "--out", required = true, description = "where the prototypes block is written (JSON)")
    Path out;

    @Option(names = "--models", description = "models directory (default: $ADLENS_MODELS or ./models)")
    Path models = Path.of(System.getenv().getOrDefault("ADLENS_MODELS", "models"));

    @Override
    public Integer call() throws Exception {
        CategoryTaxonomy t = CategoryTaxonomy.load(taxonomy.toString());
        if (t.categories().stream().anyMatch(c -> !c.exampleImages().isEmpty())) {
            // their text is what adlens's OCR reads at load; give that text as "text" examples instead
            System.err.println("prototypes: " + taxonomy + " has example images; only example texts are encoded here");
            return 2;
        }
        // the word capacity the pipeline gives its text model: the head's
        int words = HeadSpec.read(models.resolve("head/head.json")).maxWords();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = json.createObjectNode();
        try (LocalTextModel model = LocalTextModel.open(models, 2, words)) {
            SentenceEncoder encoder = CategoryLoader.sentences(model.embedder(null));
            doc.put("encoder", encoder.name()).put("fittedOn", fittedOn);
            ObjectNode cats = doc.putObject("categories");
            List<Category> withExamples = t.categories().stream().filter(c -> !c.exampleTexts().isEmpty())
                    .sorted(Comparator.comparing(Category::id)).toList();
            for (Category c : withExamples) {
                float[] prototype = CategoryIndex.prototype(encoder.encode(c.exampleTexts()));
                cats.putObject(c.id()).put("examples", c.exampleTexts().size()).put("vector", base64(prototype));
            }
        }
        Files.writeString(out, json.writeValueAsString(doc) + "\n");
        System.err.printf("prototypes: %d categories with examples -> %s%n", doc.get("categories").size(), out);
        return 0;
    }

    private static String base64(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }
}
