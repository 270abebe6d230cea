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
}
