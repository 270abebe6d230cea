package dev.adlens.bench;

import dev.adlens.TestModels;
import dev.adlens.category.AdSignals;
import dev.adlens.category.CategoryIndex;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.category.Knowledge;
import dev.adlens.category.SentenceEncoder;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.category.Transfer;
import dev.adlens.pipeline.CategoryLoader;
import dev.adlens.text.LocalTextModel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What borrowing costs a user taxonomy of 1,000 classes (CategoryBench's): {@code align} is the extra load (every
 * category against IAB's 583 and Pitt's 38), {@code knowledge} the per-ad knowledge vector (IAB scored once),
 * {@code scoreBorrowing} the per-ad label with it, beside {@code scorePlain}, the same taxonomy without borrowing.
 * Run: ./adlens jmh TransferBench -f 1 -wi 2 -i 3 -w 2s -r 3s
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TransferBench {
    LocalTextModel model;
    Knowledge knowledge;
    CategoryIndex plain;
    CategoryIndex borrowing;
    float[] ad;
    Map<String, Float> pitt = new HashMap<>();
    float[] adKnowledge;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = LocalTextModel.open(TestModels.dir(), 2, 40);
        SentenceEncoder encoder = CategoryLoader.sentences(model.embedder(null));
        knowledge = new Knowledge(CategoryIndex.build(CategoryTaxonomy.builtIn("iab-ad-product-2.0"), encoder),
                CategoryIndex.build(CategoryTaxonomy.builtIn("pitt-topics"), encoder));
        plain = CategoryIndex.build(CategoryTaxonomy.parse(CategoryBench.thousand().getBytes(StandardCharsets.UTF_8),
                "bench"), encoder);
        borrowing = plain.withTransfer(align());
        ad = encoder.encode(List.of("Start your free trial of the best antivirus and VPN for Windows and Mac today"))
                .get(0);
        for (int t = 1; t <= 38; t++) {
            pitt.put(Integer.toString(t), t == 15 ? 0.63f : 0.01f);
        }
        adKnowledge = knowledge();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        model.close();
    }

    @Benchmark
    public Transfer align() throws Exception {
        return Transfer.align(plain, knowledge, Map.of());
    }

    @Benchmark
    public float[] knowledge() {
        return knowledge.of(ad, pitt);
    }

    @Benchmark
    public TaxonomyLabels scoreBorrowing() {
        return borrowing.label(new AdSignals(ad, "free trial antivirus vpn windows mac", pitt, adKnowledge));
    }

    @Benchmark
    public TaxonomyLabels scorePlain() {
        return plain.label(new AdSignals(ad, "free trial antivirus vpn windows mac", pitt, null));
    }
}
