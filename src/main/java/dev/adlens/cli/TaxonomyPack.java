package dev.adlens.cli;

import dev.adlens.app.Adlens;
import dev.adlens.category.Category;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.onnx.GraphCache;
import dev.adlens.pipeline.CategoryLoader;
import dev.adlens.safety.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code adlens taxonomy pack}: a deployment's own taxonomies (and policy) made ready for the Lambda layer. Each file is
 * loaded exactly as the function will load it (validated, example images read, the policy checked against it), then
 * copied with its example images under {@code DIR/user/ID/}, its texts' vectors are written to
 * {@code DIR/categories/} and its example images' reads to {@code DIR/examples/} — where the function reads what ships
 * with the models — so a cold start neither encodes every text (a 1,000-class taxonomy: ~2 s on 2 cores) nor reads
 * every example image through the pipeline (~0.2 s each). DIR is merged into the layer's
 * models directory ({@code native-build/build-layer --user DIR}); the command prints the SAM parameters naming what
 * it packed, as the function will see them.
 */
@Command(name = "pack", mixinStandardHelpOptions = true,
        description = "Make taxonomies (and a policy) ready to deploy: each file loaded as the function will load it, "
                + "copied with its example images under DIR/user/ID/, its texts encoded into DIR/categories/ and its "
                + "example images' reads kept in DIR/examples/ (a cold start reads them), the policy checked against "
                + "them. Prints the SAM parameters "
                + "Taxonomies= and SafetyPolicy= naming them under --layer-models. The taxonomies are --taxonomy "
                + "(repeatable, in order; built-in ids pass through), the policy --policy. DIR goes into the layer with "
                + "native-build/build-layer --user DIR (./adlens deploy --taxonomy does both).")
final class TaxonomyPack implements Callable<Integer> {
    /** The packed files' names in the layer (the taxonomy's in its own directory, beside its example images). */
    static final String TAXONOMY = "taxonomy.json";
    static final String POLICY = "policy.json";

    @Option(names = "--into", paramLabel = "DIR", required = true,
            description = "where the packed files go (created; what it already holds is kept)")
    Path into;

    @Option(names = "--layer-models", paramLabel = "DIR", description = "the models directory on Lambda, where DIR "
            + "is merged (default: ${DEFAULT-VALUE})")
    String layerModels = "/opt/models";

    /** --taxonomy (repeatable: the deployment's taxonomies in order; built-in ids pass through) and --policy. */
    @Mixin
    ModelOptions models = new ModelOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path policy = Policy.DEFAULT_NAME.equals(models.policy) ? null : Path.of(models.policy);
        if (models.taxonomies.isEmpty() && policy == null) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give the taxonomies to pack with "
                    + "--taxonomy (repeatable, in the deployment's order), a policy file with --policy, or both");
        }
        List<CategoryLoader.Source> sources = CategoryLoader.read(models.taxonomies); // a bad file fails before any model loads
        for (CategoryLoader.Source s : sources) {
            // the id names the taxonomy's directory in the layer, and the path goes into a comma-separated parameter
            if (!CategoryTaxonomy.BUILT_IN.contains(s.name()) && !s.taxonomy().id().matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "taxonomy " + s.name()
                        + ": its id \"" + s.taxonomy().id() + "\" cannot name a directory in the layer: to be packed "
                        + "an id uses letters, digits, '_', '-' and '.' (not first)");
            }
        }
        Path scratch = Files.createTempDirectory("adlens-pack");
        try {
            // the writable category cache is the graph cache's sibling: every text this load must encode lands in
            // scratch/categories (what the models already ship is read, not written)
            try (Adlens ignored = Adlens.open(models.settings().withGraphCache(GraphCache.in(scratch.resolve("onnx"))))) {
                // loaded as the function loads them: example images read, texts encoded, the policy checked
            }
            List<String> named = new ArrayList<>();
            for (CategoryLoader.Source s : sources) {
                named.add(CategoryTaxonomy.BUILT_IN.contains(s.name()) ? s.name() : layerModels + "/" + copy(s));
            }
            Files.createDirectories(into.resolve("user")); // the layer build expects it, even for built-in ids alone
            // what the load wrote to the scratch cache: the texts' vectors and the example images' reads
            for (String kept : new String[]{"categories", "examples"}) {
                Path from = scratch.resolve(kept);
                Path to = Files.createDirectories(into.resolve(kept));
                if (Files.isDirectory(from)) {
                    try (Stream<Path> files = Files.list(from)) {
                        for (Path f : files.filter(f -> !f.toString().endsWith(".tmp")).toList()) {
                            // readable by the function's user: Lambda unpacks a layer as root, runs as another user
                            Files.setPosixFilePermissions(Files.copy(f, to.resolve(f.getFileName()),
                                    StandardCopyOption.REPLACE_EXISTING), PosixFilePermissions.fromString("rw-r--r--"));
                        }
                    }
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            if (!named.isEmpty()) {
                out.println("Taxonomies=" + String.join(",", named));
            }
            if (policy != null) {
                // fixed names: a space or comma in the user's file name would split SAM's parameter
                Files.copy(policy, into.resolve("user").resolve(POLICY), StandardCopyOption.REPLACE_EXISTING);
                out.println("SafetyPolicy=" + layerModels + "/user/" + POLICY);
            }
            out.flush();
            return 0;
        } finally {
            deleteTree(scratch);
        }
    }

    /** Copies a taxonomy file and its example images under into/user/ID/; returns its path relative to into. */
    private String copy(CategoryLoader.Source s) throws IOException {
        Path file = Path.of(s.name()).toAbsolutePath();
        Path dir = Files.createDirectories(into.resolve("user").resolve(s.taxonomy().id()));
        Files.copy(file, dir.resolve(TAXONOMY), StandardCopyOption.REPLACE_EXISTING);
        for (Category c : s.taxonomy().categories()) {
            for (String image : c.exampleImages()) { // inside the file's directory: the load above checked it
                Path target = dir.resolve(image).normalize();
                Files.createDirectories(target.getParent());
                Files.copy(file.getParent().resolve(image), target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return "user/" + s.taxonomy().id() + "/" + TAXONOMY;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
