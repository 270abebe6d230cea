package dev.adlens.category;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.error.AdlensException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's scoring: zero-shot phrases, few-shot examples, the hierarchy, abstention, bridges. */
@dev.adlens.UnitTest
class CategoryIndexTest {
    static final String TAXONOMY = """
            {"format": "adlens-taxonomy-1", "id": "t", "version": "3", "cattax": 8,
             "calibration": {"temperature": 0.1, "selectAt": 0.6, "unclearBelow": 0.2},
             "categories": [
              {"id": "sw", "name": "Software", "phrases": ["antivirus download", "website builder"]},
              {"id": "sw-sec", "name": "Security software", "parent": "sw", "phrases": ["antivirus scan"]},
              {"id": "sw-web", "name": "Website tools", "parent": "sw", "phrases": ["website builder"]},
              {"id": "car", "name": "Cars", "phrases": ["new sedan test drive", "car dealer"]},
              {"id": "pol", "name": "Politics", "phrases": ["vote election"]}
             ]}""";

    static CategoryIndex index(String json) throws AdlensException {
        return CategoryIndex.build(CategoryTaxonomy.parse(json.getBytes(StandardCharsets.UTF_8), "test"),
                new BagOfWordsEncoder());
    }

    static CategoryScore score(TaxonomyLabels l, String id) {
        return l.categories().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    static TaxonomyLabels read(CategoryIndex ix, String adText) {
        return ix.label(new AdSignals(BagOfWordsEncoder.vector(adText), adText, Map.of(), null));
    }

    @Test
    void aDeeperCategoryIsSelectedOnlyWhenTheAdSaysItsWordsAndItStandsAboveItsSiblings() throws AdlensException {
        CategoryIndex ix = index(TAXONOMY);
        // the same vector, but no words of the ad to quote: the parent is sent, the child stops there
        TaxonomyLabels unsupported = ix.label(BagOfWordsEncoder.vector("free antivirus scan download today"));
        assertThat(unsupported.selected()).extracting(CategoryScore::id).containsExactly("sw");
        assertThat(score(unsupported, "sw-sec").evidence()).startsWith("resembles: ");
        CategoryIndex cloud = index("""
                {"format": "adlens-taxonomy-1", "id": "c", "calibration": {"selectAt": 0.3},
                 "categories": [
                  {"id": "sw", "name": "Software", "phrases": ["software"]},
                  {"id": "backup", "name": "Cloud backup", "parent": "sw", "phrases": ["cloud backup"]},
                  {"id": "storage", "name": "Cloud storage", "parent": "sw", "phrases": ["cloud storage"]},
                  {"id": "car", "name": "Cars", "phrases": ["car dealer"]}
                 ]}""");
        assertThat(read(cloud, "cloud backup today").selected()).extracting(CategoryScore::id)
                .containsExactly("sw", "backup");
        // the ad is as much one child as the other: the answer stops at their parent
        TaxonomyLabels tie = read(cloud, "cloud backup storage");
        assertThat(score(tie, "backup").score()).isGreaterThanOrEqualTo(0.3f);
        assertThat(tie.selected()).extracting(CategoryScore::id).containsExactly("sw");
    }

    @Test
    void theWordsOfAnAdChooseTheCategoryThatSaysThem() throws AdlensException {
        TaxonomyLabels l = read(index(TAXONOMY), "free antivirus scan download today");
        assertThat(l.unclear()).isFalse();
        assertThat(l.selected()).extracting(CategoryScore::id).containsExactly("sw", "sw-sec");
        assertThat(score(l, "sw-sec").evidence()).isEqualTo("antivirus scan");
        assertThat(score(l, "sw").tier()).isEqualTo(1);
        assertThat(score(l, "sw-sec").tier()).isEqualTo(2);
        assertThat(l.cattax()).isEqualTo(8);
        assertThat(l.version()).isEqualTo("3");
    }

    @Test
    void aChildNeverScoresAboveItsParentAndSiblingsShareItsProbability() throws AdlensException {
        CategoryIndex ix = index(TAXONOMY);
        for (String text : List.of("antivirus scan", "website builder", "car dealer", "vote", "nothing shared")) {
            TaxonomyLabels l = ix.label(BagOfWordsEncoder.vector(text));
            CategoryScore sw = score(l, "sw");
            assertThat(score(l, "sw-sec").score()).isLessThanOrEqualTo(sw.score());
            assertThat(score(l, "sw-web").score()).isLessThanOrEqualTo(sw.score());
            assertThat(score(l, "sw-sec").score() + score(l, "sw-web").score()).isCloseTo(sw.score(),
                    org.assertj.core.data.Offset.offset(1e-5f));
            double roots = score(l, "sw").score() + score(l, "car").score() + score(l, "pol").score();
            assertThat(roots).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void aTaxonomyThatDoesNotCoverEveryAdAnswersNoneOfThemWhenNoCategoryBeatsIt() throws AdlensException {
        String blockList = """
                {"format": "adlens-taxonomy-1", "id": "block", "exhaustive": false,
                 "calibration": {"temperature": 0.1, "noneAt": 0.3},
                 "categories": [
                  {"id": "guns", "name": "Weapons", "phrases": ["rifle ammunition"]},
                  {"id": "bet", "name": "Gambling", "phrases": ["casino bonus"]}
                 ]}""";
        CategoryIndex ix = index(blockList);
        TaxonomyLabels software = read(ix, "free antivirus scan download today");
        assertThat(software.noneOfThem()).isTrue();
        assertThat(software.unclear()).isFalse();
        assertThat(software.selected()).isEmpty();
        assertThat(software.none()).isGreaterThan(score(software, "guns").score())
                .isGreaterThan(score(software, "bet").score());
        TaxonomyLabels casino = read(ix, "casino bonus tonight");
        assertThat(casino.noneOfThem()).isFalse();
        assertThat(casino.selected()).extracting(CategoryScore::id).containsExactly("bet");
        assertThat(casino.none()).isLessThan(score(casino, "bet").score());
        // the categories' probabilities and "none of them" share the whole
        assertThat(score(casino, "bet").score() + score(casino, "guns").score() + casino.none()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-5));
        // the same file covering every ad (the default) always names a category, and has no "none"
        TaxonomyLabels forced = read(index(blockList.replace("\"exhaustive\": false,", "")
                .replace(", \"noneAt\": 0.3", "")), "free antivirus scan download today");
        assertThat(forced.selected()).isNotEmpty();
        assertThat(forced.none()).isNull();
        assertThat(forced.noneOfThem()).isFalse();
    }

    @Test
    void inATaxonomyMostAdsAreNoneOfADeeperCategoryIsSelectedAsInOneThatCoversEveryAd() throws AdlensException {
        String partial = TAXONOMY.replace("\"cattax\": 8,", "\"cattax\": 8, \"exhaustive\": false,")
                .replace("\"unclearBelow\": 0.2}", "\"unclearBelow\": 0.2, \"noneAt\": 0.62}");
        TaxonomyLabels l = read(index(partial), "free antivirus scan download today");
        // "none of them" takes part of the mass, but not the choice: the child is chosen as without it
        assertThat(l.none()).isGreaterThan(0.3);
        assertThat(l.selected()).extracting(CategoryScore::id).containsExactly("sw", "sw-sec");
        assertThat(score(l, "sw-sec").score()).isLessThan(0.6f); // selectAt 0.6 read given "one of the categories"
        // with nothing to judge by (no words, no built-in answers) the answer is unclear, not "none of them"
        TaxonomyLabels empty = index(partial).label(new float[BagOfWordsEncoder.vector("x").length]);
        assertThat(empty.unclear()).isTrue();
        assertThat(empty.noneOfThem()).isFalse();
        assertThat(empty.selected()).isEmpty();
    }

    @Test
    void anAdWithoutWordsIsUnclearAndSelectsNothing() throws AdlensException {
        TaxonomyLabels l = index(TAXONOMY.replace("\"unclearBelow\": 0.2", "\"unclearBelow\": 0.5"))
                .label(new float[BagOfWordsEncoder.DIM]);
        assertThat(l.unclear()).isTrue();
        assertThat(l.selected()).isEmpty();
        assertThat(l.categories()).hasSize(5); // still every category ranked
    }

    @Test
    void examplesMoveACategoryTheNameAloneWouldMiss() throws AdlensException {
        String plain = """
                {"format": "adlens-taxonomy-1", "id": "u", "categories": [
                 {"id": "a", "name": "Genealogy"}, {"id": "b", "name": "Dating"}]}""";
        float[] ad = BagOfWordsEncoder.vector("discover your family tree with a DNA kit");
        TaxonomyLabels zeroShot = index(plain).label(ad);
        assertThat(score(zeroShot, "a").similarity()).isZero();
        String withExamples = plain.replace("{\"id\": \"a\", \"name\": \"Genealogy\"}",
                "{\"id\": \"a\", \"name\": \"Genealogy\", \"examples\": [{\"text\": \"trace your family tree\"},"
                        + " {\"text\": \"DNA kit reveals your ancestors\"}]}");
        TaxonomyLabels fewShot = index(withExamples).label(ad);
        assertThat(fewShot.selected()).extracting(CategoryScore::id).containsExactly("a");
        assertThat(score(fewShot, "a").similarity()).isGreaterThan(0.2f);
    }

    @Test
    void shippedPrototypesCountAsTheExamplesTheyWereMadeFromButOnlyForTheirEncoder() throws AdlensException {
        String examples = """
                {"format": "adlens-taxonomy-1", "id": "u", "categories": [
                 {"id": "a", "name": "Genealogy", "examples": [{"text": "trace your family tree"},
                   {"text": "DNA kit reveals your ancestors"}]},
                 {"id": "b", "name": "Dating"}]}""";
        BagOfWordsEncoder encoder = new BagOfWordsEncoder();
        float[] prototype = CategoryIndex.prototype(encoder.encode(List.of("trace your family tree",
                "DNA kit reveals your ancestors")));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(prototype.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(prototype);
        String vector = java.util.Base64.getEncoder().encodeToString(b.array());
        String shipped = """
                {"format": "adlens-taxonomy-1", "id": "u", "categories": [
                 {"id": "a", "name": "Genealogy"}, {"id": "b", "name": "Dating"}],
                 "prototypes": {"encoder": "ENCODER", "fittedOn": "two ads", "categories": {"a": {"examples": 2,
                   "vector": "VECTOR"}}}}""".replace("VECTOR", vector);
        float[] ad = BagOfWordsEncoder.vector("discover your family tree with a DNA kit");
        float fromExamples = score(index(examples).label(ad), "a").similarity();
        assertThat(fromExamples).isGreaterThan(0.2f);
        assertThat(score(index(shipped.replace("ENCODER", encoder.name())).label(ad), "a").similarity())
                .isCloseTo(fromExamples, org.assertj.core.data.Offset.offset(1e-5f));
        // made by another encoder: the vectors mean nothing here and are left out (zero-shot, as without them)
        assertThat(score(index(shipped.replace("ENCODER", "another-encoder")).label(ad), "a").similarity()).isZero();
    }

    @Test
    void aBridgeCarriesPittTopicEvidenceToItsTargets() throws AdlensException {
        String bridged = TAXONOMY.replace("\"categories\"",
                "\"bridge\": {\"from\": \"pitt-topics\", \"weight\": 1.0, \"map\": {\"9\": [\"car\"]}}, \"categories\"");
        float[] ad = BagOfWordsEncoder.vector("summer safely");
        assertThat(index(bridged).label(ad).selected()).extracting(CategoryScore::id).doesNotContain("car");
        TaxonomyLabels l = index(bridged).label(ad, Map.of("9", 0.9f));
        assertThat(l.selected()).extracting(CategoryScore::id).containsExactly("car");
        // the evidence names the topic that carried it (Pitt topic 9, "Cars, automobiles (car sales, …)"), not "a topic"
        assertThat(score(l, "car").evidence()).isEqualTo("reads as Pitt topic Cars, automobiles (0.90)");
    }

    @Test
    void aContrastMovesACategoryByWhoTheAdSpeaksTo() throws AdlensException {
        String plain = """
                {"format": "adlens-taxonomy-1", "id": "c", "calibration": {"temperature": 0.05}, "categories": [
                 {"id": "b2b", "name": "Business and industrial", "phrases": ["industrial supplies"]},
                 {"id": "sw", "name": "Software", "phrases": ["cloud storage app"]}]}""";
        float[] ad = BagOfWordsEncoder.vector("cloud storage app for your business teams");
        assertThat(index(plain).label(ad).selected()).extracting(CategoryScore::id).containsExactly("sw");
        String contrasted = plain.replace("\"phrases\": [\"industrial supplies\"]", "\"phrases\": "
                + "[\"industrial supplies\"], \"contrast\": {\"weight\": 3, \"for\": [\"for your business teams\"], "
                + "\"against\": [\"for your family\"]}");
        assertThat(index(contrasted).label(ad).selected()).extracting(CategoryScore::id).containsExactly("b2b");
        // an ad for families is pushed the other way
        float[] family = BagOfWordsEncoder.vector("cloud storage app for your family photos");
        assertThat(index(contrasted).label(family).selected()).extracting(CategoryScore::id).containsExactly("sw");
    }

    @Test
    void everyTextIsEncodedOnceAtBuild() throws AdlensException {
        BagOfWordsEncoder enc = new BagOfWordsEncoder();
        CategoryIndex.build(CategoryTaxonomy.parse(TAXONOMY.getBytes(StandardCharsets.UTF_8), "t"), enc);
        assertThat(enc.texts).isEqualTo(5 + 2 + 1 + 1 + 2 + 1); // 5 names + 7 phrases
    }
}
