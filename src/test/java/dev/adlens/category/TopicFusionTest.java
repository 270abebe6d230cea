package dev.adlens.category;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.error.AdlensException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The head + phrases mixture: who decides when, and the abstention. Gate weights as models/head/fusion.json has. */
@dev.adlens.UnitTest
class TopicFusionTest {
    static final List<Integer> ORDER = List.of(9, 15, 19);
    static final double[] HEAD_GATE = {-1.47, 0.89, 0.63, 1.03};
    static final double[] PHRASE_GATE = {-0.93, 1.58, 1.13, 0.56, -0.80};

    static TopicFusion fusion(double unclearBelow) throws AdlensException {
        CategoryIndex phrases = CategoryIndex.build(CategoryTaxonomy.parse("""
                {"format": "adlens-taxonomy-1", "id": "pitt-topics", "categories": [
                 {"id": "9", "name": "cars", "phrases": ["new sedan test drive"]},
                 {"id": "15", "name": "software", "phrases": ["antivirus download", "website builder"]},
                 {"id": "19", "name": "clothing", "phrases": ["jeans and shoes"]}]}"""
                .getBytes(StandardCharsets.UTF_8), "t"), new BagOfWordsEncoder());
        return new TopicFusion(phrases, "head-t", 0.08, HEAD_GATE, PHRASE_GATE, Map.of(), 0.5, unclearBelow);
    }

    static int top(float[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            best = p[i] > p[best] ? i : best;
        }
        return ORDER.get(best);
    }

    @Test
    void wordsThatNameTheProductOutweighAnUnsureHeadsFavourite() throws AdlensException {
        float[] head = {0.05f, 0.02f, 0.30f}; // a head leaning, weakly, to clothing
        TopicFusion.Fused f = fusion(0.1).fuse(head, ORDER, BagOfWordsEncoder.vector("build your own website builder free"), 6);
        assertThat(top(f.probs())).isEqualTo(15);
        assertThat(f.probs()[0] + f.probs()[1] + f.probs()[2]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    }

    @Test
    void withAlmostNoWordsTheHeadKeepsItsAnswer() throws AdlensException {
        float[] head = {0.85f, 0.02f, 0.05f}; // a confident head: the car in the picture
        TopicFusion.Fused f = fusion(0.1).fuse(head, ORDER, BagOfWordsEncoder.vector("jeans"), 1);
        assertThat(top(f.probs())).isEqualTo(9);
    }

    @Test
    void belowTheCalibratedConfidenceTheAnswerIsUnclear() throws AdlensException {
        float[] flat = {0.1f, 0.1f, 0.1f};
        assertThat(fusion(0.5).fuse(flat, ORDER, new float[BagOfWordsEncoder.DIM], 0).unclear()).isTrue();
        assertThat(fusion(0.2).fuse(flat, ORDER, new float[BagOfWordsEncoder.DIM], 0).unclear()).isFalse();
    }
}
