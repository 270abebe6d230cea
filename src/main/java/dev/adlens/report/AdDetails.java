package dev.adlens.report;

import static dev.adlens.report.HtmlReport.esc;

import dev.adlens.category.CategoryScore;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.TaskAttention;
import dev.adlens.ocr.OcrWord;
import dev.adlens.quality.QualityScores;
import dev.adlens.text.WordEmbedder;
import dev.adlens.visual.Detection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One ad's details, collapsed under its file name: the image with object boxes (green) and OCR word boxes (orange,
 * stronger where the topic attention favoured the word), the top topic, sentiment and category bars (selected ones
 * red), the OCR text, and under "why" the figures behind the decision (attention, models, timings).
 */
final class AdDetails {
    private AdDetails() {
    }

    static void append(StringBuilder sb, int index, LabelOutcome outcome, HtmlReport.Thumbnail thumb) {
        OverviewRow row = OverviewRow.of(outcome);
        sb.append("<details class=adinfo id=ad-").append(index).append("><summary>").append(esc(row.file()))
                .append(row.failed().isEmpty()
                        ? " — " + esc(row.topic()) + " " + row.topicScore() + (row.unclear().isEmpty() ? ""
                        : " <span class=unclear>unclear: " + esc(row.unclear()) + "</span>")
                        : " — <span class=fail>FAILED " + esc(row.failed()) + "</span>")
                .append("</summary>");
        if (outcome instanceof LabelOutcome.Failed f) {
            // the same grid as a labeled card: the frame (empty here) left, the reason where the labels go
            sb.append("<section class=card><div class=row>")
                    .append("<div class=frame><span class=nothumb>no image</span></div><div class=labels>")
                    .append("<p class=fail>FAILED ").append(esc(f.code().name())).append(": ")
                    .append(esc(f.message())).append("</p></div></div></section></details>\n");
            return;
        }
        AdLabels l = ((LabelOutcome.Labeled) outcome).labels();
        if (thumb == null) { // labels without a picture (made elsewhere than the labeling worker)
            sb.append("<section class=card><div class=row><div class=frame><span class=nothumb>no image</span></div>"
                    + "<div class=labels>");
            labels(sb, l);
            return;
        }
        double scale = thumb.scale();
        int w = thumb.width();
        int h = thumb.height();
        sb.append("<section class=card><div class=row>")
                .append("<div class=frame><div class=ad style='width:").append(w).append("px;height:").append(h).append("px'>")
                .append("<img alt='ad' loading=lazy src='data:image/jpeg;base64,").append(thumb.jpegBase64()).append("'>")
                .append("<svg viewBox='0 0 ").append(w).append(' ').append(h).append("' width=").append(w)
                .append(" height=").append(h).append(">");
        for (Detection d : l.objects()) {
            sb.append(String.format(Locale.ROOT, "<rect class=obj x='%.1f' y='%.1f' width='%.1f' height='%.1f'/>"
                    + "<text x='%.1f' y='%.1f'>%s %.2f</text>", d.x1() * w, d.y1() * h, (d.x2() - d.x1()) * w,
                    (d.y2() - d.y1()) * h, d.x1() * w + 2, d.y1() * h + 12, esc(d.label()), d.score()));
        }
        for (OcrWord word : l.ocr().words()) {
            sb.append(String.format(Locale.ROOT, "<rect class=ocr x='%.1f' y='%.1f' width='%.1f' height='%.1f'"
                    + " style='fill-opacity:%.2f'><title>%s</title></rect>", word.x() * scale, word.y() * scale,
                    word.width() * scale, word.height() * scale, 0.05 + 0.6 * weightOf(word, l.topicAttention()),
                    esc(word.text())));
        }
        sb.append("</svg></div></div><div class=labels>");
        labels(sb, l);
    }

    /**
     * What viewers would say (each opinion as a share) and the kinds of unit the ad likely is (formats from 0.5, most
     * likely first): the scores behind the quality and format rules, fired or not.
     */
    private static void quality(StringBuilder sb, QualityScores q) {
        if (!q.measured()) {
            return;
        }
        List<String> parts = new ArrayList<>();
        QualityScores.OPINIONS.forEach(o -> parts.add(String.format(Locale.ROOT, "%s %.0f%%", o,
                100 * q.opinions().getOrDefault(o, 0.0))));
        sb.append("<p class=hint>viewers: ").append(esc(String.join(", ", parts)));
        List<Map.Entry<String, Double>> likely = q.formats().entrySet().stream().filter(e -> e.getValue() >= 0.5)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        if (!q.formats().isEmpty()) {
            sb.append(" · unit: ").append(likely.isEmpty() ? "none likely" : esc(String.join(", ", likely.stream()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue())).toList())));
        }
        sb.append("</p>");
    }

    /** The labels column, then the card's and the details' ends. */
    private static void labels(StringBuilder sb, AdLabels l) {
        if (l.topicUnclear()) { // Pitt's answer 39: the evidence was too weak to choose a topic
            sb.append("<p class=unclear>Topic: unclear (no topic reaches the calibrated confidence)</p>");
        }
        if (l.safety() != null) { // the verdict first: what a reviewer acts on, with the evidence for each flag
            sb.append("<p class=verdict>Brand safety: <b>").append(esc(l.safety().verdict().key()))
                    .append("</b> (policy ").append(esc(l.safety().policy())).append(' ')
                    .append(esc(l.safety().policyVersion())).append(")</p>");
            if (!l.safety().flags().isEmpty()) {
                sb.append("<ul class=flags>");
                l.safety().flags().forEach(f -> sb.append("<li>").append(esc(f.action().key())).append(": ")
                        .append(esc(f.reason())).append("</li>"));
                sb.append("</ul>");
            }
            if (!l.safety().unmeasured().isEmpty()) {
                sb.append("<p class=hint>not measured: ").append(esc(String.join(", ", l.safety().unmeasured())))
                        .append("</p>");
            }
        }
        quality(sb, l.quality());
        bars(sb, "Topics", l.topics());
        bars(sb, "Sentiments", l.sentiments());
        for (TaxonomyLabels t : l.taxonomies()) {
            sb.append("<h3 class=taxonomy>").append(esc(t.taxonomy())).append(t.unclear() ? " — unclear" : "")
                    .append(t.noneOfThem() ? String.format(Locale.ROOT, " — none of them (%.2f)", t.none()) : "")
                    .append("</h3><table>");
            for (CategoryScore c : t.categories().subList(0, Math.min(5, t.categories().size()))) {
                sb.append(String.format(Locale.ROOT, "<tr class='%s'><td>%s%s</td><td><span class='bar%s' "
                        + "style='width:%dpx'></span> %.2f</td><td class=evidence>%s</td></tr>",
                        c.selected() ? "selected" : "", c.tier() > 1 ? "&nbsp;&nbsp;" : "", esc(c.name()),
                        c.selected() ? " sel" : "", Math.round(c.score() * 200), c.score(),
                        c.selected() ? esc(c.evidence()) : "")); // evidence explains a choice; none was made here
            }
            sb.append("</table>");
        }
        sb.append("<p class=ocrtext>OCR: ").append(esc(l.ocr().text())).append("</p>");
        why(sb, l);
        sb.append("</div></div></section></details>\n");
    }

    /**
     * The figures behind the decision, for whoever asks why. The modality weights come with their reading: the
     * image branch carries little weight in this head, so an image weight of 0.00 is what it normally shows.
     */
    private static void why(StringBuilder sb, AdLabels l) {
        sb.append("<details class=why><summary>why</summary><p class=note>Attention: how much each input weighed in"
                + " the decision (the three sum to 1). The head decides from the detected objects and the text; its"
                + " image branch carries little weight, so an image weight near 0.00 is expected.</p>");
        attention(sb, "topic", l.topicAttention());
        attention(sb, "sentiment", l.sentimentAttention());
        sb.append("<p class=figures>models: head ").append(esc(l.models().head())).append(", visual ")
                .append(esc(l.models().visual())).append(", text ").append(esc(l.models().words()));
        if (!l.models().taxonomies().isEmpty()) {
            sb.append(", taxonomies ").append(esc(l.models().taxonomies()));
        }
        sb.append(String.format(Locale.ROOT, "; time: %d ms (decode %d, visual %d, OCR %d, text %d, head %d)</p>",
                l.timings().totalMs(), l.timings().decodeMs(), l.timings().visualMs(), l.timings().ocrMs(),
                l.timings().wordsMs(), l.timings().headMs()));
        sb.append("</details>");
    }

    private static void bars(StringBuilder sb, String title, List<ScoredLabel> labels) {
        sb.append("<h3>").append(title).append("</h3><table>");
        for (ScoredLabel s : labels.subList(0, Math.min(5, labels.size()))) {
            sb.append(String.format(Locale.ROOT, "<tr class='%s'><td>%s</td><td><span class='bar%s' style='width:%dpx'>"
                    + "</span> %.2f</td></tr>", s.selected() ? "selected" : "", esc(s.key()), s.selected() ? " sel" : "",
                    Math.round(s.score() * 200), s.score()));
        }
        sb.append("</table>");
    }

    private static void attention(StringBuilder sb, String task, TaskAttention a) {
        sb.append(String.format(Locale.ROOT, "<p class=figures>%s attention: objects %.2f, text %.2f, image %.2f", task,
                a.objects(), a.text(), a.image()));
        List<TaskAttention.WordWeight> top = a.wordWeights().stream()
                .sorted(Comparator.comparingDouble(TaskAttention.WordWeight::weight).reversed()).limit(5).toList();
        if (!top.isEmpty()) {
            sb.append("; words: ");
            top.forEach(w -> sb.append(String.format(Locale.ROOT, "%s (%.2f) ", esc(w.token()), w.weight())));
        }
        sb.append("</p>");
    }

    /**
     * The attention on one OCR word: the text encoder keeps the raw OCR word as its token; frozen word vectors keep the
     * normalised form ("SALE!" -> "sale"), so both spellings are matched.
     */
    private static double weightOf(OcrWord word, TaskAttention a) {
        String token = WordEmbedder.normalise(word.text());
        String raw = word.text().strip();
        return a.wordWeights().stream().filter(w -> w.token().equals(raw) || w.token().equals(token))
                .mapToDouble(TaskAttention.WordWeight::weight).max().orElse(0);
    }
}
