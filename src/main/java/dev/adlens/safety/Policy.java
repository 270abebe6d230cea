package dev.adlens.safety;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.category.Category;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.quality.QualityScores;
import dev.adlens.visual.AdultScores;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A publisher's brand-safety policy ({@code adlens-policy-1}, docs/safety.md): rules on the adult-imagery scores, on
 * the IAB Ad Product 2.0 categories selected for the ad, and on the viewers' opinions, each with an action; and what a
 * rule whose signal was not measured does. Read whole and validated before anything is used: a file with any error is
 * refused with POLICY_INVALID listing every problem found; nothing is half-loaded.
 *
 * @param whenUnmeasured the verdict a rule asks for when its signal was not measured (an image without the adult
 *                       output, no quality model, no text encoder for the categories)
 */
public record Policy(String name, String version, String description, Action whenUnmeasured,
                     List<AdultRule> adult, List<CategoryRule> categories, List<QualityRule> quality,
                     List<FormatRule> adFormats) {
    /** Fires when the image's probability of nsfwjs class {@code adultClass} reaches {@code atLeast}. */
    public record AdultRule(String adultClass, double atLeast, Action action) {
    }

    /**
     * Fires when category {@code id} of {@code taxonomy} (IAB Ad Product 2.0 unless the rule names a taxonomy of the
     * user's, which the labeler must label in) is selected for the ad with a probability of at least {@code minScore}
     * (a category is selected only under a selected parent, so a rule on a tier-1 category covers its whole subtree;
     * a deeper rule reads only that branch).
     */
    public record CategoryRule(String taxonomy, String id, String name, double minScore, Action action) {
        /** The flag's name: {@code category:ID} for IAB, {@code category:TAXONOMY/ID} for a taxonomy of the user's. */
        public String flagName() {
            return "category:" + (taxonomy.equals(TAXONOMY) ? "" : taxonomy + "/") + id;
        }
    }

    /** Fires when the share of viewers who would call the ad {@code opinion} reaches {@code atLeast}. */
    public record QualityRule(String opinion, double atLeast, Action action) {
    }

    /**
     * Fires when the chance that the ad is a unit of format {@code adFormat} (native, advertorial, …) reaches
     * {@code atLeast}: for a publisher that reviews or refuses such units whatever they sell.
     */
    public record FormatRule(String adFormat, double atLeast, Action action) {
    }

    public static final String FORMAT = "adlens-policy-1";
    /** The built-in policy's name: what {@code --policy} and ADLENS_POLICY default to. */
    public static final String DEFAULT_NAME = "default";
    /** The taxonomy category rules name ids of. */
    public static final String TAXONOMY = "iab-ad-product-2.0";
    public static final long MAX_BYTES = 1L << 20;
    public static final int MAX_RULES = 1_000;
    private static final Set<String> TOP_KEYS = Set.of("format", "name", "version", "description", "whenUnmeasured",
            "adult", "categories", "quality", "adFormats");
    private static final ObjectMapper JSON = new ObjectMapper();

    public Policy {
        adult = List.copyOf(adult);
        categories = List.copyOf(categories);
        quality = List.copyOf(quality);
        adFormats = List.copyOf(adFormats);
    }

    /** Whether a rule reads the IAB categories (then the labeler scores the IAB taxonomy on every ad). */
    public boolean readsCategories() {
        return categories.stream().anyMatch(r -> r.taxonomy().equals(TAXONOMY));
    }

    /** The built-in default policy (src/main/resources/policy/default.json, docs/safety.md). */
    public static Policy builtIn() throws AdlensException {
        try (InputStream in = Policy.class.getResourceAsStream("/policy/default.json")) {
            if (in == null) {
                throw invalid(DEFAULT_NAME, List.of("the built-in policy is missing from the classpath"));
            }
            return parse(in.readAllBytes(), DEFAULT_NAME);
        } catch (IOException e) {
            throw invalid(DEFAULT_NAME, List.of(e.getMessage()));
        }
    }

    /** {@value #DEFAULT_NAME} for the built-in policy, else a policy file by path. */
    public static Policy load(String nameOrPath) throws AdlensException {
        if (nameOrPath == null || nameOrPath.isBlank() || nameOrPath.equals(DEFAULT_NAME)) {
            return builtIn();
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw invalid(nameOrPath, List.of("neither \"" + DEFAULT_NAME + "\" nor a readable file"));
        }
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw invalid(nameOrPath, List.of("file has " + size + " bytes (limit " + MAX_BYTES + ")"));
            }
            return parse(Files.readAllBytes(file), nameOrPath);
        } catch (IOException e) {
            throw invalid(nameOrPath, List.of("cannot read: " + e.getMessage()));
        }
    }

    /** Parses and validates a whole file; {@code source} names it in the error, which lists every problem found. */
    public static Policy parse(byte[] bytes, String source) throws AdlensException {
        if (bytes.length > MAX_BYTES) {
            throw invalid(source, List.of("file has " + bytes.length + " bytes (limit " + MAX_BYTES + ")"));
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw invalid(source, List.of(e.getLocation() == null ? "not JSON: " + e.getOriginalMessage()
                    : "not JSON (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw invalid(source, List.of("not JSON"));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw invalid(source, List.of("not an " + FORMAT + " file (\"format\": \"" + FORMAT + "\" expected)"));
        }
        List<String> problems = new ArrayList<>();
        unknownKeys(root, TOP_KEYS, "", problems);
        String name = requiredText(root, "name", "", problems);
        String version = root.has("version") ? requiredText(root, "version", "", problems) : "1";
        String description = root.has("description") ? requiredText(root, "description", "", problems) : "";
        Action whenUnmeasured = Action.ALLOW;
        if (root.has("whenUnmeasured")) {
            whenUnmeasured = action(root.get("whenUnmeasured"), "whenUnmeasured", problems);
        }
        List<AdultRule> adult = signalRules(root, "adult", "class", AdultScores.CLASSES, "adult class", problems,
                AdultRule::new);
        Map<String, Category> iab = iabCategories();
        List<CategoryRule> categories = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode r : rules(root, "categories", problems)) {
            String at = "categories[" + categories.size() + "]";
            unknownKeys(r, Set.of("taxonomy", "id", "name", "minScore", "action"), at + ".", problems);
            String id = requiredText(r, "id", at + ".", problems);
            Action action = action(r.get("action"), at + ".action", problems);
            String taxonomy = r.has("taxonomy") ? requiredText(r, "taxonomy", at + ".", problems) : TAXONOMY;
            if (taxonomy == null) { // said already; whose ids these are is unknown
                continue;
            }
            if (!taxonomy.equals(TAXONOMY)) {
                // a taxonomy of the user's: its ids are checked when the labeler has loaded it (Adlens)
                String given = r.has("name") ? requiredText(r, "name", at + ".", problems) : null;
                if (id != null && !seen.add(taxonomy + "/" + id + " " + action.key())) {
                    problems.add(at + ": a second " + action.key() + " rule for category " + id + " of " + taxonomy);
                }
                double minScore = r.has("minScore") ? share(r, "minScore", at, problems) : 0;
                categories.add(new CategoryRule(taxonomy, id, given == null ? id : given, minScore, action));
                continue;
            }
            Category c = id == null ? null : iab.get(id);
            String catName = null;
            if (id != null && c == null) {
                problems.add(at + ".id: \"" + id + "\" is not an " + TAXONOMY + " category id");
            } else if (c != null) {
                catName = c.name();
                if (!seen.add(id + " " + action.key())) {
                    problems.add(at + ": a second " + action.key() + " rule for category " + id + " (" + c.name() + ")");
                }
                if (r.has("name")) { // optional, for the reader; when given it must be the category's own name
                    String given = requiredText(r, "name", at + ".", problems);
                    if (given != null && !given.equals(c.name())) {
                        problems.add(at + ".name: \"" + given + "\" but category " + id + " is \"" + c.name() + "\"");
                    }
                }
            }
            double minScore = r.has("minScore") ? share(r, "minScore", at, problems) : 0;
            categories.add(new CategoryRule(TAXONOMY, id, catName, minScore, action));
        }
        List<QualityRule> quality = signalRules(root, "quality", "opinion", QualityScores.OPINIONS, "opinion",
                problems, QualityRule::new);
        List<FormatRule> adFormats = signalRules(root, "adFormats", "adFormat", QualityScores.FORMATS, "ad format",
                problems, FormatRule::new);
        if (!problems.isEmpty()) {
            throw invalid(source, problems);
        }
        return new Policy(name, version, description, whenUnmeasured, adult, categories, quality, adFormats);
    }

    /** The IAB categories by id, read once (the built-in file is ~165 KB of JSON). */
    private static volatile Map<String, Category> iab;

    private static Map<String, Category> iabCategories() throws AdlensException {
        Map<String, Category> known = iab;
        if (known == null) {
            Map<String, Category> out = new HashMap<>();
            for (Category c : CategoryTaxonomy.builtIn(TAXONOMY).categories()) {
                out.put(c.id(), c);
            }
            known = Map.copyOf(out);
            iab = known;
        }
        return known;
    }

    /** Makes one rule on a scored signal (an adult class, an opinion) from its name, threshold and action. */
    private interface SignalRule<R> {
        R of(String name, double atLeast, Action action);
    }

    /**
     * The rules of group {@code group} ({@code adult}, {@code quality}, {@code adFormats}): each names a signal by
     * {@code key}, fires {@code atLeast} a score and asks for an action; one rule per signal and action (tiers are rules
     * with different actions).
     */
    private static <R> List<R> signalRules(JsonNode root, String group, String key, List<String> known, String what,
                                           List<String> problems, SignalRule<R> rule) {
        List<R> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode r : rules(root, group, problems)) {
            String at = group + "[" + out.size() + "]";
            unknownKeys(r, Set.of(key, "atLeast", "action"), at + ".", problems);
            Action action = action(r.get("action"), at + ".action", problems);
            String name = signal(r, key, known, what, action, seen, at, problems);
            out.add(rule.of(name, share(r, "atLeast", at, problems), action));
        }
        return out;
    }

    /**
     * A rule's signal name ({@code key}: an adult class, an opinion): required, one of {@code known}, and not already
     * ruled on with the same action ({@code seen}; tiers — review at one score, block at a higher — are rules with
     * different actions); each problem added to {@code problems}.
     */
    private static String signal(JsonNode r, String key, List<String> known, String what, Action action,
                                 Set<String> seen, String at, List<String> problems) {
        String name = requiredText(r, key, at + ".", problems);
        if (name != null && !known.contains(name)) {
            problems.add(at + "." + key + ": \"" + name + "\" is not an " + what + " " + known);
        } else if (name != null && !seen.add(name + " " + action.key())) {
            problems.add(at + ": a second " + action.key() + " rule for " + what + " \"" + name + "\"");
        }
        return name;
    }

    private static List<JsonNode> rules(JsonNode root, String key, List<String> problems) {
        JsonNode list = root.get(key);
        List<JsonNode> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            problems.add(key + ": must be an array of rules");
            return out;
        }
        if (list.size() > MAX_RULES) {
            problems.add(key + ": " + list.size() + " rules (limit " + MAX_RULES + ")");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                problems.add(key + "[" + i + "]: must be an object");
                // keep the numbering of the rules after it: an empty rule reports its missing fields too
                out.add(JSON.createObjectNode());
            } else {
                out.add(list.get(i));
            }
        }
        return out;
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String at, List<String> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                problems.add(at + k + ": unknown key (known: " + known.stream().sorted().toList() + ")");
            }
        });
    }

    private static String requiredText(JsonNode node, String key, String at, List<String> problems) {
        JsonNode v = node.get(key);
        if (v == null) {
            problems.add(at + key + ": missing");
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(at + key + ": must be a non-empty string");
            return null;
        }
        return v.asText();
    }

    /** A probability or share in [0, 1]. */
    private static double share(JsonNode rule, String key, String at, List<String> problems) {
        JsonNode v = rule.get(key);
        if (v == null) {
            problems.add(at + "." + key + ": missing");
            return 0;
        }
        if (!v.isNumber()) {
            problems.add(at + "." + key + ": must be a number in [0, 1]");
            return 0;
        }
        double d = v.asDouble();
        if (!(d >= 0 && d <= 1)) {
            problems.add(at + "." + key + ": " + v.asText() + " is outside [0, 1]");
            return 0;
        }
        return d;
    }

    private static Action action(JsonNode v, String at, List<String> problems) {
        if (v == null) {
            problems.add(at + ": missing");
            return Action.ALLOW;
        }
        Action a = v.isTextual() ? Action.of(v.asText()) : null;
        if (a == null) {
            problems.add(at + ": must be \"allow\", \"review\" or \"block\"");
            return Action.ALLOW;
        }
        return a;
    }

    /**
     * Checks the rules on taxonomies of the user's against those the labeler labels in: each must be one of them and
     * name one of its categories (the file alone cannot tell).
     *
     * @throws AdlensException POLICY_INVALID listing every rule that reads a taxonomy not labeled in or a category it
     *                         does not have
     */
    public void requireLabeled(List<dev.adlens.category.CategoryTaxonomy> labeled) throws AdlensException {
        List<String> problems = new ArrayList<>();
        Set<String> missing = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            CategoryRule r = categories.get(i);
            if (r.taxonomy().equals(TAXONOMY)) {
                continue;
            }
            var t = labeled.stream().filter(x -> x.id().equals(r.taxonomy())).findFirst();
            if (t.isEmpty()) {
                if (missing.add(r.taxonomy())) { // said once per taxonomy, at its first rule
                    problems.add("categories[" + i + "].taxonomy: \"" + r.taxonomy() + "\" is not labeled in (give its"
                            + " file with --taxonomy, ADLENS_TAXONOMIES or the deployment's Taxonomies)");
                }
            } else {
                var c = t.get().categories().stream().filter(x -> x.id().equals(r.id())).findFirst();
                if (c.isEmpty()) {
                    problems.add("categories[" + i + "].id: \"" + r.id() + "\" is not a category of " + r.taxonomy());
                } else if (!r.name().equals(r.id()) && !r.name().equals(c.get().name())) {
                    // optional, for the reader; when given it must be the category's own name (as for IAB's)
                    problems.add("categories[" + i + "].name: \"" + r.name() + "\" but category " + r.id() + " of "
                            + r.taxonomy() + " is \"" + c.get().name() + "\"");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(name, problems);
        }
    }

    private static AdlensException invalid(String source, List<String> problems) {
        return new AdlensException(ErrorCode.POLICY_INVALID, "policy " + source + ": " + (problems.size() == 1
                ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems)));
    }
}
