package dev.adlens.labels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@UnitTest
class TaxonomyTest {
    private final PittTaxonomy taxonomy = PittTaxonomy.official();

    @Test
    void parsesThe38OfficialTopicsFromUtf16() {
        assertThat(taxonomy.topics()).hasSize(38);
        assertThat(taxonomy.topics()).extracting(LabelClass::id).containsExactlyElementsOf(
                IntStream.rangeClosed(1, 38).boxed().toList());
        assertThat(taxonomy.topic(1).orElseThrow()).isEqualTo(
                new LabelClass(1, "restaurant", "Restaurants, cafe, fast food"));
        assertThat(taxonomy.topic(19).orElseThrow().key()).isEqualTo("clothing");
        assertThat(taxonomy.topic(39)).isEmpty(); // "unclear" is an annotation answer, not a class
    }

    @Test
    void parsesThe30OfficialSentimentsFromLatin1WithNbsp() {
        assertThat(taxonomy.sentiments()).hasSize(30);
        LabelClass active = taxonomy.sentiment(1).orElseThrow();
        assertThat(active.key()).isEqualTo("active");
        assertThat(active.name()).isEqualTo("Active (energetic, adventurous, vibrant, enthusiastic, playful)");
        assertThat(taxonomy.sentiment(12).orElseThrow().key()).isEqualTo("creative");
        assertThat(taxonomy.sentiments()).allSatisfy(c -> assertThat(c.name()).doesNotContain("\u00A0"));
    }
}
