package dev.adlens.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * `adlens taxonomy pack` with the real models: a taxonomy of yours (with an example image) and a policy that reads it,
 * packed, merged into a copy of the models directory as the layer build merges it (/opt/models on Lambda); a load from
 * there encodes nothing (its vectors are read), and labeling with the packed files works.
 */
@IntegrationTest
class TaxonomyPackTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = AdlensCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        int exit = cl.execute(args);
        return new Run(exit, out.toString());
    }

    /** A taxonomy of 20 named and described categories (40 texts: enough to be kept encoded), one with an example ad. */
    private static Path taxonomy(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("examples"));
        Files.copy(Path.of("samples/petfood-trailblazer.jpg"), dir.resolve("examples/dog-food.jpg"));
        var root = JSON.createObjectNode().put("format", "adlens-taxonomy-1").put("id", "mine").put("version", "1");
        var categories = root.putArray("categories");
        String[] names = {"Pet food", "Bourbon and whiskey", "Air travel", "Allergy medicine", "Banking", "Kites",
                "Tax software", "Furniture", "Sneakers", "Coffee", "Car insurance", "Mobile phones", "Pizza delivery",
                "Video games", "Hotels", "Cosmetics", "Web hosting", "Dating apps", "Lottery", "Solar panels"};
        for (int i = 0; i < names.length; i++) {
            var c = categories.addObject().put("id", "c" + i).put("name", names[i])
                    .put("description", "advertisements for " + names[i].toLowerCase());
            if (i == 0) {
                c.putArray("examples").addObject().put("image", "examples/dog-food.jpg");
            }
        }
        return Files.writeString(dir.resolve("mine.json"), JSON.writeValueAsString(root));
    }

    private static List<Path> vectors(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".f32")).toList();
        }
    }

    @Test
    void packedTaxonomiesLoadFromTheLayerWithoutEncoding(@TempDir Path dir) throws Exception {
        Path file = taxonomy(dir.resolve("src"));
        Path policy = Files.writeString(dir.resolve("src/policy.json"), "{\"format\": \"adlens-policy-1\", "
                + "\"name\": \"p\", \"version\": \"1\", \"categories\": [{\"taxonomy\": \"mine\", \"id\": \"c1\", "
                + "\"action\": \"block\"}]}");
        Path into = dir.resolve("packed");

        Run packed = run("taxonomy", "pack", "--taxonomy", "iab-ad-product-2.0", "--taxonomy", file.toString(),
                "--policy", policy.toString(), "--into", into.toString(), "--models", TestModels.dir().toString());

        assertThat(packed.exit()).isZero();
        assertThat(packed.out().lines()).containsExactly(
                "Taxonomies=iab-ad-product-2.0,/opt/models/user/mine/taxonomy.json",
                "SafetyPolicy=/opt/models/user/policy.json");
        assertThat(into.resolve("user/mine/taxonomy.json")).hasSameTextualContentAs(file);
        assertThat(into.resolve("user/mine/examples/dog-food.jpg")).hasSameBinaryContentAs(
                Path.of("samples/petfood-trailblazer.jpg"));
        assertThat(into.resolve("user/policy.json")).hasSameTextualContentAs(policy);
        try (Stream<Path> reads = Files.list(into.resolve("examples"))) {
            assertThat(reads.toList()).as("the example image's read, kept for the function").hasSize(1);
        }
        List<Path> written = vectors(into.resolve("categories"));
        assertThat(written).isNotEmpty().allSatisfy(v -> assertThat(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(v))).isEqualTo("rw-r--r--"));

        // the layer's models directory: the models, their shipped vectors and the pack merged in
        Path layer = Files.createDirectories(dir.resolve("opt/models/categories"));
        try (Stream<Path> s = Files.list(TestModels.dir())) {
            for (Path p : s.toList()) {
                if (!p.getFileName().toString().equals("categories")) {
                    Files.createSymbolicLink(layer.resolveSibling(p.getFileName()), p.toAbsolutePath());
                }
            }
        }
        for (Path v : Stream.concat(vectors(TestModels.dir().resolve("categories")).stream(), written.stream()).toList()) {
            Files.copy(v, layer.resolve(v.getFileName()));
        }
        Path models = layer.getParent();
        copyTree(into.resolve("user"), models.resolve("user"));
        copyTree(into.resolve("examples"), models.resolve("examples"));

        // a load from the layer finds every text it needs encoded: a second pack from there writes no vectors
        Path again = dir.resolve("again");
        assertThat(run("taxonomy", "pack", "--taxonomy", models.resolve("user/mine/taxonomy.json").toString(),
                "--into", again.toString(), "--models", models.toString()).exit()).isZero();
        assertThat(vectors(again.resolve("categories"))).isEmpty();
        try (Stream<Path> reads = Files.list(again.resolve("examples"))) {
            assertThat(reads.toList()).as("the example was not read again").isEmpty();
        }

        // and the function's view works: labels in the packed taxonomy under the packed policy, no writable cache
        Path out = dir.resolve("labels.jsonl");
        assertThat(AdlensCommand.commandLine().execute("label", "samples/alcohol-wild-range-bourbon.jpg", "--out",
                out.toString(), "--models", models.toString(), "--graph-cache", "none", "--taxonomy",
                models.resolve("user/mine/taxonomy.json").toString(), "--policy",
                models.resolve("user/policy.json").toString())).isZero();
        JsonNode line = JSON.readTree(Files.readString(out));
        assertThat(line.at("/taxonomies/mine/categories/0/id").asText()).isEqualTo("c1"); // Bourbon and whiskey
        assertThat(line.at("/safety/verdict").asText()).isEqualTo("block");
    }

    @Test
    void aPolicyReadingATaxonomyNotPackedIsRefusedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path policy = Files.writeString(dir.resolve("policy.json"), "{\"format\": \"adlens-policy-1\", \"name\": "
                + "\"p\", \"version\": \"1\", \"categories\": [{\"taxonomy\": \"elsewhere\", \"id\": \"x\", "
                + "\"action\": \"block\"}]}");
        Path into = dir.resolve("packed");

        Run r = run("taxonomy", "pack", "--taxonomy", "iab-ad-product-2.0", "--policy", policy.toString(),
                "--into", into.toString(), "--models", TestModels.dir().toString());

        assertThat(r.exit()).isNotZero();
        assertThat(r.out()).isEmpty();
        assertThat(into).doesNotExist();
    }

    @Test
    void anIdThatCannotNameALayerDirectoryIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("odd.json"), "{\"format\": \"adlens-taxonomy-1\", \"id\": "
                + "\"..\", \"categories\": [{\"id\": \"a\", \"name\": \"Cars\"}]}");

        Run r = run("taxonomy", "pack", "--taxonomy", file.toString(), "--into", dir.resolve("packed").toString(),
                "--models", TestModels.dir().toString());

        assertThat(r.exit()).isEqualTo(2); // a usage error, before any model loads
        assertThat(dir.resolve("packed")).doesNotExist();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
