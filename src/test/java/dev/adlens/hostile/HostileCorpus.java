package dev.adlens.hostile;

import dev.adlens.error.ErrorCode;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Malformed, hostile and odd image files, each with the outcome adlens must give it (a typed failure, or labels).
 * Generated, not committed: every case is a few lines here that say what the file lies about. {@code main(DIR)}
 * writes them all for the end-to-end check ({@code scripts/hostile-check}).
 */
public final class HostileCorpus {
    /** One file: its name, bytes, and the code it must fail with ({@code null}: it must be labeled). */
    public record Case(String name, byte[] bytes, ErrorCode expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileCorpus() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        List<Case> all = all();
        StringBuilder expected = new StringBuilder();
        for (Case c : all) {
            Files.write(dir.resolve(c.name()), c.bytes());
            expected.append(c.name()).append('\t').append(c.expected() == null ? "LABELED" : c.expected()).append('\n');
        }
        Files.writeString(dir.resolve(".expected.tsv"), expected);
        System.out.println(all.size() + " files in " + dir);
    }

    /** Every case, deterministic (fixed seeds). */
    public static List<Case> all() throws IOException {
        List<Case> cases = new ArrayList<>();
        cases.addAll(containerLies());
        cases.addAll(otherFormats());
        cases.addAll(truncations());
        cases.addAll(garbage());
        cases.addAll(dimensionLies());
        cases.addAll(oddButValid());
        return cases;
    }

    /** The decompression-bomb family: tiny files whose headers declare gigabytes. */
    static List<Case> containerLies() throws IOException {
        List<Case> c = new ArrayList<>();
        c.add(new Case("tiff-strip-2gb.tif", tiff(0x7ffffff0), ErrorCode.UNSUPPORTED_FORMAT));
        byte[] png = png(64, 48, 0x336699);
        c.add(new Case("bmp-embedded-png-2gb.bmp", bmp(64, 48, 5, 0x7ffffff0L, png), ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("bmp-embedded-jpeg.bmp", bmp(64, 48, 4, 0, jpeg(photo(64, 48, 1), false)),
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("bmp-rle8-sizeimage-2gb.bmp", bmp(64, 48, 1, 0x7ffffff0L, new byte[512]),
                ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("bmp-offset-past-end.bmp", bmpWithOffset(0x7fff0000L), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("bmp-compression-99.bmp", bmp(64, 48, 99, 0, new byte[64 * 48 * 3]),
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("ppm-ascii-7000.ppm", "P3\n7000 7000\n255\n1 2 3 4 5 6\n".getBytes(StandardCharsets.US_ASCII),
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("jpeg-300-scans.jpg", repeatLastScan(jpeg(photo(400, 400, 2), true), 300),
                ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("jpeg-40-scans.jpg", repeatLastScan(jpeg(photo(400, 400, 3), true), 40),
                ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("png-ihdr-100000x100000.png", pngHeaderOnly(100_000, 100_000), ErrorCode.IMAGE_TOO_LARGE));
        c.add(new Case("png-ihdr-8000x8000-no-data.png", pngHeaderOnly(8000, 8000), ErrorCode.IMAGE_TOO_LARGE));
        c.add(new Case("png-ihdr-3000x3000-no-idat.png", pngHeaderOnly(3000, 3000), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("gif-65535x65535.gif", gifHeader(65535, 65535), ErrorCode.IMAGE_TOO_LARGE));
        c.add(new Case("jpeg-sof-65535x65535.jpg", patchJpegSize(jpeg(photo(64, 48, 4), false), 65535, 65535),
                ErrorCode.IMAGE_TOO_LARGE));
        c.add(new Case("jpeg-sof-height-0.jpg", patchJpegSize(jpeg(photo(64, 48, 5), false), 64, 0),
                ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("jpeg-progressive-6000x6000.jpg", patchJpegSize(jpeg(photo(64, 48, 6), true), 6000, 6000),
                ErrorCode.IMAGE_TOO_LARGE));
        c.add(new Case("png-zero-bomb-7000x7000.png", zeroPng(7000, 7000), null)); // 49 MP: within the limit, subsampled
        return c;
    }

    /** Formats that are not among the five documented ones, whatever their name says. */
    static List<Case> otherFormats() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("plain.pgm", ("P5\n64 48\n255\n" + "x".repeat(64 * 48)).getBytes(StandardCharsets.US_ASCII),
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("ppm-header-only.ppm", "P6\n640 480\n255\n".getBytes(StandardCharsets.US_ASCII),
                ErrorCode.UNSUPPORTED_FORMAT));
        byte[] pcx = new byte[128 + 64];
        pcx[0] = 10;
        pcx[1] = 5;
        pcx[2] = 1;
        pcx[3] = 8;
        c.add(new Case("image.pcx", pcx, ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("image.wbmp", new byte[]{0, 0, (byte) 0x81, 0x00, (byte) 0x81, 0x00, 1, 2, 3},
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("tiny.tif", tiff(16), ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("pdf-named.jpg", "%PDF-1.4\n1 0 obj <<>> endobj\n".getBytes(StandardCharsets.US_ASCII),
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("svg.png", "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.US_ASCII),
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("html.gif", "<html><body>hi</body></html>".getBytes(StandardCharsets.US_ASCII),
                ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("zip.webp", new byte[]{'P', 'K', 3, 4, 0, 0, 0, 0}, ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("riff-wave.webp", riff("WAVE", new byte[64]), ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("ico.bmp", new byte[]{0, 0, 1, 0, 1, 0, 16, 16, 0, 0}, ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("jpeg-2000.jpg", new byte[]{0, 0, 0, 12, 'j', 'P', ' ', ' ', 13, 10, (byte) 0x87, 10},
                ErrorCode.UNSUPPORTED_FORMAT));
        return c;
    }

    /** Cut files: the reader's premature-end path and the decoded-fraction rule. */
    static List<Case> truncations() throws IOException {
        List<Case> c = new ArrayList<>();
        byte[] baseline = jpeg(photo(800, 600, 7), false);
        byte[] progressive = jpeg(photo(800, 600, 8), true);
        int sos = indexOfMarker(baseline, 0xDA);
        int sosEnd = sos + 2 + (((baseline[sos + 2] & 0xff) << 8) | (baseline[sos + 3] & 0xff));
        c.add(new Case("jpeg-cut-after-sos.jpg", Arrays.copyOf(baseline, sosEnd), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("jpeg-cut-at-3000.jpg", Arrays.copyOf(baseline, 3000), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("jpeg-cut-at-half.jpg", Arrays.copyOf(baseline, baseline.length / 2), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("jpeg-cut-before-eoi.jpg", Arrays.copyOf(baseline, baseline.length - 2), null));
        c.add(new Case("jpeg-progressive-cut-at-half.jpg", Arrays.copyOf(progressive, progressive.length / 2),
                ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("jpeg-soi-only.jpg", new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("jpeg-headers-no-scan.jpg", Arrays.copyOf(baseline, sos), ErrorCode.CORRUPT_IMAGE));
        byte[] png = png(800, 600, 0x884422);
        byte[] photoPng = pngOf(photo(800, 600, 9));
        c.add(new Case("png-cut-at-half.png", Arrays.copyOf(photoPng, photoPng.length / 2), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("png-cut-in-ihdr.png", Arrays.copyOf(png, 20), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("png-signature-only.png", Arrays.copyOf(png, 8), ErrorCode.CORRUPT_IMAGE));
        byte[] gif = encode(photo(800, 600, 10), "gif");
        c.add(new Case("gif-cut-at-half.gif", Arrays.copyOf(gif, gif.length / 2), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("gif-header-only.gif", Arrays.copyOf(gif, 13), ErrorCode.CORRUPT_IMAGE));
        for (int percent = 10; percent <= 80; percent += 10) {
            c.add(new Case("jpeg-cut-at-" + percent + "pct.jpg", Arrays.copyOf(baseline, baseline.length * percent / 100),
                    ErrorCode.CORRUPT_IMAGE));
            c.add(new Case("png-cut-at-" + percent + "pct.png", Arrays.copyOf(photoPng, photoPng.length * percent / 100),
                    ErrorCode.CORRUPT_IMAGE));
        }
        byte[] bmp = encode(photo(800, 600, 11), "bmp");
        c.add(new Case("bmp-cut-at-half.bmp", Arrays.copyOf(bmp, bmp.length / 2), ErrorCode.CORRUPT_IMAGE));
        c.add(new Case("bmp-header-only.bmp", Arrays.copyOf(bmp, 54), ErrorCode.CORRUPT_IMAGE));
        return c;
    }

    /** Bytes that are nothing, or a real image's magic followed by noise. */
    static List<Case> garbage() {
        List<Case> c = new ArrayList<>();
        Random r = new Random(15);
        c.add(new Case("empty.jpg", new byte[0], ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("one-byte.png", new byte[]{(byte) 0x89}, ErrorCode.UNSUPPORTED_FORMAT));
        c.add(new Case("text.txt", "SALE TODAY 50% OFF\n".getBytes(StandardCharsets.UTF_8), ErrorCode.UNSUPPORTED_FORMAT));
        for (int i = 0; i < 8; i++) {
            byte[] noise = new byte[1 << (8 + i)];
            r.nextBytes(noise);
            c.add(new Case("random-" + noise.length + ".bin", noise, ErrorCode.UNSUPPORTED_FORMAT));
        }
        String[][] magics = {{"jpeg", "FFD8FFE0"}, {"png", "89504E470D0A1A0A"}, {"gif", "474946383961"},
                {"bmp", "424D"}, {"webp", "52494646FFFFFF7F57454250"}};
        for (String[] m : magics) {
            for (int size : new int[]{64, 4096, 65536}) {
                byte[] b = new byte[size];
                r.nextBytes(b);
                byte[] magic = hex(m[1]);
                System.arraycopy(magic, 0, b, 0, magic.length);
                c.add(new Case("magic-" + m[0] + "-noise-" + size + "." + m[0], b, ErrorCode.CORRUPT_IMAGE));
            }
        }
        return c;
    }

    /** Headers whose dimensions are absurd or tiny. */
    static List<Case> dimensionLies() throws IOException {
        List<Case> c = new ArrayList<>();
        c.add(new Case("png-1x1.png", png(1, 1, 0), ErrorCode.IMAGE_TOO_SMALL));
        c.add(new Case("png-4000x8.png", png(4000, 8, 0xffffff), ErrorCode.IMAGE_TOO_SMALL));
        c.add(new Case("gif-1x1.gif", encode(photo(1, 1, 1), "gif"), ErrorCode.IMAGE_TOO_SMALL));
        c.add(new Case("jpeg-16x16.jpg", jpeg(photo(16, 16, 12), false), ErrorCode.IMAGE_TOO_SMALL));
        c.add(new Case("bmp-negative-width.bmp", bmpNegativeWidth(), ErrorCode.CORRUPT_IMAGE));
        return c;
    }

    /** Files that are odd but honest: they must be labeled (banners keep their text readable). */
    static List<Case> oddButValid() throws IOException {
        List<Case> c = new ArrayList<>();
        c.add(new Case("banner-10000x50.png", pngOf(banner(10000, 50)), null));
        c.add(new Case("banner-10000x32.png", pngOf(banner(10000, 32)), null));
        c.add(new Case("banner-2000x50.png", pngOf(banner(2000, 50)), null));
        c.add(new Case("tall-40x3000.png", pngOf(photo(40, 3000, 13)), null));
        c.add(new Case("photo-baseline.jpg", jpeg(photo(640, 480, 14), false), null));
        c.add(new Case("photo-progressive.jpg", jpeg(photo(640, 480, 15), true), null));
        c.add(new Case("photo.gif", encode(photo(320, 240, 16), "gif"), null));
        c.add(new Case("photo.bmp", encode(photo(320, 240, 17), "bmp"), null));
        c.add(new Case("jpeg-named.png", jpeg(photo(320, 240, 18), false), null));
        c.add(new Case("dense-text-600.png", pngOf(denseText(600, 600, 20)), null));
        c.add(new Case("banner-5000x40.png", pngOf(banner(5000, 40)), null));
        c.add(new Case("exactly-32x32.png", pngOf(photo(32, 32, 21)), null));
        c.add(new Case("png-31x100.png", pngOf(photo(31, 100, 22)), ErrorCode.IMAGE_TOO_SMALL));
        c.add(new Case("jpeg-trailing-garbage.jpg", concat(jpeg(photo(320, 240, 19), false), new byte[4096]), null));
        return c;
    }

    // --- builders -----------------------------------------------------------------------------------------------

    /** Small print edge to edge (random words, 7 px type): Tesseract's slowest honest case. */
    public static BufferedImage denseText(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 7));
        String letters = "abcdefghijklmnopqrstuvwxyz";
        for (int y = 8; y < h; y += 8) {
            StringBuilder line = new StringBuilder();
            while (line.length() < w / 3) {
                for (int i = 0, n = 2 + r.nextInt(7); i < n; i++) {
                    line.append(letters.charAt(r.nextInt(letters.length())));
                }
                line.append(' ');
            }
            g.drawString(line.toString(), 1, y);
        }
        g.dispose();
        return img;
    }

    static BufferedImage photo(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(r.nextInt(0xffffff)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(r.nextInt(Math.max(1, w)), r.nextInt(Math.max(1, h)), 1 + r.nextInt(Math.max(1, w / 3)),
                    1 + r.nextInt(Math.max(1, h / 3)));
        }
        g.dispose();
        return img;
    }

    /** A web banner: "SALE TODAY 50% OFF" in black on white, at the banner's height. */
    static BufferedImage banner(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, (int) (h * 0.7)));
        g.drawString("SALE TODAY 50% OFF", h / 2, (int) (h * 0.78));
        g.dispose();
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no writer for " + format);
        }
        return out.toByteArray();
    }

    static byte[] pngOf(BufferedImage img) throws IOException {
        return encode(img, "png");
    }

    static byte[] jpeg(BufferedImage img, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam p = writer.getDefaultWriteParam();
            if (progressive) {
                p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The last scan (SOS header + entropy data, up to EOI) repeated {@code times} times. */
    static byte[] repeatLastScan(byte[] jpeg, int times) {
        int last = -1;
        for (int i = 0; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xDA) {
                last = i;
            }
        }
        int eoi = jpeg.length - 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, eoi);
        for (int i = 1; i < times; i++) {
            out.write(jpeg, last, eoi - last);
        }
        out.write(jpeg, eoi, 2);
        return out.toByteArray();
    }

    static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("no marker " + Integer.toHexString(marker));
    }

    /** The frame header's height and width rewritten (SOF0 or SOF2). */
    static byte[] patchJpegSize(byte[] jpeg, int width, int height) {
        byte[] b = jpeg.clone();
        int sof;
        try {
            sof = indexOfMarker(b, 0xC0);
        } catch (IllegalArgumentException e) {
            sof = indexOfMarker(b, 0xC2);
        }
        b[sof + 5] = (byte) (height >> 8);
        b[sof + 6] = (byte) height;
        b[sof + 7] = (byte) (width >> 8);
        b[sof + 8] = (byte) width;
        return b;
    }

    /** A little-endian TIFF with one 8x8 strip whose StripByteCounts claims {@code stripBytes}. */
    static byte[] tiff(long stripBytes) {
        ByteBuffer b = ByteBuffer.allocate(186).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        short[][] tags = {{256, 3}, {257, 3}, {258, 3}, {259, 3}, {262, 3}, {273, 4}, {277, 3}, {278, 3}, {279, 4}};
        long[] values = {8, 8, 8, 1, 1, 150, 1, 8, stripBytes};
        b.putShort((short) tags.length);
        for (int i = 0; i < tags.length; i++) {
            b.putShort(tags[i][0]).putShort(tags[i][1]).putInt(1);
            if (tags[i][1] == 3) {
                b.putShort((short) values[i]).putShort((short) 0);
            } else {
                b.putInt((int) values[i]);
            }
        }
        b.putInt(0);
        return b.array();
    }

    static byte[] bmp(int w, int h, int compression, long sizeImage, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(54 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + data.length).putInt(0).putInt(54);
        b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) (compression == 1 ? 8 : 24))
                .putInt(compression).putInt((int) sizeImage).putInt(2835).putInt(2835).putInt(0).putInt(0);
        b.put(data);
        return b.array();
    }

    static byte[] bmpWithOffset(long offset) {
        byte[] b = bmp(64, 48, 0, 0, new byte[64 * 48 * 3]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(10, (int) offset);
        return b;
    }

    static byte[] bmpNegativeWidth() {
        byte[] b = bmp(64, 48, 0, 0, new byte[64 * 48 * 3]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(18, -64);
        return b;
    }

    /** A solid-colour RGB PNG written chunk by chunk. */
    static byte[] png(int w, int h, int rgb) {
        byte[] row = new byte[1 + 3 * w];
        for (int x = 0; x < w; x++) {
            row[1 + 3 * x] = (byte) (rgb >> 16);
            row[2 + 3 * x] = (byte) (rgb >> 8);
            row[3 + 3 * x] = (byte) rgb;
        }
        Deflater d = new Deflater(9);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        for (int y = 0; y < h; y++) {
            d.setInput(row);
            while (!d.needsInput()) {
                idat.write(buf, 0, d.deflate(buf));
            }
        }
        d.finish();
        while (!d.finished()) {
            idat.write(buf, 0, d.deflate(buf));
        }
        d.end();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex("89504E470D0A1A0A"));
        chunk(out, "IHDR", ihdr(w, h));
        chunk(out, "IDAT", idat.toByteArray());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A zlib stream of w*h black pixels: a few KB that inflate to w*h*3 bytes (the classic PNG bomb). */
    static byte[] zeroPng(int w, int h) {
        return png(w, h, 0);
    }

    static byte[] pngHeaderOnly(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex("89504E470D0A1A0A"));
        chunk(out, "IHDR", ihdr(w, h));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static byte[] ihdr(int w, int h) {
        return ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0)
                .put((byte) 0).array();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    static byte[] gifHeader(int w, int h) {
        ByteBuffer b = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII)).putShort((short) w).putShort((short) h).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        b.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) w).putShort((short) h)
                .put((byte) 0).put((byte) 2).put((byte) 2).put((byte) 0x44).put((byte) 0x01).put((byte) 0).put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }

    static byte[] riff(String form, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length)
                .put(form.getBytes(StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static byte[] hex(String s) {
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
