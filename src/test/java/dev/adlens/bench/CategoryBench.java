package dev.adlens.bench;

import dev.adlens.TestModels;
import dev.adlens.category.CategoryIndex;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.pipeline.CachedSentences;
import dev.adlens.pipeline.CategoryLoader;
import dev.adlens.text.LocalTextModel;
import dev.adlens.category.SentenceEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The category engine's costs with the real text encoder: {@code load} makes a taxonomy ready (parse, validate, encode
 * every name, description and phrase); {@code score} is what it adds per ad (one dot product per encoded text, the
 * hierarchy, the decision). Taxonomies: a generated user taxonomy of 1,000 classes (name + description each, 100
 * top-level with 9 children), IAB Ad Product 2.0 (583 categories, phrases), the Pitt topic phrases.
 * {@code loadCached} is a later start, the encoded texts read from the cache beside the ONNX graph cache.
 * Run: ./adlens jmh CategoryBench -f 1 -wi 2 -i 3 -w 2s -r 3s
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CategoryBench {
    @Param({"user-1000", "iab-ad-product-2.0", "pitt-topics"})
    String taxonomy;

    LocalTextModel model;
    SentenceEncoder encoder;
    SentenceEncoder cached;
    Path cacheDir;
    byte[] file;
    CategoryIndex index;
    float[] ad;

    static String thousand() {
        return "{\"format\": \"adlens-taxonomy-1\", \"id\": \"user-1000\", \"categories\": ["
                + IntStream.range(0, 1000).mapToObj(i -> "{\"id\": \"c" + i + "\", \"name\": \"product line " + i
                        + " category\", \"description\": \"ads for item " + i + " of the catalogue, model " + (i * 7)
                        + "\"" + (i % 10 == 0 ? "" : ", \"parent\": \"c" + (i / 10 * 10) + "\"") + "}")
                .collect(Collectors.joining(",")) + "]}";
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = LocalTextModel.open(TestModels.dir(), 2, 40);
        encoder = CategoryLoader.sentences(model.embedder(null));
        file = taxonomy.equals("user-1000") ? thousand().getBytes(StandardCharsets.UTF_8) : null;
        index = load();
        cacheDir = Files.createTempDirectory("adlens-bench-categories");
        cached = new CachedSentences(encoder, Optional.empty(),
                Optional.of(cacheDir));
        loadCached(); // the first start writes the cache
        ad = encoder.encode(List.of("Start your free trial of the best antivirus and VPN for Windows and Mac today"))
                .get(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        model.close();
    }

    @Benchmark
    public CategoryIndex load() throws Exception {
        CategoryTaxonomy t = file == null ? CategoryTaxonomy.builtIn(taxonomy) : CategoryTaxonomy.parse(file, "bench");
        return CategoryIndex.build(t, encoder);
    }

    /** A later start: the encoded texts read back from the cache beside the graph cache (CachedSentences). */
    @Benchmark
    public CategoryIndex loadCached() throws Exception {
        CategoryTaxonomy t = file == null ? CategoryTaxonomy.builtIn(taxonomy) : CategoryTaxonomy.parse(file, "bench");
        return CategoryIndex.build(t, cached);
    }

    @Benchmark
    public TaxonomyLabels score() {
        return index.label(ad, Map.of("15", 0.8f));
    }
}
