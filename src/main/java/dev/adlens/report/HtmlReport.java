package dev.adlens.report;

import dev.adlens.category.CategoryScore;
import dev.adlens.category.TaxonomyLabels;

import dev.adlens.image.RgbImage;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.TaskAttention;
import dev.adlens.ocr.OcrWord;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.visual.Detection;
import dev.adlens.words.WordEmbedder;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Builds one self-contained HTML page (no external assets): per ad, the image with object boxes (green) and OCR
 * word boxes (orange, stronger where the topic attention favoured the word), the top topic and sentiment bars
 * (selected ones marked), the modality attention per task and the most attended words. Not thread-safe: one
 * report per run, filled from the thread that writes output.
 */
public final class HtmlReport {
    private static final int THUMB = 480;
    private final StringBuilder cards = new StringBuilder();
    private int labeled;
    private int failed;

    /** The ad as the card shows it: a JPEG at most 480 px on its longer side, and its scale from the decoded image. */
    public record Thumbnail(String jpegBase64, int width, int height, double scale) {
        @Override
        public String toString() {
            return "Thumbnail[" + width + "x" + height + "]";
        }
    }

    /**
     * The card's picture of a decoded ad. Made where the ad was decoded (the labeling worker, in parallel), so the
     * report never decodes a file a second time.
     */
    public static Thumbnail thumbnail(RgbImage image) {
        double scale = Math.min(1.0, (double) THUMB / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        try {
            return new Thumbnail(jpeg(image, w, h), w, h, scale);
        } catch (IOException e) { // an in-memory JPEG write: only a broken JDK gets here
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Adds one outcome; {@code thumb} is the labeled ad's picture (null for failures). */
    public void add(LabelOutcome outcome, Thumbnail thumb) {
        if (outcome instanceof LabelOutcome.Failed f) {
            failed++;
            // the same grid as a labeled card: the frame (empty here) left, the reason where the labels go
            cards.append("<section class=card><h2>").append(esc(f.image())).append("</h2><div class=row>")
                    .append("<div class=frame><span class=nothumb>no image</span></div><div class=labels>")
                    .append("<p class=fail>FAILED ").append(esc(f.code().name())).append(": ")
                    .append(esc(f.message())).append("</p></div></div></section>\n");
            return;
        }
        labeled++;
        AdLabels l = ((LabelOutcome.Labeled) outcome).labels();
        double scale = thumb.scale();
        int w = thumb.width();
        int h = thumb.height();
        cards.append("<section class=card><h2>").append(esc(l.image())).append("</h2><div class=row>")
                .append("<div class=frame><div class=ad style='width:").append(w).append("px;height:").append(h).append("px'>")
                .append("<img alt='ad' src='data:image/jpeg;base64,").append(thumb.jpegBase64()).append("'>")
                .append("<svg viewBox='0 0 ").append(w).append(' ').append(h).append("' width=").append(w)
                .append(" height=").append(h).append(">");
        for (Detection d : l.objects()) {
            cards.append(String.format(Locale.ROOT, "<rect class=obj x='%.1f' y='%.1f' width='%.1f' height='%.1f'/>"
                    + "<text x='%.1f' y='%.1f'>%s %.2f</text>", d.x1() * w, d.y1() * h, (d.x2() - d.x1()) * w,
                    (d.y2() - d.y1()) * h, d.x1() * w + 2, d.y1() * h + 12, esc(d.label()), d.score()));
        }
        for (OcrWord word : l.ocr().words()) {
            cards.append(String.format(Locale.ROOT, "<rect class=ocr x='%.1f' y='%.1f' width='%.1f' height='%.1f'"
                    + " style='fill-opacity:%.2f'><title>%s</title></rect>", word.x() * scale, word.y() * scale,
                    word.width() * scale, word.height() * scale, 0.05 + 0.6 * weightOf(word, l.topicAttention()),
                    esc(word.text())));
        }
        cards.append("</svg></div></div><div class=labels>");
        if (l.topicUnclear()) { // Pitt's answer 39: the evidence was too weak to choose a topic
            cards.append("<p class=unclear>Topic: unclear (no topic reaches the calibrated confidence)</p>");
        }
        bars(cards, "Topics", l.topics());
        bars(cards, "Sentiments", l.sentiments());
        for (TaxonomyLabels t : l.taxonomies()) {
            cards.append("<h3 class=taxonomy>").append(esc(t.taxonomy())).append(t.unclear() ? " — unclear" : "")
                    .append("</h3><table>");
            for (CategoryScore c : t.categories().subList(0, Math.min(5, t.categories().size()))) {
                cards.append(String.format(Locale.ROOT, "<tr class='%s'><td>%s%s</td><td><span class='bar%s' "
                        + "style='width:%dpx'></span> %.2f</td><td class=evidence>%s</td></tr>",
                        c.selected() ? "selected" : "", c.tier() > 1 ? "&nbsp;&nbsp;" : "", esc(c.name()),
                        c.selected() ? " sel" : "", Math.round(c.score() * 200), c.score(),
                        c.selected() ? esc(c.evidence()) : "")); // evidence explains a choice; none was made here
            }
            cards.append("</table>");
        }
        attention(cards, "topic", l.topicAttention());
        attention(cards, "sentiment", l.sentimentAttention());
        cards.append("<p class=ocrtext>OCR: ").append(esc(l.ocr().text())).append("</p>");
        cards.append("</div></div></section>\n");
    }

    public String html() {
        return "<!doctype html><html lang=en><head><meta charset=utf-8><title>adlens report</title><style>"
                + "body{font-family:sans-serif;margin:1em;background:#f6f6f6}.card{background:#fff;margin:1em 0;"
                + "padding:1em;border-radius:6px}"
                // every card the same grid: a fixed 480x480 frame (the ad centred in it, whatever its shape) left,
                // labels right; no wrapping, so wide, tall and failed cards line up
                + ".row{display:grid;grid-template-columns:" + THUMB + "px minmax(22em,1fr);gap:1.5em;align-items:start}"
                + ".frame{width:" + THUMB + "px;height:" + THUMB + "px;display:flex;align-items:center;"
                + "justify-content:center;background:#eee}.nothumb{color:#999}.ad{position:relative}"
                + ".ad img,.ad svg{position:absolute;left:0;top:0}.obj{fill:none;stroke:#1a9641;stroke-width:2}"
                + "text{fill:#1a9641;font-size:11px;font-weight:bold}.ocr{fill:#f46d43;stroke:#f46d43}"
                + ".bar{height:12px;background:#4575b4;display:inline-block}.sel{background:#d73027}"
                + "td{font-size:13px;padding:1px 6px}.fail{color:#b2182b;font-weight:bold}.ocrtext{color:#555;"
                + "max-width:40em;font-size:12px}.unclear{color:#b35806;font-weight:bold}.evidence{color:#777;font-size:11px}"
                + "</style></head><body><h1>adlens report</h1><p id=summary>"
                + labeled + " labeled, " + failed + " failed</p>\n" + cards + "</body></html>\n";
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
        sb.append(String.format(Locale.ROOT, "<p>%s attention: image %.2f, objects %.2f, text %.2f", task, a.image(),
                a.objects(), a.text()));
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

    private static String jpeg(RgbImage image, int w, int h) throws IOException {
        BufferedImage src = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] p = image.rgb();
        for (int y = 0, i = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++, i += 3) {
                src.setRGB(x, y, (p[i] & 0xff) << 16 | (p[i + 1] & 0xff) << 8 | (p[i + 2] & 0xff));
            }
        }
        BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = thumb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(thumb, "jpeg", out);
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
