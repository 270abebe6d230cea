package dev.adlens.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import dev.adlens.category.CategoryScore;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.quality.QualityScores;
import dev.adlens.visual.AdultScores;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The assessor's rules on hand-made scores: thresholds, the strictest action, evidence, and unmeasured inputs. */
@UnitTest
class SafetyAssessorTest {
    static final AdultScores CLEAN = new AdultScores(0.05, 0.0, 0.9, 0.02, 0.03, true);
    static final QualityScores FINE = new QualityScores(Map.of("clickbait", 0.1, "deceptive", 0.1, "manipulative",
            0.1, "distasteful", 0.0), Map.of(), true);

    static Optional<TaxonomyLabels> iab(CategoryScore... categories) {
        return Optional.of(new TaxonomyLabels("iab-ad-product-2.0", "2.0", 8, List.of(categories), false));
    }

    static CategoryScore alcohol(float score, boolean selected) {
        return new CategoryScore("1002", "Alcohol", null, 1, score, 0.6f, "whiskey bourbon", selected);
    }

    static final CategoryScore SOFTWARE = new CategoryScore("1082", "Computer Software", null, 1, 0.7f, 0.6f,
            "software", true);

    static SafetyAssessor builtIn() throws Exception {
        return new SafetyAssessor(Policy.builtIn());
    }

    @Test
    void aCleanAdIsAllowedWithNothingUnmeasured() throws Exception {
        Safety s = builtIn().assess(CLEAN, FINE, iab(SOFTWARE));
        assertThat(s.verdict()).isEqualTo(Action.ALLOW);
        assertThat(s.flags()).isEmpty();
        assertThat(s.unmeasured()).isEmpty();
        assertThat(s.policy()).isEqualTo("adlens-default");
    }

    @Test
    void pornGoesToReviewThenBlocksAndSexyGoesToReviewAtTheirThresholds() throws Exception {
        Safety porn = builtIn().assess(new AdultScores(0, 0.1, 0.3, 0.5, 0.1, true), FINE, iab(SOFTWARE));
        assertThat(porn.verdict()).isEqualTo(Action.REVIEW);
        assertThat(porn.flags()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("adult:porn");
            assertThat(f.score()).isEqualTo(0.5);
            assertThat(f.reason()).contains("porn with probability 0.50");
        });
        // both tiers fire; the ad carries one flag for the signal, the strictest
        Safety sure = builtIn().assess(new AdultScores(0, 0.02, 0.02, 0.95, 0.01, true), FINE, iab(SOFTWARE));
        assertThat(sure.verdict()).isEqualTo(Action.BLOCK);
        assertThat(sure.flags()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("adult:porn");
            assertThat(f.action()).isEqualTo(Action.BLOCK);
            assertThat(f.threshold()).isEqualTo(0.9);
        });
        Safety hentai = builtIn().assess(new AdultScores(0, 0.89, 0.1, 0.0, 0.01, true), FINE, iab(SOFTWARE));
        assertThat(hentai.verdict()).isEqualTo(Action.REVIEW);
        Safety sexy = builtIn().assess(new AdultScores(0, 0, 0.3, 0.1, 0.6, true), FINE, iab(SOFTWARE));
        assertThat(sexy.verdict()).isEqualTo(Action.REVIEW);
        assertThat(sexy.flags()).extracting(Safety.Flag::name).containsExactly("adult:sexy");
        Safety below = builtIn().assess(new AdultScores(0, 0, 0.51, 0.0, 0.49, true), FINE, iab(SOFTWARE));
        assertThat(below.verdict()).isEqualTo(Action.ALLOW);
    }

    @Test
    void anAdultFlagNeedsTheSecondOpinionToo() throws Exception {
        SafetyAssessor assessor = builtIn();
        AdultScores first = new AdultScores(0.1, 0.02, 0.2, 0.68, 0.0, true); // a medical native unit, say
        assertThat(assessor.adultRuleFires(first)).isTrue();
        assertThat(assessor.adultRuleFires(CLEAN)).isFalse();
        assertThat(assessor.adultRuleFires(AdultScores.UNMEASURED)).isFalse();
        // the second model disagrees: no flag, nothing unmeasured
        Safety cleared = assessor.assess(first.withSecondOpinion(new AdultScores(0.3, 0.01, 0.4, 0.29, 0.0, true)),
                FINE, iab(SOFTWARE));
        assertThat(cleared.verdict()).isEqualTo(Action.ALLOW);
        assertThat(cleared.flags()).isEmpty();
        assertThat(cleared.unmeasured()).isEmpty();
        // it agrees: the flag carries the lower of the two and both models' words
        Safety both = assessor.assess(new AdultScores(0, 0.02, 0.02, 0.95, 0.01, true)
                .withSecondOpinion(new AdultScores(0, 0.05, 0.03, 0.91, 0.01, true)), FINE, iab(SOFTWARE));
        assertThat(both.verdict()).isEqualTo(Action.BLOCK);
        assertThat(both.flags()).singleElement().satisfies(f -> {
            assertThat(f.score()).isEqualTo(0.91);
            assertThat(f.reason()).contains("porn with probability 0.95 by MobileNetV2 and 0.91 by InceptionV3");
        });
        // agreeing only up to the lower tier: review, not block
        Safety review = assessor.assess(new AdultScores(0, 0.02, 0.02, 0.95, 0.01, true)
                .withSecondOpinion(new AdultScores(0, 0.05, 0.3, 0.6, 0.05, true)), FINE, iab(SOFTWARE));
        assertThat(review.verdict()).isEqualTo(Action.REVIEW);
        assertThat(review.flags()).singleElement().satisfies(f -> assertThat(f.score()).isEqualTo(0.6));
    }

    @Test
    void aSensitiveCategoryReviewsOnlyWhenSelectedAndLikelyEnough() throws Exception {
        Safety selected = builtIn().assess(CLEAN, FINE, iab(alcohol(0.72f, true)));
        assertThat(selected.verdict()).isEqualTo(Action.REVIEW);
        assertThat(selected.flags()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("category:1002");
            assertThat(f.kind()).isEqualTo("category");
            assertThat(f.reason()).contains("1002 Alcohol", "0.72", "\"whiskey bourbon\"");
        });
        // ranked but not selected (another category won), or selected below the rule's 0.5: not what the ad sells
        assertThat(builtIn().assess(CLEAN, FINE, iab(SOFTWARE, alcohol(0.2f, false))).verdict())
                .isEqualTo(Action.ALLOW);
        assertThat(builtIn().assess(CLEAN, FINE, iab(alcohol(0.45f, true))).verdict()).isEqualTo(Action.ALLOW);
    }

    @Test
    void theStrictestFlagWinsAndEveryFlagIsKept() throws Exception {
        Policy p = PolicyTest.parse("""
                {"format": "adlens-policy-1", "name": "strict", "version": "2",
                 "adult": [{"class": "sexy", "atLeast": 0.3, "action": "allow"}],
                 "categories": [{"id": "1002", "action": "block"}],
                 "quality": [{"opinion": "clickbait", "atLeast": 0.4, "action": "review"}]}""");
        QualityScores bait = new QualityScores(Map.of("clickbait", 0.55), Map.of(), true);
        Safety s = new SafetyAssessor(p).assess(new AdultScores(0, 0, 0.5, 0, 0.5, true), bait,
                iab(alcohol(0.41f, true)));
        assertThat(s.verdict()).isEqualTo(Action.BLOCK);
        assertThat(s.policyVersion()).isEqualTo("2");
        assertThat(s.flags()).extracting(Safety.Flag::name, Safety.Flag::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("adult:sexy", Action.ALLOW),
                org.assertj.core.groups.Tuple.tuple("category:1002", Action.BLOCK),
                org.assertj.core.groups.Tuple.tuple("quality:clickbait", Action.REVIEW));
        assertThat(s.flags().get(2).reason()).isEqualTo("55% of viewers would call it clickbait (rule: at least 40%)");
        assertThat(s.unmeasured()).isEmpty();
    }

    @Test
    void aRuleOnATaxonomyOfTheUsersReadsItsAnswerAndIsUnmeasuredWithoutIt() throws Exception {
        Policy p = PolicyTest.parse("""
                {"format": "adlens-policy-1", "name": "house",
                 "categories": [{"taxonomy": "block-list", "id": "alcohol", "action": "review"},
                                {"id": "1002", "action": "block"}]}""");
        TaxonomyLabels flagged = new TaxonomyLabels("block-list", "1", null, List.of(new CategoryScore("alcohol",
                "Alcohol", null, 1, 0.93f, 0.5f, "reads like Pitt Alcohol", true)), false, 0.05);
        Safety s = new SafetyAssessor(p).assess(CLEAN, FINE, List.of(flagged, iab(SOFTWARE).orElseThrow()));
        assertThat(s.verdict()).isEqualTo(Action.REVIEW);
        assertThat(s.flags()).extracting(Safety.Flag::name).containsExactly("category:block-list/alcohol");
        assertThat(s.flags().get(0).reason()).isEqualTo(
                "block-list category alcohol Alcohol selected with probability 0.93, evidence \"reads like Pitt Alcohol\"");
        // none of them: nothing selected, nothing flagged
        TaxonomyLabels none = new TaxonomyLabels("block-list", "1", null, List.of(new CategoryScore("alcohol",
                "Alcohol", null, 1, 0.02f, 0.1f, "resembles: Alcohol", false)), false, 0.98);
        assertThat(new SafetyAssessor(p).assess(CLEAN, FINE, List.of(none, iab(SOFTWARE).orElseThrow())).verdict())
                .isEqualTo(Action.ALLOW);
        // the IAB rule still reads IAB's answer alone; without the block list's answer its rule is unmeasured
        Safety withoutList = new SafetyAssessor(p).assess(CLEAN, FINE, iab(alcohol(0.8f, true)));
        assertThat(withoutList.verdict()).isEqualTo(Action.BLOCK);
        assertThat(withoutList.unmeasured()).containsExactly("category:block-list/alcohol");
    }

    @Test
    void unmeasuredSignalsAreListedNeverReadAsSafe() throws Exception {
        Safety s = builtIn().assess(AdultScores.UNMEASURED, QualityScores.UNMEASURED, Optional.empty());
        assertThat(s.flags()).isEmpty();
        assertThat(s.unmeasured()).contains("adult:porn", "adult:hentai", "adult:sexy", "category:1002",
                "quality:clickbait", "quality:distasteful").doesNotHaveDuplicates();
        assertThat(s.verdict()).as("the built-in policy reports, does not review, what it could not measure")
                .isEqualTo(Action.ALLOW);
        Policy cautious = PolicyTest.parse("{\"format\": \"adlens-policy-1\", \"name\": \"c\", \"whenUnmeasured\": "
                + "\"review\", \"adult\": [{\"class\": \"porn\", \"atLeast\": 0.5, \"action\": \"block\"}]}");
        assertThat(new SafetyAssessor(cautious).assess(AdultScores.UNMEASURED, FINE, iab(SOFTWARE)).verdict())
                .isEqualTo(Action.REVIEW);
        assertThat(new SafetyAssessor(cautious).assess(CLEAN, QualityScores.UNMEASURED, Optional.empty()).verdict())
                .as("no rule reads what is missing").isEqualTo(Action.ALLOW);
        // a quality model that does not score an opinion leaves that rule unmeasured
        QualityScores partial = new QualityScores(Map.of("clickbait", 0.9), Map.of(), true);
        Safety p = builtIn().assess(CLEAN, partial, iab(SOFTWARE));
        assertThat(p.unmeasured()).containsExactly("quality:deceptive", "quality:manipulative",
                "quality:distasteful");
        assertThat(p.verdict()).isEqualTo(Action.REVIEW);
    }

    @Test
    void aPublisherCanReviewAKindOfUnitWhateverItSells() throws Exception {
        Policy p = PolicyTest.parse("""
                {"format": "adlens-policy-1", "name": "no-native", "whenUnmeasured": "review",
                 "adFormats": [{"adFormat": "native", "atLeast": 0.5, "action": "review"},
                               {"adFormat": "advertorial", "atLeast": 0.8, "action": "block"}]}""");
        QualityScores nativeUnit = new QualityScores(Map.of("clickbait", 0.3),
                Map.of("native", 0.91, "advertorial", 0.6, "image", 0.05), true);
        Safety s = new SafetyAssessor(p).assess(CLEAN, nativeUnit, iab(SOFTWARE));
        assertThat(s.verdict()).isEqualTo(Action.REVIEW);
        assertThat(s.flags()).extracting(Safety.Flag::name, Safety.Flag::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("adFormat:native", "adFormat"));
        assertThat(s.flags().get(0).reason()).isEqualTo("a native unit with probability 0.91 (rule: at least 0.50)");
        QualityScores banner = new QualityScores(Map.of("clickbait", 0.3), Map.of("native", 0.1, "advertorial", 0.2,
                "image", 0.9), true);
        assertThat(new SafetyAssessor(p).assess(CLEAN, banner, iab(SOFTWARE)).verdict()).isEqualTo(Action.ALLOW);
        // a text ad has no picture to tell its format by: the rules are unmeasured, and this policy reviews that
        QualityScores textAd = new QualityScores(Map.of("clickbait", 0.3), Map.of(), true);
        Safety t = new SafetyAssessor(p).assess(AdultScores.UNMEASURED, textAd, iab(SOFTWARE));
        assertThat(t.unmeasured()).containsExactly("adFormat:native", "adFormat:advertorial");
        assertThat(t.verdict()).isEqualTo(Action.REVIEW);
    }
}
