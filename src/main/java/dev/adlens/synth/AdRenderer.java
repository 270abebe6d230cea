package dev.adlens.synth;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws one synthetic ad: a background (flat colour, gradient or photo), an optional coloured band, a headline
 * and body copy wrapped to the width, in one of several fonts, layouts and colour schemes, including light text
 * on saturated colour (the case plain grayscale OCR loses). Stateless apart from the fonts; thread-safe.
 */
public final class AdRenderer {
    private static final String[] FAMILIES = {"DejaVu Sans", "DejaVu Serif", "DejaVu Sans Condensed",
            "URW Bookman", "Nimbus Sans", "Nimbus Roman", "C059", "URW Gothic", "Noto Sans", "Droid Sans"};
    private static final int[][] SIZES = {{300, 250}, {728, 90}, {336, 280}, {600, 600}, {800, 1000}, {1200, 628},
            {1080, 1080}, {1200, 1200}, {640, 960}, {970, 250}};

    /** What was drawn, for OCR recall measurements. */
    public record Rendered(BufferedImage image, List<String> lines, String layout) {
    }

    public Rendered render(String headline, String body, List<BufferedImage> photos, Random rnd) {
        int[] size = SIZES[rnd.nextInt(SIZES.length)];
        int w = size[0];
        int h = size[1];
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        Color base = randomColour(rnd);
        String layout;
        int style = rnd.nextInt(4);
        if (style == 0 && !photos.isEmpty()) {
            g.drawImage(photos.get(rnd.nextInt(photos.size())), 0, 0, w, h, null);
            layout = "photo+band";
        } else if (style == 1) {
            g.setPaint(new GradientPaint(0, 0, base, w, h, randomColour(rnd)));
            g.fillRect(0, 0, w, h);
            layout = "gradient";
        } else {
            g.setColor(rnd.nextBoolean() ? Color.WHITE : base);
            g.fillRect(0, 0, w, h);
            layout = "flat";
        }
        boolean band = layout.startsWith("photo") || rnd.nextInt(3) == 0;
        int bandTop = rnd.nextBoolean() ? 0 : h * 2 / 3;
        Color bandColour = saturated(rnd);
        if (band) {
            g.setColor(bandColour);
            g.fillRect(0, bandTop, w, h / 3);
        }
        Color background = band ? bandColour : new Color(img.getRGB(w / 2, h / 2));
        Color ink = contrasting(background, rnd);
        List<String> lines = new ArrayList<>();
        int margin = Math.max(8, w / 20);
        Font headFont = font(rnd, true, Math.max(14, Math.min(h / 6, w / 10)));
        int y = band ? bandTop + margin : margin;
        y = draw(g, headline, headFont, ink, margin, y, w - 2 * margin, band ? bandTop + h / 3 : h, lines);
        if (body != null && !body.isBlank()) {
            Font bodyFont = font(rnd, false, Math.max(11, headFont.getSize() / 2));
            Color bodyInk = band ? contrasting(new Color(img.getRGB(w / 2, Math.min(h - 1, y + 4))), rnd) : ink;
            int bodyY = band && bandTop == 0 ? h / 3 + margin : y + margin / 2;
            draw(g, body, bodyFont, bodyInk, margin, bodyY, w - 2 * margin, h, lines);
        }
        g.dispose();
        return new Rendered(img, lines, layout);
    }

    private static int draw(Graphics2D g, String text, Font font, Color ink, int x, int y, int width, int bottom,
                            List<String> lines) {
        g.setFont(font);
        g.setColor(ink);
        FontMetrics fm = g.getFontMetrics();
        for (String line : wrap(text, fm, width)) {
            if (y + fm.getHeight() > bottom) {
                break;
            }
            g.drawString(line, x, y + fm.getAscent());
            lines.add(line);
            y += fm.getHeight();
        }
        return y;
    }

    static List<String> wrap(String text, FontMetrics fm, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.trim().split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(candidate) > width && !line.isEmpty()) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            out.add(line.toString());
        }
        return out;
    }

    private static Font font(Random rnd, boolean headline, int size) {
        int style = headline ? (rnd.nextInt(3) == 0 ? Font.PLAIN : Font.BOLD) : (rnd.nextInt(4) == 0 ? Font.ITALIC : Font.PLAIN);
        return new Font(FAMILIES[rnd.nextInt(FAMILIES.length)], style, size);
    }

    private static Color randomColour(Random rnd) {
        return new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    }

    private static Color saturated(Random rnd) {
        return Color.getHSBColor(rnd.nextFloat(), 0.6f + 0.4f * rnd.nextFloat(), 0.55f + 0.45f * rnd.nextFloat());
    }

    /** Black or white (sometimes a light tint) with enough luminance contrast against {@code bg}. */
    private static Color contrasting(Color bg, Random rnd) {
        double lum = 0.299 * bg.getRed() + 0.587 * bg.getGreen() + 0.114 * bg.getBlue();
        if (lum > 150) {
            return rnd.nextBoolean() ? Color.BLACK : new Color(30 + rnd.nextInt(40), 20, 60);
        }
        return rnd.nextBoolean() ? Color.WHITE : new Color(255, 250, 200 + rnd.nextInt(56));
    }
}
