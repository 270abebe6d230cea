package dev.adlens.tools;

import dev.adlens.cli.AdlensCommand;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Composes the ads in samples/: Debian darknet's sample photos (GPL-3.0+ or MIT or WTFPL; Munch's The Scream is in
 * the public domain) under copy written for adlens (fictional brands, no third-party text), laid out as display ads
 * are (photo cover-cropped, a scrim, headline, body, a call-to-action button, a brand line), plus one leaderboard
 * banner without a photo. Deterministic: the same photos and fonts give the same files.
 */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Compose the sample ads (samples/) from Debian darknet's photos and adlens's own copy.")
public final class SampleAdsCommand implements Callable<Integer>, AdlensCommand.Tool {
    @Option(names = "--photos", description = "darknet's data folder (default: ${DEFAULT-VALUE}; apt-get install darknet)")
    Path photos = Path.of("/usr/share/darknet/data");

    @Option(names = "--out", description = "(default: ${DEFAULT-VALUE})")
    Path out = Path.of("samples");

    /** One ad: file, photo (null: a flat banner), size, copy, colours. The topic is the one a reader would give. */
    record Ad(String file, String photo, int width, int height, String brand, String headline, String body,
              String cta, Color accent, String topic) {
    }

    static final List<Ad> ADS = List.of(
            new Ad("petfood-trailblazer.jpg", "dog.jpg", 1080, 1080, "TRAILBLAZER", "Fuel every adventure.",
                    "Real chicken first. No fillers, no by-products. New Trailblazer dry dog food.",
                    "20% off your first bag", new Color(0xF2A541), "petfood"),
            new Ad("travel-skyline-safari.jpg", "giraffe.jpg", 1200, 628, "SKYLINE AIRWAYS", "Safari season is open.",
                    "Round-trip flights to Nairobi from $699, with 7 nights at a lodge in the Masai Mara.",
                    "Book your trip", new Color(0x2E86AB), "travel"),
            new Ad("alcohol-wild-range-bourbon.jpg", "horses.jpg", 1080, 1350, "WILD RANGE DISTILLERY",
                    "Bottled where the wild horses run.",
                    "Small-batch Kentucky bourbon, aged 8 years in charred oak barrels. Please drink responsibly.",
                    "Find a store", new Color(0xC0392B), "alcohol"),
            new Ad("game-gustwing-kites.jpg", "kite.jpg", 1200, 628, "GUSTWING", "Catch the wind this weekend.",
                    "Stunt kites, beach kites and kites for kids from $29. Free shipping on orders over $50.",
                    "Shop kites", new Color(0x27AE60), "game (toys)"),
            new Ad("healthcare-clearday-allergy.jpg", "person.jpg", 1080, 1080, "CLEARDAY",
                    "Allergies shouldn't keep you indoors.",
                    "Non-drowsy 24-hour relief from pollen, dust and pet dander. Ask your pharmacist.",
                    "Get a $5 coupon", new Color(0x8E44AD), "healthcare"),
            new Ad("financial-summit-savings.jpg", "eagle.jpg", 1080, 1080, "SUMMIT BANK", "Let your savings soar.",
                    "4.10% APY high-yield savings account. No monthly fees, no minimum balance. Member FDIC.",
                    "Open an account", new Color(0x1F618D), "financial"),
            new Ad("software-taxcalm.jpg", "scream.jpg", 1080, 1350, "TAXCALM", "Tax season got you screaming?",
                    "File your federal return online in about 20 minutes. Free for simple returns.",
                    "Start for free", new Color(0xE67E22), "software / other service"),
            new Ad("shopping-northgate-sale.jpg", null, 728, 90, "NORTHGATE", "SUMMER SALE 50% OFF",
                    "Everything in store and online. Today only.", "Shop now", new Color(0xD35400), "shopping"));

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(out);
        for (Ad ad : ADS) {
            BufferedImage image = ad.photo() == null ? banner(ad) : photoAd(ad, ImageIO.read(photos.resolve(ad.photo()).toFile()));
            write(image, out.resolve(ad.file()));
            System.out.printf(Locale.ROOT, "%s  %dx%d  %s%n", out.resolve(ad.file()), ad.width(), ad.height(), ad.topic());
        }
        return 0;
    }

    static BufferedImage photoAd(Ad ad, BufferedImage photo) {
        int w = ad.width();
        int h = ad.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        // cover: scale to fill, crop the overflow evenly
        double scale = Math.max((double) w / photo.getWidth(), (double) h / photo.getHeight());
        int pw = (int) Math.ceil(photo.getWidth() * scale);
        int ph = (int) Math.ceil(photo.getHeight() * scale);
        g.drawImage(photo, (w - pw) / 2, (h - ph) / 2, pw, ph, null);
        int margin = Math.max(24, w / 20);
        int head = Math.max(28, Math.min(w / 13, h / 9));
        int bodySize = Math.max(16, head * 9 / 20);
        // a scrim under the copy so that white type reads on any photo
        int scrimTop = h - (int) (h * (h > w ? 0.42 : 0.55));
        g.setPaint(new GradientPaint(0, scrimTop, new Color(0, 0, 0, 0), 0, scrimTop + h / 6f, new Color(0, 0, 0, 190)));
        g.fillRect(0, scrimTop, w, h - scrimTop);
        g.setColor(Color.WHITE);
        g.setFont(new Font("DejaVu Sans", Font.BOLD, Math.max(14, head / 2)));
        g.drawString(ad.brand(), margin, margin + g.getFontMetrics().getAscent());
        Font headFont = new Font("DejaVu Sans", Font.BOLD, head);
        Font bodyFont = new Font("DejaVu Sans", Font.PLAIN, bodySize);
        List<String> headLines = wrap(g, headFont, ad.headline(), w - 2 * margin);
        List<String> bodyLines = wrap(g, bodyFont, ad.body(), w - 2 * margin);
        int ctaH = bodySize * 2 + 8;
        int block = headLines.size() * g.getFontMetrics(headFont).getHeight()
                + bodyLines.size() * g.getFontMetrics(bodyFont).getHeight() + ctaH + margin / 2;
        int y = h - margin - block;
        y = lines(g, headFont, Color.WHITE, headLines, margin, y);
        y = lines(g, bodyFont, new Color(0xF0F0F0), bodyLines, margin, y + margin / 4);
        button(g, ad.cta(), ad.accent(), bodyFont, margin, y + margin / 4, ctaH);
        g.dispose();
        return img;
    }

    static BufferedImage banner(Ad ad) {
        int w = ad.width();
        int h = ad.height();
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(img);
        g.setPaint(new GradientPaint(0, 0, new Color(0xFFF4E0), w, 0, new Color(0xFFD8A8)));
        g.fillRect(0, 0, w, h);
        g.setColor(ad.accent());
        g.setStroke(new BasicStroke(4));
        g.drawRect(2, 2, w - 5, h - 5);
        Font brand = new Font("DejaVu Serif", Font.BOLD, 18);
        Font head = new Font("DejaVu Sans", Font.BOLD, 30);
        Font body = new Font("DejaVu Sans", Font.PLAIN, 14);
        g.setColor(new Color(0x333333));
        g.setFont(brand);
        g.drawString(ad.brand(), 16, h / 2 + 6);
        int x = 16 + g.getFontMetrics().stringWidth(ad.brand()) + 20;
        g.setColor(ad.accent());
        g.setFont(head);
        g.drawString(ad.headline(), x, 42);
        g.setColor(new Color(0x333333));
        g.setFont(body);
        g.drawString(ad.body(), x, 70);
        FontMetrics fm = g.getFontMetrics(body);
        button(g, ad.cta(), ad.accent(), body, w - fm.stringWidth(ad.cta()) - 48, h / 2 - 16, 32);
        g.dispose();
        return img;
    }

    private static Graphics2D graphics(BufferedImage img) {
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        return g;
    }

    private static List<String> wrap(Graphics2D g, Font font, String text, int width) {
        FontMetrics fm = g.getFontMetrics(font);
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String next = line.isEmpty() ? word : line + " " + word;
            if (fm.stringWidth(next) > width && !line.isEmpty()) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(next);
            }
        }
        out.add(line.toString());
        return out;
    }

    private static int lines(Graphics2D g, Font font, Color ink, List<String> lines, int x, int y) {
        g.setFont(font);
        g.setColor(ink);
        FontMetrics fm = g.getFontMetrics();
        for (String l : lines) {
            g.drawString(l, x, y + fm.getAscent());
            y += fm.getHeight();
        }
        return y;
    }

    private static void button(Graphics2D g, String label, Color fill, Font font, int x, int y, int height) {
        FontMetrics fm = g.getFontMetrics(font);
        int w = fm.stringWidth(label) + height;
        g.setColor(fill);
        g.fillRoundRect(x, y, w, height, height / 2, height / 2);
        g.setColor(Color.WHITE);
        g.setFont(font);
        g.drawString(label, x + height / 2, y + (height + fm.getAscent() - fm.getDescent()) / 2);
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(0.88f);
        try (ImageOutputStream o = ImageIO.createImageOutputStream(Files.newOutputStream(file))) {
            writer.setOutput(o);
            writer.write(null, new IIOImage(image, null, null), p);
        } finally {
            writer.dispose();
        }
    }
}
