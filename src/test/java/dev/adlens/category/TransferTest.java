package dev.adlens.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a user's taxonomy borrows from the built-in knowledge: alignment by the categories' own words, the borrowed
 * probability on an ad, categories that align with nothing, the file's overrides, and example ads.
 */
@dev.adlens.UnitTest
class TransferTest {
    /** A stand-in for the built-in knowledge: two "IAB" categories and two "Pitt" topics, read by bag of words. */
    static Knowledge knowledge() throws AdlensException {
        CategoryIndex iab = CategoryIndexTest.index("""
                {"format": "adlens-taxonomy-1", "id": "iab-like",
                 "categories": [
                  {"id": "cars", "name": "Vehicles", "phrases": ["cars trucks dealer"]},
                  {"id": "ins", "name": "Insurance", "phrases": ["insurance policy quote"]}
                 ]}""");
        CategoryIndex pitt = CategoryIndexTest.index("""
                {"format": "adlens-taxonomy-1", "id": "pitt-like",
                 "categories": [
                  {"id": "9", "name": "Cars", "phrases": ["cars"]},
                  {"id": "12", "name": "Financial services", "phrases": ["bank loan"]}
                 ]}""");
        return new Knowledge(iab, pitt);
    }

    /**
     * A user's taxonomy read by the bag-of-words stand-in, whose cosines are on another scale than the shipped
     * encoder's: the file sets the alignment thresholds for it (the values first chosen on MiniLM's scale).
     */
    static CategoryIndex user(String categories) throws AdlensException {
        return CategoryIndexTest.index("{\"format\": \"adlens-taxonomy-1\", \"id\": \"mine\", " + BAG_OF_WORDS_SCALE
                + ", \"categories\": [" + categories + "]}");
    }

    static final String BAG_OF_WORDS_SCALE =
            "\"transfer\": {\"temperature\": 0.07, \"alignedFrom\": 0.45, \"alignedAt\": 0.6}";

    /** An ad's knowledge vector: IAB probabilities (cars, ins), then the Pitt topics' (9, 12). */
    static float[] ad(float cars, float ins, float pittCars, float pittFinance) {
        return new float[] {cars, ins, pittCars, pittFinance};
    }

    static TaxonomyLabels label(CategoryIndex ix, String words, float[] knowledge) {
        return ix.label(new AdSignals(BagOfWordsEncoder.vector(words), words, Map.of(), knowledge));
    }

    static String top(TaxonomyLabels l) {
        return l.categories().get(0).id();
    }

    @Test
    void aCategoryNamedLikeABuiltInOneTakesItsEvidenceWhenTheAdSaysNoneOfItsWords() throws AdlensException {
        CategoryIndex mine = user("{\"id\": \"auto\", \"name\": \"Cars and trucks\"},"
                + "{\"id\": \"cover\", \"name\": \"Insurance quote\"}");
        CategoryIndex borrowing = mine.withTransfer(Transfer.align(mine, knowledge(), Map.of()));
        // the ad's words are in neither user category; what adlens knows of it (IAB Vehicles) decides
        float[] carAd = ad(0.9f, 0.1f, 0.8f, 0.2f);
        assertThat(top(label(borrowing, "drive home the new sedan today", carAd))).isEqualTo("auto");
        assertThat(top(label(borrowing, "drive home the new sedan today", ad(0.1f, 0.9f, 0.2f, 0.8f))))
                .isEqualTo("cover");
        // without borrowing the two are alike: the answer is whatever comes first
        TaxonomyLabels alone = label(mine, "drive home the new sedan today", carAd);
        assertThat(alone.categories().get(0).score()).isEqualTo(alone.categories().get(1).score());
        // the evidence names what it borrowed the most from: the Pitt topic (0.8, counted 1.5 times by default)
        // over IAB Vehicles (0.9)
        assertThat(label(borrowing, "drive home the new sedan today", carAd).categories().get(0).evidence())
                .isEqualTo("reads like Pitt Cars");
    }

    @Test
    void aCategoryThatAlignsWithNothingKeepsItsOwnEvidence() throws AdlensException {
        CategoryIndex mine = user("{\"id\": \"auto\", \"name\": \"Cars and trucks\"},"
                + "{\"id\": \"zebra\", \"name\": \"Zebra crossings\"}");
        Transfer t = Transfer.align(mine, knowledge(), Map.of());
        assertThat(t.explain(1, 3).strength()).isZero();
        assertThat(t.explain(1, 3).sources()).isEmpty();
        assertThat(t.explain(0, 3).strength()).isPositive();
        CategoryIndex borrowing = mine.withTransfer(t);
        // the knowledge says cars, but the ad is about zebra crossings in its own words
        assertThat(top(label(borrowing, "zebra crossings near schools", ad(0.9f, 0.1f, 0.8f, 0.2f))))
                .isEqualTo("zebra");
    }

    @Test
    void inATaxonomyThatDoesNotCoverEveryAdWhatNoCategoryAlignsWithGoesToNoneOfThemNotToAnUnalignedCategory()
            throws AdlensException {
        String cats = "{\"id\": \"auto\", \"name\": \"Cars and trucks\"}, {\"id\": \"guns\", \"name\": \"Weapons\"}";
        CategoryIndex covering = user(cats);
        CategoryIndex partial = CategoryIndexTest.index("{\"format\": \"adlens-taxonomy-1\", \"id\": \"mine\", "
                + "\"exhaustive\": false, \"calibration\": {\"noneAt\": 0}, " + BAG_OF_WORDS_SCALE
                + ", \"categories\": [" + cats + "]}"); // on the stand-in's scale an ad sharing no word is at 0
        Transfer t = Transfer.align(partial, knowledge(), Map.of());
        float[] insuranceAd = ad(0.05f, 0.95f, 0.1f, 0.9f);
        float[] borrowed = t.evidenceAndNone(insuranceAd);
        // "Weapons" borrows nothing: it gains exactly what "none of them" gains, and competes with it on its own words
        assertThat(borrowed[1]).isEqualTo(borrowed[2]);
        assertThat(borrowed[0]).isLessThan(borrowed[2]);
        assertThat(t.evidence(insuranceAd)).containsExactly(borrowed[0], borrowed[1]);
        // covering every ad, the insurance ad must be something: the category that borrows nothing takes it
        TaxonomyLabels forced = label(covering.withTransfer(Transfer.align(covering, knowledge(), Map.of())),
                "your policy quote in minutes", insuranceAd);
        assertThat(forced.selected()).extracting(CategoryScore::id).containsExactly("guns");
        // not covering every ad, it is none of them; a car ad is still the cars category
        CategoryIndex borrowing = partial.withTransfer(t);
        TaxonomyLabels insurance = label(borrowing, "your policy quote in minutes", insuranceAd);
        assertThat(insurance.noneOfThem()).isTrue();
        assertThat(insurance.selected()).isEmpty();
        TaxonomyLabels car = label(borrowing, "drive home the new sedan today", ad(0.9f, 0.1f, 0.8f, 0.2f));
        assertThat(car.selected()).extracting(CategoryScore::id).containsExactly("auto");
        assertThat(car.none()).isLessThan(0.5);
    }

    @Test
    void theAlignmentThresholdsAreTheFilesToSetOnItsEncodersScale() throws AdlensException {
        String cats = "\"categories\": [{\"id\": \"auto\", \"name\": \"Cars and trucks\"}]}";
        CategoryIndex scaled = user("{\"id\": \"auto\", \"name\": \"Cars and trucks\"}");
        CategoryIndex defaults = CategoryIndexTest.index("{\"format\": \"adlens-taxonomy-1\", \"id\": \"d\", " + cats);
        double best = Transfer.align(scaled, knowledge(), Map.of()).explain(0, 1).sources().get(0).alignment();
        assertThat(best).as("the bag of words' cosine for Cars and trucks ~ Vehicles").isBetween(0.6, 0.68);
        assertThat(Transfer.align(scaled, knowledge(), Map.of()).explain(0, 1).strength()).isEqualTo(1.0f);
        // the defaults are on the shipped encoder's scale, where such a cosine means unrelated
        assertThat(Transfer.align(defaults, knowledge(), Map.of()).explain(0, 1).strength()).isZero();
        assertThatThrownBy(() -> CategoryTaxonomy.parse(("{\"format\": \"adlens-taxonomy-1\", \"id\": \"x\", "
                + "\"transfer\": {\"alignedFrom\": 0.7, \"alignedAt\": 0.5}, " + cats).getBytes(StandardCharsets.UTF_8), "x"))
                .isInstanceOfSatisfying(AdlensException.class,
                        e -> assertThat(e.getMessage()).contains("alignedFrom < alignedAt"));
    }

    @Test
    void theFileChoosesWhatACategoryBorrowsFromOrTurnsItOff() throws AdlensException {
        CategoryIndex mine = CategoryIndex.build(CategoryTaxonomy.parse("""
                {"format": "adlens-taxonomy-1", "id": "mine", "categories": [
                 {"id": "a", "name": "Alpha", "alignTo": ["iab:ins", "pitt:12"]},
                 {"id": "b", "name": "Beta cars", "alignTo": []},
                 {"id": "c", "name": "Gamma"}]}""".getBytes(StandardCharsets.UTF_8), "t"), new BagOfWordsEncoder());
        Transfer t = Transfer.align(mine, knowledge(), Map.of());
        assertThat(t.explain(0, 5).fromFile()).isTrue();
        assertThat(t.explain(0, 5).sources()).extracting(Transfer.Explained.Source::key)
                .containsExactly("iab:ins", "pitt:12");
        assertThat(t.explain(1, 5).strength()).isZero(); // "Beta cars" would align with Vehicles; the file said no
        CategoryIndex borrowing = mine.withTransfer(t);
        assertThat(top(label(borrowing, "nothing to read here", ad(0.05f, 0.95f, 0.1f, 0.9f)))).isEqualTo("a");
        CategoryIndex unknown = CategoryIndex.build(CategoryTaxonomy.parse("""
                {"format": "adlens-taxonomy-1", "id": "mine", "categories": [
                 {"id": "a", "name": "Alpha", "alignTo": ["iab:nope"]}]}""".getBytes(StandardCharsets.UTF_8), "t"),
                new BagOfWordsEncoder());
        assertThatThrownBy(() -> Transfer.align(unknown, knowledge(), Map.of()))
                .isInstanceOfSatisfying(AdlensException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TAXONOMY_INVALID);
                    assertThat(e.getMessage()).contains("alignTo iab:nope");
                });
    }

    @Test
    void whenThePittTopicsAreSureAndIabLeansTheOtherWayTheDefaultFollowsThePittTopics() throws AdlensException {
        // at the old default (0.25) a Pitt-like taxonomy borrowed mostly IAB's evidence and read Pitt-like slogans no
        // better than borrowing nothing (models/README.md, "A taxonomy worded like the Pitt topics")
        String cats = "{\"id\": \"auto\", \"name\": \"Cars and trucks\"},"
                + "{\"id\": \"cover\", \"name\": \"Insurance quote\"}";
        float[] ad = ad(0.3f, 0.7f, 0.95f, 0.05f);
        CategoryIndex byDefault = user(cats);
        assertThat(byDefault.taxonomy().transfer().pittWeight()).isEqualTo(1.5);
        assertThat(top(label(byDefault.withTransfer(Transfer.align(byDefault, knowledge(), Map.of())), "hello", ad)))
                .isEqualTo("auto");
        CategoryIndex quarter = CategoryIndexTest.index("{\"format\": \"adlens-taxonomy-1\", \"id\": \"mine\", "
                + BAG_OF_WORDS_SCALE.replace("{", "{\"pittWeight\": 0.25, ") + ", \"categories\": [" + cats + "]}");
        assertThat(top(label(quarter.withTransfer(Transfer.align(quarter, knowledge(), Map.of())), "hello", ad)))
                .isEqualTo("cover");
    }

    @Test
    void exampleAdsTeachWhatTheBuiltInAnswersMeanForACategory() throws AdlensException {
        // two categories no name aligns apart ("Offer one" / "Offer two"): only their examples can tell them apart
        CategoryIndex mine = user("{\"id\": \"one\", \"name\": \"Offer one cars insurance\"},"
                + "{\"id\": \"two\", \"name\": \"Offer two cars insurance\"}");
        float[] carAd = ad(0.9f, 0.1f, 0.8f, 0.2f);
        float[] insuranceAd = ad(0.1f, 0.9f, 0.2f, 0.8f);
        Transfer byNames = Transfer.align(mine, knowledge(), Map.of());
        Transfer byExamples = Transfer.align(mine, knowledge(),
                Map.of("one", List.of(carAd), "two", List.of(insuranceAd)));
        assertThat(byExamples.explain(0, 3).fromExamples()).isTrue();
        float[] names = byNames.evidence(insuranceAd);
        assertThat(names[0]).isCloseTo(names[1], org.assertj.core.data.Offset.offset(1e-4f));
        float[] examples = byExamples.evidence(insuranceAd);
        assertThat(examples[1]).isGreaterThan(examples[0]);
        assertThat(top(label(mine.withTransfer(byExamples), "hello", carAd))).isEqualTo("one");
    }

    /**
     * Examples for only some categories: the one with an example must not take what the others borrow. Its example
     * ad's knowledge vector is positive on every entry, so a re-division of each entry among the categories with
     * examples alone gave it most of every entry, and it won every ad (seen on the sample ads: one example image
     * of a pet food ad made "Pet food" the answer to a bourbon, a bank and a kite ad).
     */
    @Test
    void aCategoryWithExamplesDoesNotTakeWhatCategoriesWithoutThemBorrow() throws AdlensException {
        CategoryIndex mine = user("{\"id\": \"auto\", \"name\": \"Vehicles cars trucks dealer\"},"
                + "{\"id\": \"cover\", \"name\": \"Insurance policy quote\"}");
        float[] carAd = ad(0.9f, 0.1f, 0.8f, 0.2f);
        float[] insuranceAd = ad(0.1f, 0.9f, 0.2f, 0.8f);
        Transfer byNames = Transfer.align(mine, knowledge(), Map.of());
        Transfer oneTaught = Transfer.align(mine, knowledge(), Map.of("auto", List.of(carAd)));
        assertThat(oneTaught.explain(0, 3).fromExamples()).isTrue();
        assertThat(top(label(mine.withTransfer(oneTaught), "hello", insuranceAd))).isEqualTo("cover");
        assertThat(top(label(mine.withTransfer(oneTaught), "hello", carAd))).isEqualTo("auto");
        // what the category without examples borrows is what it borrowed by its name
        assertThat(oneTaught.evidence(insuranceAd)[1]).isEqualTo(byNames.evidence(insuranceAd)[1]);
        // and the taught one gains only from what no category took ("none of them"), never less than by its name
        assertThat(oneTaught.evidence(carAd)[0]).isGreaterThanOrEqualTo(byNames.evidence(carAd)[0]);
    }

    @Test
    void aListedCategoryBringsItsSubtreeAndTheMoreSpecificListingTakesAChild() throws AdlensException {
        // IAB's three tiers: an ad's probability sits at every tier of its answer (children share their parent's)
        CategoryIndex iab = CategoryIndexTest.index("""
                {"format": "adlens-taxonomy-1", "id": "iab-like",
                 "categories": [
                  {"id": "cars", "name": "Vehicles", "phrases": ["cars trucks dealer"]},
                  {"id": "suv", "name": "SUVs", "parent": "cars", "phrases": ["sport utility"]},
                  {"id": "hybrid", "name": "Hybrid SUVs", "parent": "suv", "phrases": ["hybrid sport utility"]},
                  {"id": "ins", "name": "Insurance", "phrases": ["insurance policy quote"]}
                 ]}""");
        CategoryIndex pitt = CategoryIndexTest.index("""
                {"format": "adlens-taxonomy-1", "id": "pitt-like",
                 "categories": [{"id": "12", "name": "Financial services", "phrases": ["bank loan"]}]}""");
        Knowledge knowledge = new Knowledge(iab, pitt);
        CategoryIndex mine = user("{\"id\": \"auto\", \"name\": \"Alpha\", \"alignTo\": [\"iab:cars\"]},"
                + "{\"id\": \"cover\", \"name\": \"Beta\", \"alignTo\": [\"iab:ins\"]},"
                + "{\"id\": \"house\", \"name\": \"Our own brands\", \"alignTo\": []}");
        Transfer t = Transfer.align(mine, knowledge, Map.of());
        assertThat(t.explain(0, 5).sources()).extracting(Transfer.Explained.Source::key)
                .containsExactly("iab:cars", "iab:suv", "iab:hybrid");
        // a hybrid SUV ad: IAB's answer at all three tiers, nothing the words say; listing "iab:cars" takes it all,
        // where listing only the id itself left two thirds of it to "none of them", which the category that borrows
        // nothing gains
        float[] hybridAd = {0.9f, 0.9f, 0.9f, 0.1f, 0f};
        assertThat(top(label(mine.withTransfer(t), "hello", hybridAd))).isEqualTo("auto");
        // a category listing the child itself takes it from the one that listed the parent
        CategoryIndex specific = user("{\"id\": \"auto\", \"name\": \"Alpha\", \"alignTo\": [\"iab:cars\"]},"
                + "{\"id\": \"suvs\", \"name\": \"Beta\", \"alignTo\": [\"iab:suv\"]}");
        Transfer s = Transfer.align(specific, knowledge, Map.of());
        assertThat(s.explain(1, 5).sources()).extracting(Transfer.Explained.Source::key)
                .containsExactly("iab:suv", "iab:hybrid");
        assertThat(s.explain(1, 5).sources().get(0).share()).as("at this file's temperature, 0.07").isGreaterThan(0.75f);
        assertThat(s.explain(0, 5).sources().get(0).key()).isEqualTo("iab:cars");
        assertThat(top(label(specific.withTransfer(s), "hello", hybridAd))).isEqualTo("suvs");
    }
}
