package dev.adlens.report;

import dev.adlens.image.RgbImage;
import dev.adlens.labels.LabelOutcome;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Builds one self-contained HTML page (no external assets, no server): first an overview table of every ad (sortable,
 * filterable, exportable as CSV), then a legend of the colours, then each ad's details collapsed under its file name
 * ({@link AdDetails}). Not thread-safe: one report per run, filled from the thread that writes output.
 */
public final class HtmlReport {
    private static final int THUMB = 480;
    private static final int ICON = 64;
    private final List<Overview.Entry> overview = new ArrayList<>();
    private final StringBuilder details = new StringBuilder();
    private int labeled;
    private int failed;

    /**
     * The ad as the report shows it: a JPEG at most 480 px on its longer side with its scale from the decoded image,
     * and a 64-px one for the overview (so the table does not carry 500 full pictures).
     */
    public record Thumbnail(String jpegBase64, int width, int height, double scale, String iconBase64) {
        @Override
        public String toString() {
            return "Thumbnail[" + width + "x" + height + "]";
        }
    }

    /**
     * The report's pictures of a decoded ad. Made where the ad was decoded (the labeling worker, in parallel), so the
     * report never decodes a file a second time.
     */
    public static Thumbnail thumbnail(RgbImage image) {
        BufferedImage src = image(image);
        double scale = Math.min(1.0, (double) THUMB / Math.max(image.width(), image.height()));
        int w = Math.max(1, (int) Math.round(image.width() * scale));
        int h = Math.max(1, (int) Math.round(image.height() * scale));
        double iconScale = Math.min(1.0, (double) ICON / Math.max(image.width(), image.height()));
        try {
            return new Thumbnail(jpeg(src, w, h), w, h, scale, jpeg(src,
                    Math.max(1, (int) Math.round(image.width() * iconScale)),
                    Math.max(1, (int) Math.round(image.height() * iconScale))));
        } catch (IOException e) { // an in-memory JPEG write: only a broken JDK gets here
            throw new UncheckedIOException(e);
        }
    }

    /** Adds one outcome; {@code thumb} is the labeled ad's picture (null for failures). */
    public void add(LabelOutcome outcome, Thumbnail thumb) {
        if (outcome instanceof LabelOutcome.Failed) {
            failed++;
        } else {
            labeled++;
        }
        AdDetails.append(details, overview.size(), outcome, thumb);
        overview.add(new Overview.Entry(OverviewRow.of(outcome), thumb == null ? null : thumb.iconBase64()));
    }

    /** The overview rows, in input order. */
    public List<OverviewRow> rows() {
        return overview.stream().map(Overview.Entry::row).toList();
    }

    public String html() {
        return "<!doctype html><html lang=en><head><meta charset=utf-8><title>adlens report</title><style>"
                + "body{font-family:sans-serif;margin:1em;background:#f6f6f6}.card{background:#fff;margin:.5em 0;"
                + "padding:1em;border-radius:6px}"
                // the overview: compact rows, a sticky header, an arrow on the sorted column
                + "#overview{border-collapse:collapse;background:#fff;font-size:13px}#overview th,#overview td{"
                + "padding:2px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:middle}"
                + "#overview th{position:sticky;top:0;background:#e8e8e8;cursor:pointer;user-select:none}"
                + "#overview th[aria-sort=ascending]::after{content:' \\25B2'}"
                + "#overview th[aria-sort=descending]::after{content:' \\25BC'}"
                + "#overview tr.failed td{color:#b2182b}#overview tr.review td{background:#fff7d6}#overview tr.block td{background:#fde0dd}.icon{max-width:48px;max-height:48px;display:block;margin:auto}#overview td:first-child{width:52px;height:48px}"
                + ".tools{margin:.5em 0}.hint{color:#777;font-size:12px}"
                + ".legend{background:#fff;padding:.5em 1em;border-radius:6px;font-size:13px}.legend span.sw{"
                + "display:inline-block;width:14px;height:12px;margin:0 4px 0 14px;vertical-align:middle}"
                + "details.adinfo>summary{cursor:pointer;padding:4px 0}details.why>summary{cursor:pointer;color:#555}"
                + ".note,.figures{color:#555;font-size:12px;max-width:44em}"
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
                + labeled + " labeled, " + failed + " failed</p>\n" + Overview.html(overview) + LEGEND
                + "<h2>Details</h2>\n" + details + "<script>" + Overview.SCRIPT + "</script></body></html>\n";
    }

    /** What every colour in the page means. */
    private static final String LEGEND = "<p class=legend id=legend><b>Colours</b>"
            + "<span class='sw' style='background:#d73027'></span>selected: the label the decision rule chose"
            + "<span class='sw' style='background:#4575b4'></span>not selected: a runner-up's score, for comparison"
            + "<span class='sw' style='border:2px solid #1a9641'></span>detected object (box, name, detector score)"
            + "<span class='sw' style='background:#f46d43'></span>OCR word (stronger = more topic attention)"
            + "<span class='sw' style='background:#b35806'></span>unclear: no label reached the calibrated confidence"
            + "<span class='sw' style='background:#b2182b'></span>failed (error code; hover it for the message)</p>\n";

    private static BufferedImage image(RgbImage image) {
        BufferedImage src = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        byte[] p = image.rgb();
        for (int y = 0, i = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++, i += 3) {
                src.setRGB(x, y, (p[i] & 0xff) << 16 | (p[i + 1] & 0xff) << 8 | (p[i + 2] & 0xff));
            }
        }
        return src;
    }

    private static String jpeg(BufferedImage src, int w, int h) throws IOException {
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
