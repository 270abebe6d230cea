package dev.adlens.category;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A taxonomy file ({@code adlens-taxonomy-1}, docs/taxonomies.md): an id, a version, categories with optional parents,
 * descriptions, phrases and examples, and an optional calibration. Read whole and validated before anything is used:
 * a file with any error is refused with TAXONOMY_INVALID naming the first problem; nothing is half-loaded.
 */
public record CategoryTaxonomy(String id, String version, String name, Integer cattax, List<Category> categories,
                               Calibration calibration, Bridge bridge, Prototypes prototypes,
                               TransferSettings transfer) {
    /**
     * Evidence carried over from the Pitt topics (fused head + phrases, images included): a category's similarity
     * gains {@code weight} times the probability of the Pitt topics that {@code map} sends to it.
     */
    public record Bridge(String from, double weight, Map<String, List<String>> map) {
        public Bridge {
            map = Map.copyOf(map);
        }
    }

    /**
     * Example ads already encoded, for a taxonomy that cannot carry the ads themselves (the built-in IAB's examples
     * are real ads whose copy belongs to their advertisers): per category, the unit mean of its example ads' sentence
     * vectors and how many ads made it. They count as that many examples; valid only for the encoder named.
     */
    public record Prototypes(String encoder, String fittedOn, Map<String, Prototype> categories) {
        public Prototypes {
            categories = Map.copyOf(categories);
        }
    }

    public record Prototype(int examples, float[] vector) {
    }

    public static final String FORMAT = "adlens-taxonomy-1";
    /** Largest file read (bytes): IAB's 584 categories with phrases take ~150 KB. */
    public static final long MAX_BYTES = 4L << 20;
    public static final int MAX_CATEGORIES = 5_000;
    public static final int MAX_PHRASES = 64;
    public static final int MAX_EXAMPLES = 32;
    public static final int MAX_TEXT_CHARS = 2_000;
    public static final int MAX_DEPTH = 6;
    /** The built-in taxonomies, on the classpath under /taxonomy/ (docs/taxonomies.md). */
    public static final List<String> BUILT_IN = List.of("iab-ad-product-2.0", "pitt-topics");

    private static final ObjectMapper JSON = new ObjectMapper();

    public CategoryTaxonomy {
        categories = List.copyOf(categories);
    }

    /** A taxonomy that borrows nothing (the built-in ones are the knowledge others borrow from). */
    public CategoryTaxonomy(String id, String version, String name, Integer cattax, List<Category> categories,
                            Calibration calibration, Bridge bridge, Prototypes prototypes) {
        this(id, version, name, cattax, categories, calibration, bridge, prototypes, TransferSettings.OFF);
    }

    /** A built-in taxonomy by id, or a file by path. */
    public static CategoryTaxonomy load(String idOrPath) throws AdlensException {
        if (BUILT_IN.contains(idOrPath)) {
            return builtIn(idOrPath);
        }
        Path file = Path.of(idOrPath);
        if (!Files.isRegularFile(file)) {
            throw invalid(idOrPath, "neither a built-in taxonomy " + BUILT_IN + " nor a readable file");
        }
        return read(file);
    }

    public static CategoryTaxonomy builtIn(String id) throws AdlensException {
        try (InputStream in = CategoryTaxonomy.class.getResourceAsStream("/taxonomy/" + id + ".json")) {
            if (in == null) {
                throw invalid(id, "no such built-in taxonomy");
            }
            CategoryTaxonomy t = parse(in.readAllBytes(), id);
            return new CategoryTaxonomy(t.id, t.version, t.name, t.cattax, t.categories, t.calibration, t.bridge,
                    t.prototypes, TransferSettings.OFF);
        } catch (IOException e) {
            throw invalid(id, e.getMessage());
        }
    }

    public static CategoryTaxonomy read(Path file) throws AdlensException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw invalid(file.toString(), "file has " + size + " bytes (limit " + MAX_BYTES + ")");
            }
            CategoryTaxonomy t = parse(Files.readAllBytes(file), file.toString());
            if (BUILT_IN.contains(t.id())) { // a file must not pass itself off as a built-in taxonomy (its key, its OpenRTB view)
                throw invalid(file.toString(), "\"id\": \"" + t.id() + "\" is a built-in taxonomy's; choose another id");
            }
            return t;
        } catch (IOException e) {
            throw invalid(file.toString(), "cannot read: " + e.getMessage());
        }
    }

    /** Parses and validates; {@code source} names the file in errors. */
    public static CategoryTaxonomy parse(byte[] bytes, String source) throws AdlensException {
        if (bytes.length > MAX_BYTES) {
            throw invalid(source, "file has " + bytes.length + " bytes (limit " + MAX_BYTES + ")");
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            // a constraint of the parser (nesting too deep, a number too long) has no location
            throw invalid(source, e.getLocation() == null ? "not JSON: " + e.getOriginalMessage()
                    : "not JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw invalid(source, "not JSON");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw invalid(source, "not an " + FORMAT + " file (\"format\": \"" + FORMAT + "\" expected)");
        }
        String id = text(root, "id", source, "the taxonomy");
        String version = root.path("version").isValueNode() ? root.path("version").asText() : "1";
        String name = root.path("name").isTextual() ? root.path("name").asText() : id;
        Integer cattax = root.path("cattax").canConvertToInt() ? root.path("cattax").asInt() : null;
        JsonNode list = root.path("categories");
        if (!list.isArray() || list.isEmpty()) {
            throw invalid(source, "\"categories\" must be a non-empty array");
        }
        if (list.size() > MAX_CATEGORIES) {
            throw invalid(source, list.size() + " categories (limit " + MAX_CATEGORIES + ")");
        }
        Map<String, Category> byId = new LinkedHashMap<>();
        Map<String, List<String>> alignTo = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String where = "category #" + (i + 1);
            if (!c.isObject()) {
                throw invalid(source, where + " is not an object");
            }
            JsonNode idNode = c.path("id");
            if (!idNode.isTextual() && !idNode.isIntegralNumber() || idNode.asText().isBlank()) {
                throw invalid(source, where + ": \"id\" missing or empty");
            }
            String cid = idNode.asText().strip();
            where = "category " + cid;
            String cname = text(c, "name", source, where);
            JsonNode p = c.path("parent");
            String parent = p.isNull() || p.isMissingNode() || p.asText().isBlank() ? null : p.asText().strip();
            String description = c.path("description").isTextual() ? limited(c.path("description").asText(), source, where)
                    : null;
            List<String> phrases = strings(c.path("phrases"), MAX_PHRASES, source, where + " phrases");
            List<String> texts = new ArrayList<>();
            List<String> images = new ArrayList<>();
            JsonNode ex = c.path("examples");
            if (!ex.isMissingNode() && !ex.isArray()) {
                throw invalid(source, where + ": \"examples\" must be an array");
            }
            if (ex.size() > MAX_EXAMPLES) {
                throw invalid(source, where + ": " + ex.size() + " examples (limit " + MAX_EXAMPLES + ")");
            }
            for (JsonNode e : ex) {
                if (e.path("text").isTextual() && !e.path("text").asText().isBlank()) {
                    texts.add(limited(e.path("text").asText(), source, where));
                } else if (e.path("image").isTextual() && !e.path("image").asText().isBlank()) {
                    images.add(e.path("image").asText());
                } else {
                    throw invalid(source, where + ": an example needs a non-empty \"text\" or \"image\"");
                }
            }
            Category.Contrast contrast = contrast(c.path("contrast"), source, where);
            if (!c.path("alignTo").isMissingNode()) {
                List<String> to = strings(c.path("alignTo"), MAX_PHRASES, source, where + " alignTo");
                for (String key : to) {
                    if (!key.matches("(iab|pitt):[0-9A-Za-z]+")) {
                        throw invalid(source, where + ": alignTo entry \"" + key + "\" is not \"iab:ID\" or \"pitt:ID\"");
                    }
                }
                alignTo.put(cid, to);
            }
            if (byId.put(cid, new Category(cid, cname, parent, description, phrases, texts, images, contrast)) != null) {
                throw invalid(source, "duplicate id " + cid);
            }
        }
        for (Category c : byId.values()) {
            if (c.parent() != null && !byId.containsKey(c.parent())) {
                throw invalid(source, "category " + c.id() + ": unknown parent " + c.parent());
            }
            if (depth(c, byId) > MAX_DEPTH) {
                throw invalid(source, "category " + c.id() + ": its parents form a cycle or a chain deeper than "
                        + MAX_DEPTH);
            }
        }
        Calibration cal = calibration(root.path("calibration"), exhaustive(root.path("exhaustive"), source), source);
        return new CategoryTaxonomy(id, version, name, cattax, new ArrayList<>(byId.values()), cal,
                bridge(root.path("bridge"), byId.keySet(), source),
                prototypes(root.path("prototypes"), byId.keySet(), source),
                transfer(root.path("transfer"), source).withAlignTo(alignTo));
    }

    public Map<String, Category> byId() {
        Map<String, Category> m = new HashMap<>();
        categories.forEach(c -> m.put(c.id(), c));
        return m;
    }

    /** The same taxonomy with other categories (example images resolved to text). */
    public CategoryTaxonomy withCategories(List<Category> resolved) {
        return new CategoryTaxonomy(id, version, name, cattax, resolved, calibration, bridge, prototypes, transfer);
    }

    private static TransferSettings transfer(JsonNode t, String source) throws AdlensException {
        TransferSettings d = TransferSettings.DEFAULT;
        if (t.isMissingNode() || t.isNull() || t.isBoolean() && t.asBoolean()) {
            return d;
        }
        if (t.isBoolean()) {
            return TransferSettings.OFF;
        }
        if (!t.isObject()) {
            throw invalid(source, "\"transfer\" must be true, false or an object");
        }
        try {
            return new TransferSettings(t.path("enabled").asBoolean(true), t.path("weight").asDouble(d.weight()),
                    t.path("pittWeight").asDouble(d.pittWeight()), t.path("temperature").asDouble(d.temperature()),
                    t.path("exampleShare").asDouble(d.exampleShare()), t.path("alignedFrom").asDouble(d.alignedFrom()),
                    t.path("alignedAt").asDouble(d.alignedAt()), Map.of());
        } catch (IllegalArgumentException e) {
            throw invalid(source, e.getMessage());
        }
    }

    private static Category.Contrast contrast(JsonNode c, String source, String where) throws AdlensException {
        if (c.isMissingNode() || c.isNull()) {
            return null;
        }
        double weight = c.path("weight").asDouble(-1);
        if (!c.isObject() || weight < 0 || weight > 5) {
            throw invalid(source, where + ": \"contrast\" needs a \"weight\" in [0, 5]");
        }
        List<String> pro = strings(c.path("for"), MAX_PHRASES, source, where + " contrast for");
        List<String> con = strings(c.path("against"), MAX_PHRASES, source, where + " contrast against");
        if (pro.isEmpty() || con.isEmpty()) {
            throw invalid(source, where + ": \"contrast\" needs \"for\" and \"against\" phrases");
        }
        return new Category.Contrast(weight, pro, con);
    }

    private static Prototypes prototypes(JsonNode p, Set<String> ids, String source) throws AdlensException {
        if (p.isMissingNode() || p.isNull()) {
            return null;
        }
        String encoder = p.path("encoder").asText("").strip();
        if (encoder.isEmpty() || !p.path("categories").isObject()) {
            throw invalid(source, "prototypes: need the \"encoder\" that made them and \"categories\"");
        }
        Map<String, Prototype> out = new LinkedHashMap<>();
        int dim = -1;
        for (var it = p.path("categories").fields(); it.hasNext(); ) {
            var e = it.next();
            String where = "prototypes " + e.getKey();
            if (!ids.contains(e.getKey())) {
                throw invalid(source, where + ": unknown category");
            }
            int k = e.getValue().path("examples").asInt(0);
            float[] v = floats(e.getValue().path("vector").asText(""));
            if (k < 1 || v == null || (dim >= 0 && v.length != dim)) {
                throw invalid(source, where + ": needs \"examples\" >= 1 and a \"vector\" of base64 little-endian "
                        + "float32, finite, as long as every other");
            }
            dim = v.length;
            out.put(e.getKey(), new Prototype(k, v));
        }
        return new Prototypes(encoder, p.path("fittedOn").asText(""), out);
    }

    /** Base64 little-endian float32, or null when it is not that or holds a non-finite value. */
    private static float[] floats(String base64) {
        byte[] raw;
        try {
            raw = java.util.Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length == 0 || raw.length % Float.BYTES != 0) {
            return null;
        }
        float[] v = new float[raw.length / Float.BYTES];
        java.nio.ByteBuffer.wrap(raw).order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return null;
            }
        }
        return v;
    }

    private static Bridge bridge(JsonNode b, Set<String> ids, String source) throws AdlensException {
        if (b.isMissingNode() || b.isNull()) {
            return null;
        }
        if (!"pitt-topics".equals(b.path("from").asText())) {
            throw invalid(source, "bridge: \"from\" must be \"pitt-topics\" (the only taxonomy every ad is labelled in)");
        }
        double weight = b.path("weight").asDouble(-1);
        if (weight < 0 || weight > 10) {
            throw invalid(source, "bridge: \"weight\" must be in [0, 10]");
        }
        Map<String, List<String>> map = new LinkedHashMap<>();
        var fields = b.path("map").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            List<String> to = strings(e.getValue(), MAX_CATEGORIES, source, "bridge " + e.getKey());
            for (String t : to) {
                if (!ids.contains(t)) {
                    throw invalid(source, "bridge " + e.getKey() + ": unknown category " + t);
                }
            }
            map.put(e.getKey(), to);
        }
        return new Bridge("pitt-topics", weight, map);
    }

    private static int depth(Category c, Map<String, Category> byId) {
        Set<String> seen = new HashSet<>();
        int depth = 0;
        for (Category p = c; p != null; p = p.parent() == null ? null : byId.get(p.parent())) {
            if (!seen.add(p.id()) || ++depth > MAX_DEPTH) {
                return MAX_DEPTH + 1;
            }
        }
        return depth;
    }

    private static boolean exhaustive(JsonNode e, String source) throws AdlensException {
        if (e.isMissingNode() || e.isNull()) {
            return true;
        }
        if (!e.isBoolean()) {
            throw invalid(source, "\"exhaustive\" must be true or false");
        }
        return e.asBoolean();
    }

    private static Calibration calibration(JsonNode c, boolean exhaustive, String source) throws AdlensException {
        Calibration d = Calibration.DEFAULT;
        JsonNode noneAt = c.path("noneAt");
        if (exhaustive && !noneAt.isMissingNode()) {
            throw invalid(source, "calibration \"noneAt\" applies only to a taxonomy with \"exhaustive\": false");
        }
        if (!noneAt.isMissingNode() && !noneAt.isNumber()) {
            throw invalid(source, "calibration \"noneAt\" must be a number");
        }
        Double none = exhaustive ? null : noneAt.isNumber() ? noneAt.asDouble() : Calibration.NONE_AT;
        if (c.isMissingNode() || c.isNull()) {
            return exhaustive ? d : new Calibration(d.temperature(), d.selectAt(), d.unclearBelow(), d.exampleWeight(),
                    d.exampleHalf(), none);
        }
        try {
            return new Calibration(c.path("temperature").asDouble(d.temperature()),
                    c.path("selectAt").asDouble(d.selectAt()), c.path("unclearBelow").asDouble(d.unclearBelow()),
                    c.path("exampleWeight").asDouble(d.exampleWeight()), c.path("exampleHalf").asDouble(d.exampleHalf()),
                    none);
        } catch (IllegalArgumentException e) {
            throw invalid(source, e.getMessage());
        }
    }

    private static String text(JsonNode n, String field, String source, String where) throws AdlensException {
        JsonNode v = n.path(field);
        if (!v.isValueNode() || v.isNull() || v.asText().isBlank()) {
            throw invalid(source, where + ": \"" + field + "\" missing or empty");
        }
        return limited(v.asText().strip(), source, where);
    }

    private static List<String> strings(JsonNode a, int max, String source, String where) throws AdlensException {
        if (a.isMissingNode() || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw invalid(source, where + ": must be an array of strings");
        }
        if (a.size() > max) {
            throw invalid(source, where + ": " + a.size() + " entries (limit " + max + ")");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode s : a) {
            if (!s.isTextual()) {
                throw invalid(source, where + ": must be an array of strings");
            }
            if (!s.asText().isBlank()) {
                out.add(limited(s.asText().strip(), source, where));
            }
        }
        return out;
    }

    private static String limited(String s, String source, String where) throws AdlensException {
        if (s.chars().anyMatch(ch -> ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r' || ch == 0x7f)) {
            throw invalid(source, where + ": a text with a control character (NUL and the like are not text)");
        }
        if (s.length() > MAX_TEXT_CHARS) {
            throw invalid(source, where + ": a text of " + s.length() + " characters (limit " + MAX_TEXT_CHARS + ")");
        }
        return s;
    }

    static AdlensException invalid(String source, String why) {
        return new AdlensException(ErrorCode.TAXONOMY_INVALID, "taxonomy " + source + ": " + why);
    }
}
