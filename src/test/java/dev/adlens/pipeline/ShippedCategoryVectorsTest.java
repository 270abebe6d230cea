package dev.adlens.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.category.CategoryIndex;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.category.SentenceEncoder;
import dev.adlens.error.AdlensException;
import dev.adlens.head.HeadSpec;
import dev.adlens.text.LocalTextModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The built-in taxonomies' vectors shipped in models/categories/ are current: making every built-in taxonomy ready
 * with them encodes nothing but what no cache keeps (a category's few examples), and what they give is what encoding
 * gives. When this fails after a taxonomy or the text encoder changed, rerun models/build/category-vectors.
 */
@IntegrationTest
class ShippedCategoryVectorsTest {
    @Test
    void everyBuiltInTaxonomyIsReadFromTheShippedVectorsAndEqualsAFreshEncoding() throws Exception {
        int words = HeadSpec.read(TestModels.headDir().resolve("head.json")).maxWords();
        try (LocalTextModel model = LocalTextModel.open(TestModels.dir(), 2, words)) {
            SentenceEncoder real = CategoryLoader.sentences(model.embedder(null));
            List<Integer> encoded = new ArrayList<>();
            SentenceEncoder watched = new SentenceEncoder() {
                @Override
                public List<float[]> encode(List<String> texts) throws AdlensException {
                    encoded.add(texts.size());
                    return real.encode(texts);
                }

                @Override
                public String name() {
                    return real.name();
                }
            };
            SentenceEncoder shipped = new CachedSentences(watched,
                    Optional.of(TestModels.dir().resolve("categories")), Optional.empty());
            for (String id : CategoryTaxonomy.BUILT_IN) {
                CategoryTaxonomy t = CategoryTaxonomy.builtIn(id);
                CategoryIndex fromShipped = CategoryIndex.build(t, shipped);
                assertThat(encoded).as("%s encoded %s texts: models/categories/ is stale; rerun "
                        + "models/build/category-vectors", id, encoded).allMatch(n -> n < CachedSentences.MIN_TEXTS);
                CategoryIndex fresh = CategoryIndex.build(t, real);
                float[] ad = real.encode(List.of("Book cheap flights and hotels for your summer vacation")).get(0);
                assertThat(fromShipped.similarities(ad)).containsExactly(fresh.similarities(ad),
                        Offset.offset(1e-5f));
            }
        }
    }

    /**
     * Prototypes are used only with the encoder that made them, and a mismatch is silent by design (a user's file
     * made with another encoder still loads): so a built-in taxonomy whose prototypes no longer match the shipped
     * encoder would quietly lose its examples. Both built-ins carry them (IAB, and the Pitt topics the fusion reads).
     */
    @Test
    void theBuiltInPrototypesAreTheShippedEncodersAndMoveTheSimilarities() throws Exception {
        int words = HeadSpec.read(TestModels.headDir().resolve("head.json")).maxWords();
        try (LocalTextModel model = LocalTextModel.open(TestModels.dir(), 2, words)) {
            SentenceEncoder real = new CachedSentences(CategoryLoader.sentences(model.embedder(null)),
                    Optional.of(TestModels.dir().resolve("categories")), Optional.empty());
            float[] ad = real.encode(List.of("Create your online store today. Free trial, no credit card")).get(0);
            for (String id : List.of("iab-ad-product-2.0", "pitt-topics")) {
                CategoryTaxonomy t = CategoryTaxonomy.builtIn(id);
                assertThat(t.prototypes()).as(id).isNotNull();
                assertThat(t.prototypes().encoder()).as(id).isEqualTo(real.name());
                assertThat(t.prototypes().categories().values()).as(id)
                        .allMatch(p -> p.vector().length == ad.length);
                CategoryTaxonomy without = new CategoryTaxonomy(t.id(), t.version(), t.name(), t.cattax(),
                        t.categories(), t.calibration(), t.bridge(), null, t.transfer());
                float[] with = CategoryIndex.build(t, real).similarities(ad);
                float[] plain = CategoryIndex.build(without, real).similarities(ad);
                int moved = 0;
                for (int i = 0; i < with.length; i++) {
                    moved += Math.abs(with[i] - plain[i]) > 1e-4f ? 1 : 0;
                }
                assertThat(moved).as("%s: categories whose similarity its prototypes change", id)
                        .isEqualTo(t.prototypes().categories().size());
            }
        }
    }
}
