package dev.adlens.report;

import dev.adlens.category.CategoryScore;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.ScoredLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One ad's line in the overview, as text: the page's table cells and the CSV fields are these same strings, so the
 * page's "Download CSV" and {@code adlens label --csv} agree. Empty strings where a field does not apply (a failed ad
 * has no topic, a labeled one no error).
 *
 * @param taxonomy the first taxonomy asked for, or null when none was
 * @param category that taxonomy's top category, "name (id)": the first selected one, else the best scored
 * @param verdict  the brand-safety verdict (allow, review, block), "" for labels no policy assessed
 * @param flags    the flags behind it, "subject score" joined by "; " (e.g. "Alcohol 0.94")
 * @param unclear  what the evidence was too weak to choose: "topic", "category", both ("topic; category") or ""
 * @param failed   the error code of a failed ad
 * @param message  the failure's message (shown in the page, not a column)
 */
public record OverviewRow(String file, String taxonomy, String category, String categoryScore, String topic,
                          String topicScore, String verdict, String flags, String unclear, String failed,
                          String message) {

    public static OverviewRow of(LabelOutcome outcome) {
        if (outcome instanceof LabelOutcome.Failed f) {
            return new OverviewRow(f.image(), null, "", "", "", "", "", "", "", f.code().name(), f.message());
        }
        AdLabels l = ((LabelOutcome.Labeled) outcome).labels();
        ScoredLabel topic = l.topics().isEmpty() ? null : l.topics().get(0); // highest score first
        List<String> unclear = new ArrayList<>();
        if (l.topicUnclear()) {
            unclear.add("topic");
        }
        String taxonomy = null;
        String category = "";
        String categoryScore = "";
        if (!l.taxonomies().isEmpty()) {
            TaxonomyLabels t = l.taxonomies().get(0);
            taxonomy = t.taxonomy();
            CategoryScore top = t.selected().isEmpty()
                    ? (t.categories().isEmpty() ? null : t.categories().get(0)) : t.selected().get(0);
            if (t.noneOfThem()) {
                category = "none of them";
                categoryScore = score(t.none().floatValue());
            } else if (top != null) {
                category = top.name() + " (" + top.id() + ")";
                categoryScore = score(top.score());
            }
            if (t.unclear()) {
                unclear.add("category");
            }
        }
        String verdict = l.safety() == null ? "" : l.safety().verdict().key();
        String flags = l.safety() == null ? "" : l.safety().flags().stream()
                .map(f -> f.subject() + " " + score((float) f.score())).collect(Collectors.joining("; "));
        return new OverviewRow(l.image(), taxonomy, category, categoryScore, topic == null ? "" : topic.key(),
                topic == null ? "" : score(topic.score()), verdict, flags, String.join("; ", unclear), "", "");
    }

    /** The column headers; the two category columns only when a taxonomy was asked for. */
    public static List<String> header(String taxonomy) {
        return taxonomy == null ? List.of("file", "topic", "topic score", "verdict", "flags", "unclear", "failed")
                : List.of("file", taxonomy + " category", taxonomy + " score", "topic", "topic score", "verdict",
                "flags", "unclear", "failed");
    }

    /** This row's fields under {@link #header(String) header(taxonomy)}. */
    public List<String> fields(String taxonomy) {
        return taxonomy == null ? List.of(file, topic, topicScore, verdict, flags, unclear, failed)
                : List.of(file, category, categoryScore, topic, topicScore, verdict, flags, unclear, failed);
    }

    static String score(float s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
