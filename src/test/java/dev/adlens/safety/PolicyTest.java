package dev.adlens.safety;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy file is read whole: every problem is listed in one POLICY_INVALID, and nothing is half-loaded. */
@UnitTest
class PolicyTest {
    static Policy parse(String json) throws AdlensException {
        return Policy.parse(json.getBytes(StandardCharsets.UTF_8), "p.json");
    }

    static AdlensException refused(String json) {
        try {
            parse(json);
        } catch (AdlensException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.POLICY_INVALID);
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void theBuiltInPolicyIsConservativeAsDocumented() throws Exception {
        Policy p = Policy.builtIn();
        assertThat(p.name()).isEqualTo("adlens-default");
        assertThat(p.version()).as("2: porn/hentai in tiers (review at 0.5, block at 0.9)").isEqualTo("2");
        assertThat(p.whenUnmeasured()).isEqualTo(Action.ALLOW);
        assertThat(p.adult()).extracting(Policy.AdultRule::adultClass, Policy.AdultRule::action,
                Policy.AdultRule::atLeast).containsExactly(
                org.assertj.core.groups.Tuple.tuple("porn", Action.REVIEW, 0.5),
                org.assertj.core.groups.Tuple.tuple("porn", Action.BLOCK, 0.9),
                org.assertj.core.groups.Tuple.tuple("hentai", Action.REVIEW, 0.5),
                org.assertj.core.groups.Tuple.tuple("hentai", Action.BLOCK, 0.9),
                org.assertj.core.groups.Tuple.tuple("sexy", Action.REVIEW, 0.5));
        assertThat(p.categories()).extracting(Policy.CategoryRule::name).contains("Alcohol", "Gambling", "Tobacco",
                "Cannabis", "Weapons and Ammunition", "Dating", "Politics", "Religion and Spirituality",
                "Debated Sensitive Social Issue", "Ad Safety Risk", "Adult Products and Services");
        assertThat(p.categories()).allMatch(r -> r.action() == Action.REVIEW && r.minScore() == 0.5);
        assertThat(p.quality()).extracting(Policy.QualityRule::opinion)
                .containsExactly("clickbait", "deceptive", "manipulative", "distasteful");
        assertThat(p.readsCategories()).isTrue();
        assertThat(Policy.load("default")).isEqualTo(p);
    }

    @Test
    void aMinimalFileReadsWithItsDefaults() throws Exception {
        Policy p = parse("{\"format\": \"adlens-policy-1\", \"name\": \"no-alcohol\", \"categories\": "
                + "[{\"id\": \"1002\", \"action\": \"block\"}]}");
        assertThat(p.version()).isEqualTo("1");
        assertThat(p.whenUnmeasured()).isEqualTo(Action.ALLOW);
        assertThat(p.adult()).isEmpty();
        assertThat(p.categories()).containsExactly(new Policy.CategoryRule(Policy.TAXONOMY, "1002", "Alcohol", 0, Action.BLOCK));
    }

    @Test
    void aRuleMayReadATaxonomyOfTheUsersWhichTheLabelerMustLabelIn() throws Exception {
        Policy p = parse("""
                {"format": "adlens-policy-1", "name": "house",
                 "categories": [{"taxonomy": "block-list", "id": "alcohol", "action": "review"},
                                {"taxonomy": "block-list", "id": "weapons", "name": "Weapons and ammunition", "minScore": 0.5, "action": "block"}]}""");
        assertThat(p.categories()).extracting(Policy.CategoryRule::taxonomy, Policy.CategoryRule::id,
                Policy.CategoryRule::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("block-list", "alcohol", "alcohol"),
                org.assertj.core.groups.Tuple.tuple("block-list", "weapons", "Weapons and ammunition"));
        assertThat(p.readsCategories()).isFalse(); // no IAB rule: IAB is not scored for it
        dev.adlens.category.CategoryTaxonomy list = dev.adlens.category.CategoryTaxonomy.read(
                Path.of("docs/examples/block-list.json"));
        p.requireLabeled(List.of(list));
        AdlensException notLabeled = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> p.requireLabeled(List.of()), AdlensException.class);
        assertThat(notLabeled.code()).isEqualTo(ErrorCode.POLICY_INVALID);
        assertThat(notLabeled.getMessage()).contains("categories[0].taxonomy: \"block-list\" is not labeled in");
        Policy unknown = parse("""
                {"format": "adlens-policy-1", "name": "house",
                 "categories": [{"taxonomy": "block-list", "id": "cigars", "action": "review"}]}""");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> unknown.requireLabeled(List.of(list)),
                AdlensException.class).getMessage()).contains("categories[0].id: \"cigars\" is not a category of block-list");
        Policy misnamed = parse("""
                {"format": "adlens-policy-1", "name": "house",
                 "categories": [{"taxonomy": "block-list", "id": "weapons", "name": "Guns", "action": "review"}]}""");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> misnamed.requireLabeled(List.of(list)),
                AdlensException.class).getMessage()).contains("categories[0].name: \"Guns\" but category weapons");
        // an empty taxonomy is one problem, not also "not an IAB category id"
        AdlensException empty = org.assertj.core.api.Assertions.catchThrowableOfType(() -> parse("""
                {"format": "adlens-policy-1", "name": "house",
                 "categories": [{"taxonomy": " ", "id": "alcohol", "action": "review"}]}"""), AdlensException.class);
        assertThat(empty.getMessage()).contains("taxonomy").doesNotContain("not an iab-ad-product-2.0 category id");
    }

    @Test
    void everyProblemIsListedInOneError() {
        AdlensException e = refused("""
                {"format": "adlens-policy-1", "name": "bad", "colour": "red", "whenUnmeasured": "maybe",
                 "adult": [{"class": "nude", "atLeast": 0.5, "action": "block"},
                           {"class": "porn", "atLeast": 1.5, "action": "block"},
                           {"class": "porn", "atLeast": 0.5, "action": "block"}],
                 "categories": [{"id": "9999", "action": "review"},
                                {"id": "1002", "name": "Beer", "action": "review"},
                                {"id": "1002", "minScore": "high", "action": "review", "extra": 1}],
                 "quality": [{"opinion": "boring", "atLeast": 0.5, "action": "review"},
                             {"opinion": "clickbait", "atLeast": 0.5, "action": "ban"}],
                 "adFormats": [{"adFormat": "popup", "atLeast": 0.5, "action": "review"},
                               {"adFormat": "native", "atLeast": 0.5, "action": "review"},
                               {"adFormat": "native", "atLeast": 0.7, "action": "review"}]}""");
        assertThat(e.getMessage()).startsWith("policy p.json: 14 problems: ")
                .contains("colour: unknown key", "whenUnmeasured: must be \"allow\", \"review\" or \"block\"",
                        "adult[0].class: \"nude\" is not an adult class",
                        "adult[1].atLeast: 1.5 is outside [0, 1]",
                        "adult[2]: a second block rule for adult class \"porn\"",
                        "categories[0].id: \"9999\" is not an iab-ad-product-2.0 category id",
                        "categories[1].name: \"Beer\" but category 1002 is \"Alcohol\"",
                        "categories[2]: a second review rule for category 1002 (Alcohol)",
                        "categories[2].extra: unknown key", "categories[2].minScore: must be a number in [0, 1]",
                        "quality[0].opinion: \"boring\" is not an opinion",
                        "quality[1].action: must be \"allow\", \"review\" or \"block\"",
                        "adFormats[0].adFormat: \"popup\" is not an ad format",
                        "adFormats[2]: a second review rule for ad format \"native\"");
    }

    @Test
    void wrongTypesAndShapesAreRefused() {
        assertThat(refused("[]").getMessage()).contains("not an adlens-policy-1 file");
        assertThat(refused("{\"format\": \"adlens-taxonomy-1\", \"name\": \"x\"}").getMessage())
                .contains("not an adlens-policy-1 file");
        assertThat(refused("{\"format\": \"adlens-policy-1\", \"name\": \"x\"").getMessage()).contains("not JSON");
        assertThat(refused("{\"format\": \"adlens-policy-1\"}").getMessage()).contains("name: missing");
        assertThat(refused("{\"format\": \"adlens-policy-1\", \"name\": 3}").getMessage())
                .contains("name: must be a non-empty string");
        assertThat(refused("{\"format\": \"adlens-policy-1\", \"name\": \"x\", \"adult\": {}}").getMessage())
                .contains("adult: must be an array of rules");
        assertThat(refused("{\"format\": \"adlens-policy-1\", \"name\": \"x\", \"quality\": [3]}").getMessage())
                .contains("quality[0]: must be an object", "quality[0].opinion: missing");
        assertThat(refused("{\"format\": \"adlens-policy-1\", \"name\": \"x\", \"categories\": [{\"id\": 1002, "
                + "\"action\": \"block\"}]}").getMessage()).contains("categories[0].id: must be a non-empty string");
    }

    @Test
    void aFileIsReadByPathAndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"format\": \"adlens-policy-1\", \"name\": \"mine\", \"version\": \"3\"}");
        assertThat(Policy.load(f.toString()).version()).isEqualTo("3");
        assertThatThrownBy(() -> Policy.load(dir.resolve("nope.json").toString())).isInstanceOf(AdlensException.class)
                .hasMessageContaining("neither \"default\" nor a readable file");
    }
}
