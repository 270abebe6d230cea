package dev.adlens.labels;

import dev.adlens.category.AdDomains;
import dev.adlens.category.CategoryScore;
import dev.adlens.category.TaxonomyLabels;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.ocr.OcrWord;
import dev.adlens.quality.QualityScores;
import dev.adlens.safety.Safety;
import dev.adlens.visual.AdultScores;
import dev.adlens.visual.Detection;
import java.util.List;

/** The DESIGN output contract as JSON; one place, shared by the CLI, the API and the DynamoDB item. */
public final class LabelJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelJson() {
    }

    public static ObjectNode toJson(LabelOutcome outcome) {
        ObjectNode root = head("image", outcome);
        if (!(outcome instanceof LabelOutcome.Labeled labeled)) {
            return root;
        }
        AdLabels l = labeled.labels();
        ArrayNode objects = root.putArray("objects");
        for (Detection d : l.objects()) {
            ObjectNode o = objects.addObject().put("label", d.label()).put("score", round(d.score()));
            o.putArray("box").add(round(d.x1())).add(round(d.y1())).add(round(d.x2())).add(round(d.y2()));
        }
        ObjectNode ocr = root.putObject("ocr");
        ocr.put("text", l.ocr().text());
        ArrayNode words = ocr.putArray("words");
        for (OcrWord w : l.ocr().words()) {
            words.addObject().put("text", w.text()).put("confidence", Math.round(w.confidence() * 10) / 10.0)
                    .putArray("box").add(w.x()).add(w.y()).add(w.width()).add(w.height());
        }
        ObjectNode attention = root.putObject("attention");
        attention.set("topic", attention(l.topicAttention()));
        attention.set("sentiment", attention(l.sentimentAttention()));
        models(root.putObject("model").put("head", l.models().head()).put("visual", l.models().visual()), l);
        StageTimings t = l.timings();
        root.putObject("timingsMs").put("decode", t.decodeMs()).put("visual", t.visualMs()).put("ocr", t.ocrMs())
                .put("words", t.wordsMs()).put("head", t.headMs()).put("total", t.totalMs());
        return root;
    }

    /**
     * A text ad's outcome (no image): {@code id} instead of {@code image}, the input words under {@code text}, and no
     * objects, OCR boxes or image timings; attention and models as for an image.
     */
    public static ObjectNode toTextJson(LabelOutcome outcome) {
        ObjectNode root = head("id", outcome);
        if (!(outcome instanceof LabelOutcome.Labeled labeled)) {
            return root;
        }
        AdLabels l = labeled.labels();
        root.putObject("text").put("text", l.ocr().text()).put("words", l.ocr().words().size());
        ObjectNode attention = root.putObject("attention");
        attention.set("topic", attention(l.topicAttention()).without(List.of("objectWeights")));
        attention.set("sentiment", attention(l.sentimentAttention()).without(List.of("objectWeights")));
        models(root.putObject("model").put("head", l.models().head()), l);
        StageTimings t = l.timings();
        root.putObject("timingsMs").put("words", t.wordsMs()).put("head", t.headMs()).put("total", t.totalMs());
        return root;
    }

    /** The input's name under {@code idField}, the status, and the error or every topic and sentiment. */
    private static ObjectNode head(String idField, LabelOutcome outcome) {
        ObjectNode root = JSON.createObjectNode();
        root.put(idField, outcome.image());
        if (outcome instanceof LabelOutcome.Failed failed) {
            root.put("status", "FAILED");
            root.putObject("error").put("code", failed.code().name()).put("message", failed.message());
            return root;
        }
        AdLabels l = ((LabelOutcome.Labeled) outcome).labels();
        root.put("status", "LABELED");
        root.set("topics", labels(l.topics()));
        root.set("sentiments", labels(l.sentiments()));
        root.put("topicUnclear", l.topicUnclear());
        if (!l.taxonomies().isEmpty()) {
            ObjectNode all = root.putObject("taxonomies");
            for (TaxonomyLabels t : l.taxonomies()) {
                ObjectNode o = all.putObject(t.taxonomy()).put("version", t.version());
                if (t.cattax() != null) {
                    o.put("cattax", t.cattax());
                }
                o.put("unclear", t.unclear());
                if (t.none() != null) {
                    o.put("none", round(t.none().floatValue()));
                }
                ArrayNode cats = o.putArray("categories");
                for (CategoryScore c : t.categories()) {
                    cats.addObject().put("id", c.id()).put("name", c.name()).put("tier", c.tier())
                            .put("parent", c.parent()).put("score", round(c.score()))
                            .put("similarity", round(c.similarity())).put("evidence", c.evidence())
                            .put("selected", c.selected());
                }
            }
        }
        if (l.safety() != null) {
            root.set("safety", safety(l.safety()).set("scores", scores(l.adult(), l.quality())));
        }
        openRtb(root, l);
        return root;
    }

    /** The verdict under the policy, the flags that fired (each with its evidence) and the rules not measured. */
    public static ObjectNode safety(Safety s) {
        ObjectNode o = JSON.createObjectNode().put("verdict", s.verdict().key());
        o.putObject("policy").put("name", s.policy()).put("version", s.policyVersion());
        ArrayNode flags = o.putArray("flags");
        for (Safety.Flag f : s.flags()) {
            flags.addObject().put("name", f.name()).put("kind", f.kind()).put("subject", f.subject())
                    .put("action", f.action().key())
                    .put("score", round((float) f.score())).put("threshold", f.threshold()).put("reason", f.reason());
        }
        ArrayNode unmeasured = o.putArray("unmeasured");
        s.unmeasured().forEach(unmeasured::add);
        return o;
    }

    /** Every score the policy reads, fired or not; a signal not measured is left out. */
    static ObjectNode scores(AdultScores adult, QualityScores quality) {
        ObjectNode o = JSON.createObjectNode();
        if (adult.measured()) {
            ObjectNode a = o.putObject("adult");
            AdultScores.CLASSES.forEach(c -> a.put(c, round((float) adult.score(c))));
            adult.second().ifPresent(second -> {
                ObjectNode b = o.putObject("adultSecondOpinion");
                AdultScores.CLASSES.forEach(c -> b.put(c, round((float) second.score(c))));
            });
        }
        if (quality.measured()) {
            ObjectNode q = o.putObject("quality");
            QualityScores.OPINIONS.forEach(k -> q.put(k, round(quality.opinions().getOrDefault(k, 0.0).floatValue())));
        }
        if (!quality.formats().isEmpty()) {
            ObjectNode f = o.putObject("adFormat");
            new java.util.TreeMap<>(quality.formats()).forEach((k, v) -> f.put(k, round(v.floatValue())));
        }
        return o;
    }

    /** AdCOM 1.0 creative attribute 9, "Provocative or Suggestive Imagery": what an adult-imagery flag says. */
    public static final int ATTR_PROVOCATIVE = 9;

    /**
     * The OpenRTB-ready view: the selected categories of the first taxonomy that AdCOM lists ({@code cat} with its
     * {@code cattax}), the advertiser domains read in the ad ({@code adomain}), and AdCOM's creative attribute 9
     * (Provocative or Suggestive Imagery) in {@code attr} when an adult-imagery rule of the policy fired; absent when
     * there is none of them. The verdict itself has no AdCOM field: it stays in the {@code safety} block.
     */
    private static void openRtb(ObjectNode root, AdLabels l) {
        List<String> domains = AdDomains.find(l.ocr().text());
        TaxonomyLabels listed = l.taxonomies().stream().filter(t -> t.cattax() != null).findFirst().orElse(null);
        boolean provocative = l.safety() != null && l.safety().flags().stream().anyMatch(f -> f.kind().equals("adult"));
        if (listed == null && domains.isEmpty() && !provocative) {
            return;
        }
        ObjectNode o = root.putObject("openrtb");
        if (listed != null) {
            o.put("cattax", listed.cattax());
            ArrayNode cat = o.putArray("cat");
            listed.selected().forEach(c -> cat.add(c.id()));
        }
        ArrayNode adomain = o.putArray("adomain");
        domains.forEach(adomain::add);
        if (provocative) {
            o.putArray("attr").add(ATTR_PROVOCATIVE);
        }
    }

    /**
     * The same answer with only the {@code wanted} taxonomies (the API's {@code taxonomy} parameter): the others'
     * blocks, model versions and OpenRTB categories are left out.
     */
    public static ObjectNode keepTaxonomies(ObjectNode answer, java.util.Set<String> wanted) {
        com.fasterxml.jackson.databind.JsonNode all = answer.get("taxonomies");
        if (all instanceof ObjectNode o) {
            List<String> drop = new java.util.ArrayList<>();
            o.fieldNames().forEachRemaining(n -> {
                if (!wanted.contains(n)) {
                    drop.add(n);
                }
            });
            Integer cattax = null;
            for (String n : drop) {
                if (o.path(n).has("cattax")) {
                    cattax = cattax == null ? o.path(n).path("cattax").asInt() : cattax;
                }
            }
            o.remove(drop);
            if (o.isEmpty()) {
                answer.remove("taxonomies");
            }
            if (answer.path("model").path("taxonomies") instanceof ObjectNode m) {
                m.remove(drop);
            }
            if (answer.get("openrtb") instanceof ObjectNode rtb && cattax != null
                    && rtb.path("cattax").asInt() == cattax) {
                rtb.remove(List.of("cat", "cattax"));
            }
        }
        return answer;
    }

    private static void models(ObjectNode model, AdLabels l) {
        model.put("words", l.models().words());
        if (!l.taxonomies().isEmpty()) {
            ObjectNode t = model.putObject("taxonomies");
            l.taxonomies().forEach(x -> t.put(x.taxonomy(), x.version()));
        }
    }

    private static ArrayNode labels(List<ScoredLabel> labels) {
        ArrayNode a = JSON.createArrayNode();
        for (ScoredLabel s : labels) {
            a.addObject().put("id", s.id()).put("key", s.key()).put("name", s.name()).put("score", round(s.score()))
                    .put("selected", s.selected());
        }
        return a;
    }

    private static ObjectNode attention(TaskAttention a) {
        ObjectNode o = JSON.createObjectNode().put("image", round(a.image())).put("objects", round(a.objects()))
                .put("text", round(a.text()));
        ArrayNode objects = o.putArray("objectWeights");
        a.objectWeights().forEach(w -> objects.add(round(w)));
        ArrayNode words = o.putArray("wordWeights");
        a.wordWeights().forEach(w -> words.addObject().put("token", w.token()).put("weight", round(w.weight())));
        return o;
    }

    private static double round(float v) {
        return Math.round(v * 10000.0) / 10000.0;
    }
}
