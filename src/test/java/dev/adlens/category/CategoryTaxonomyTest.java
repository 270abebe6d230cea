package dev.adlens.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The taxonomy file format (docs/taxonomies.md): every documented error, and the built-in files. */
@dev.adlens.UnitTest
class CategoryTaxonomyTest {
    static String file(String categories) {
        return "{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"categories\": [" + categories + "]}";
    }

    static AdlensException refused(String json) {
        try {
            CategoryTaxonomy.parse(json.getBytes(StandardCharsets.UTF_8), "t.json");
        } catch (AdlensException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.TAXONOMY_INVALID);
            assertThat(e.getMessage()).startsWith("taxonomy t.json: ");
            return e;
        }
        throw new AssertionError("accepted: " + json);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "not JSON|{\"format\": |not JSON",
            "another format|{\"format\": \"x\", \"id\": \"t\", \"categories\": []}|not an adlens-taxonomy-1 file",
            "no categories|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"categories\": []}|non-empty array",
            "no taxonomy id|{\"format\": \"adlens-taxonomy-1\", \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|\"id\" missing",
            "empty category id|" + "CAT{\"id\": \" \", \"name\": \"a\"}|category #1: \"id\" missing or empty",
            "empty name|CAT{\"id\": \"a\", \"name\": \"  \"}|category a: \"name\" missing or empty",
            "duplicate ids|CAT{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"a\", \"name\": \"B\"}|duplicate id a",
            "unknown parent|CAT{\"id\": \"a\", \"name\": \"A\", \"parent\": \"zz\"}|category a: unknown parent zz",
            "a cycle|CAT{\"id\": \"a\", \"name\": \"A\", \"parent\": \"b\"}, {\"id\": \"b\", \"name\": \"B\", \"parent\": \"a\"}|form a cycle",
            "phrases not strings|CAT{\"id\": \"a\", \"name\": \"A\", \"phrases\": [1]}|must be an array of strings",
            "an empty example|CAT{\"id\": \"a\", \"name\": \"A\", \"examples\": [{\"text\": \"\"}]}|needs a non-empty",
            "bad calibration|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"calibration\": {\"temperature\": 0}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|calibration out of range",
            "contrast without against|CAT{\"id\": \"a\", \"name\": \"A\", \"contrast\": {\"weight\": 1, \"for\": [\"x\"]}}|needs \"for\" and \"against\"",
            "contrast weight out of range|CAT{\"id\": \"a\", \"name\": \"A\", \"contrast\": {\"weight\": 9, \"for\": [\"x\"], \"against\": [\"y\"]}}|weight\" in [0, 5]",
            "prototypes without encoder|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"prototypes\": {\"categories\": {}}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|need the \"encoder\"",
            "prototype of an unknown category|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"prototypes\": {\"encoder\": \"e\", \"categories\": {\"x\": {\"examples\": 1, \"vector\": \"AACAPw==\"}}}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|prototypes x: unknown category",
            "prototype not float32|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"prototypes\": {\"encoder\": \"e\", \"categories\": {\"1\": {\"examples\": 1, \"vector\": \"AAA=\"}}}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|base64 little-endian float32",
            "prototype of no examples|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"prototypes\": {\"encoder\": \"e\", \"categories\": {\"1\": {\"examples\": 0, \"vector\": \"AACAPw==\"}}}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|\"examples\" >= 1",
            "prototypes of two lengths|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"prototypes\": {\"encoder\": \"e\", \"categories\": {\"1\": {\"examples\": 1, \"vector\": \"AACAPw==\"}, \"2\": {\"examples\": 1, \"vector\": \"AACAPwAAgD8=\"}}}, \"categories\": [{\"id\": 1, \"name\": \"a\"}, {\"id\": 2, \"name\": \"b\"}]}|as long as every other",
            "alignTo not a key|CAT{\"id\": \"a\", \"name\": \"A\", \"alignTo\": [\"1082\"]}|alignTo entry \"1082\" is not",
            "transfer not an object|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"transfer\": 3, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|\"transfer\" must be",
            "transfer out of range|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"transfer\": {\"temperature\": 0}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|transfer out of range",
            "a NUL in a name|CAT{\"id\": \"a\", \"name\": \"A\\u0000B\"}|control character",
            "exhaustive not a boolean|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"exhaustive\": \"no\", \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|\"exhaustive\" must be true or false",
            "noneAt for a taxonomy covering every ad|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"calibration\": {\"noneAt\": 0.6}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|applies only to a taxonomy with \"exhaustive\": false",
            "noneAt not a number|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"exhaustive\": false, \"calibration\": {\"noneAt\": \"high\"}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|\"noneAt\" must be a number",
            "noneAt out of range|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"exhaustive\": false, \"calibration\": {\"noneAt\": 3}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|calibration out of range",
            "bridge to unknown|{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", \"bridge\": {\"from\": \"pitt-topics\", \"weight\": 1, \"map\": {\"9\": [\"x\"]}}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}|unknown category x",
    })
    void eachDocumentedErrorIsATypedRefusalNamingTheProblem(String what, String json, String message) {
        String full = json.startsWith("CAT") ? file(json.substring(3)) : json;
        assertThat(refused(full).getMessage()).as(what).contains(message);
    }

    @Test
    void deeplyNestedArraysAreATypedRefusal() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        assertThat(refused("{\"format\": \"adlens-taxonomy-1\", \"x\": " + deep + "}").getMessage())
                .contains("not JSON");
    }

    @Test
    void aFileMayNotTakeTheIdOfABuiltInTaxonomy(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("fake.json"), "{\"format\": \"adlens-taxonomy-1\", "
                + "\"id\": \"iab-ad-product-2.0\", \"categories\": [{\"id\": 1, \"name\": \"a\"}]}");
        assertThatThrownBy(() -> CategoryTaxonomy.load(f.toString())).isInstanceOfSatisfying(AdlensException.class,
                e -> assertThat(e.getMessage()).contains("is a built-in taxonomy's"));
    }

    @Test
    void transferIsOnByDefaultForFilesOffForBuiltInsAndReadWithItsAlignments() throws AdlensException {
        CategoryTaxonomy t = CategoryTaxonomy.parse(file("{\"id\": \"a\", \"name\": \"A\", \"alignTo\": "
                + "[\"iab:1082\", \"pitt:9\"]}, {\"id\": \"b\", \"name\": \"B\", \"alignTo\": []}, "
                + "{\"id\": \"c\", \"name\": \"C\"}").getBytes(StandardCharsets.UTF_8), "t.json");
        assertThat(t.transfer().enabled()).isTrue();
        assertThat(t.transfer().weight()).isEqualTo(TransferSettings.DEFAULT.weight());
        assertThat(t.transfer().alignTo()).containsOnlyKeys("a", "b");
        assertThat(t.transfer().alignTo().get("a")).containsExactly("iab:1082", "pitt:9");
        assertThat(t.transfer().alignTo().get("b")).isEmpty();
        CategoryTaxonomy off = CategoryTaxonomy.parse(("{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", "
                + "\"transfer\": false, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}")
                .getBytes(StandardCharsets.UTF_8), "t.json");
        assertThat(off.transfer().enabled()).isFalse();
        CategoryTaxonomy tuned = CategoryTaxonomy.parse(("{\"format\": \"adlens-taxonomy-1\", \"id\": \"t\", "
                + "\"transfer\": {\"weight\": 0.5, \"exampleShare\": 0}, \"categories\": [{\"id\": 1, \"name\": \"a\"}]}")
                .getBytes(StandardCharsets.UTF_8), "t.json");
        assertThat(tuned.transfer().weight()).isEqualTo(0.5);
        assertThat(tuned.transfer().exampleShare()).isZero();
        assertThat(CategoryTaxonomy.builtIn("iab-ad-product-2.0").transfer().enabled()).isFalse();
    }

    @Test
    void tooManyCategoriesPhrasesOrExamplesAreRefused() {
        String many = IntStream.range(0, CategoryTaxonomy.MAX_CATEGORIES + 1)
                .mapToObj(i -> "{\"id\": " + i + ", \"name\": \"c" + i + "\"}").collect(Collectors.joining(","));
        assertThat(refused(file(many)).getMessage()).contains("categories (limit " + CategoryTaxonomy.MAX_CATEGORIES);
        String phrases = IntStream.range(0, CategoryTaxonomy.MAX_PHRASES + 1).mapToObj(i -> "\"p" + i + "\"")
                .collect(Collectors.joining(","));
        assertThat(refused(file("{\"id\": \"a\", \"name\": \"A\", \"phrases\": [" + phrases + "]}")).getMessage())
                .contains("limit " + CategoryTaxonomy.MAX_PHRASES);
        String longText = "x".repeat(CategoryTaxonomy.MAX_TEXT_CHARS + 1);
        assertThat(refused(file("{\"id\": \"a\", \"name\": \"A\", \"description\": \"" + longText + "\"}")).getMessage())
                .contains("limit " + CategoryTaxonomy.MAX_TEXT_CHARS);
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("big.json");
        try (var out = Files.newOutputStream(big)) {
            out.write(new byte[(int) CategoryTaxonomy.MAX_BYTES + 1]);
        }
        assertThatThrownBy(() -> CategoryTaxonomy.read(big)).isInstanceOfSatisfying(AdlensException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TAXONOMY_INVALID);
            assertThat(e.getMessage()).contains("bytes (limit " + CategoryTaxonomy.MAX_BYTES);
        });
        assertThatThrownBy(() -> CategoryTaxonomy.load(dir.resolve("missing.json").toString()))
                .isInstanceOfSatisfying(AdlensException.class,
                        e -> assertThat(e.getMessage()).contains("neither a built-in taxonomy"));
    }

    @Test
    void aValidFileKeepsEverything() throws AdlensException {
        CategoryTaxonomy t = CategoryTaxonomy.parse(("{\"format\": \"adlens-taxonomy-1\", \"id\": \"mine\", "
                + "\"version\": 7, \"cattax\": 8, \"categories\": [{\"id\": 1, \"name\": \"A\", \"description\": \"d\", "
                + "\"phrases\": [\"p\", \" \"], \"examples\": [{\"text\": \"e\"}, {\"image\": \"x.png\"}]},"
                + "{\"id\": \"2\", \"name\": \"B\", \"parent\": 1}]}").getBytes(StandardCharsets.UTF_8), "m");
        assertThat(t.id()).isEqualTo("mine");
        assertThat(t.version()).isEqualTo("7");
        assertThat(t.cattax()).isEqualTo(8);
        Category a = t.categories().get(0);
        assertThat(a.phrases()).containsExactly("p");
        assertThat(a.exampleTexts()).containsExactly("e");
        assertThat(a.exampleImages()).containsExactly("x.png");
        assertThat(t.categories().get(1).parent()).isEqualTo("1");
        assertThat(t.calibration()).isEqualTo(Calibration.DEFAULT);
        assertThat(t.calibration().exhaustive()).isTrue();
    }

    @Test
    void aTaxonomyThatDoesNotCoverEveryAdGetsNoneOfThemAtTheDefaultOrItsOwnLevel() throws AdlensException {
        String file = "{\"format\": \"adlens-taxonomy-1\", \"id\": \"b\", \"exhaustive\": false, %s"
                + "\"categories\": [{\"id\": 1, \"name\": \"Weapons\"}]}";
        CategoryTaxonomy byDefault = CategoryTaxonomy.parse(String.format(file, "").getBytes(StandardCharsets.UTF_8),
                "b");
        assertThat(byDefault.calibration().exhaustive()).isFalse();
        assertThat(byDefault.calibration().noneAt()).isEqualTo(Calibration.NONE_AT);
        assertThat(byDefault.calibration().temperature()).isEqualTo(Calibration.DEFAULT.temperature());
        CategoryTaxonomy own = CategoryTaxonomy.parse(String.format(file,
                "\"calibration\": {\"noneAt\": 0.7, \"selectAt\": 0.4},").getBytes(StandardCharsets.UTF_8), "b");
        assertThat(own.calibration().noneAt()).isEqualTo(0.7);
        assertThat(own.calibration().selectAt()).isEqualTo(0.4);
        CategoryTaxonomy covering = CategoryTaxonomy.parse(String.format(file, "").replace("false", "true")
                .getBytes(StandardCharsets.UTF_8), "b");
        assertThat(covering.calibration().exhaustive()).isTrue();
    }

    @Test
    void theBuiltInTaxonomiesLoadWithEveryIabCategoryInItsTier() throws AdlensException {
        CategoryTaxonomy iab = CategoryTaxonomy.builtIn("iab-ad-product-2.0");
        assertThat(iab.categories()).hasSize(583);
        assertThat(iab.categories().stream().filter(c -> c.parent() == null)).hasSize(45);
        assertThat(iab.cattax()).isEqualTo(8); // AdCOM List: Category Taxonomies, "IAB Tech Lab Ad Product Taxonomy 2.0"
        assertThat(iab.bridge().map()).hasSize(38);
        Category aerospace = iab.byId().get("1037"); // a row that names itself as parent: placed by its tier columns
        Category industrials = iab.byId().get(aerospace.parent());
        assertThat(industrials.name()).isEqualTo("Industrials");
        assertThat(iab.byId().get(industrials.parent()).name()).isEqualTo("Business and Industrial"); // tier 3
        // rows whose Parent ID disagrees with their tier path (Business and Industrial > Industrials > X): the path
        // wins, so Construction, Conglomerates, Trading and Transportation sit beside Aerospace, not under it
        for (String id : List.of("1038", "1039", "1040", "1041")) {
            assertThat(iab.byId().get(id).parent()).as(id).isEqualTo(industrials.id());
        }
        assertThat(iab.byId().get("1426").parent()).isEqualTo("1425"); // Media > Core Gaming > Core Gaming Apps
        // where the path's names are merely spelt otherwise ("Telecom" / "Telcom"), the Parent ID stands
        assertThat(iab.byId().get("1468").parent()).isEqualTo("1467");
        CategoryTaxonomy pitt = CategoryTaxonomy.builtIn("pitt-topics");
        assertThat(pitt.categories()).hasSize(38);
        assertThat(pitt.categories()).allSatisfy(c -> assertThat(c.phrases()).hasSizeGreaterThanOrEqualTo(8));
    }

    @Test
    void theBuiltInFilesAreWhatTheirBuildScriptMakes(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "models/build/taxonomies.py", dir.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        for (String f : new String[] {"iab-ad-product-2.0.json", "pitt-topics.json"}) {
            assertThat(Files.readString(dir.resolve(f))).as(f)
                    .isEqualTo(Files.readString(Path.of("src/main/resources/taxonomy", f)));
        }
    }
}
