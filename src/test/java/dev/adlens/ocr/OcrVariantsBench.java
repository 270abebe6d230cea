package dev.adlens.ocr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the OCR preprocessing was chosen: word recall and time per image of each variant on rendered ads with
 * known text (an `adlens synth` corpus and its truth.json). Run:
 * java -cp target/test-classes:target/classes:$(cat target/classpath.txt) dev.adlens.ocr.OcrVariantsBench SYNTH_DIR N
 */
public final class OcrVariantsBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
        OcrConfig config = OcrConfig.defaults(Path.of("/usr/share/tesseract-ocr/5/tessdata"));
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        String[] variants = {"luminance 1x sparse", "luminance 2x sparse", "adaptive (shipped)", "both passes always"};
        long[] nanos = new long[variants.length];
        int[] found = new int[variants.length];
        int total = 0;
        int images = 0;
        try (TesseractEngine engine = new TesseractEngine(config); TesseractOcr adaptive = new TesseractOcr(config)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = truth.fields(); it.hasNext() && images < n; ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> expected = new ArrayList<>();
                e.getValue().get("lines").forEach(l -> expected.addAll(words(l.asText())));
                if (expected.isEmpty()) {
                    continue;
                }
                images++;
                total += expected.size();
                RgbImage img = decoder.decode(Files.readAllBytes(dir.resolve("images").resolve(e.getKey()))).image();
                int scale = Math.max(img.width(), img.height()) < 1000 ? 2 : 1;
                for (int v = 0; v < variants.length; v++) {
                    long t0 = System.nanoTime();
                    List<OcrWord> read = switch (v) {
                        case 0 -> engine.read(GrayView.luminance(img, 1), TesseractEngine.PSM_SPARSE_TEXT, Long.MAX_VALUE);
                        case 1 -> engine.read(GrayView.luminance(img, scale), TesseractEngine.PSM_SPARSE_TEXT, Long.MAX_VALUE);
                        case 2 -> adaptive.read(img).words();
                        default -> {
                            List<OcrWord> all = new ArrayList<>(engine.read(GrayView.luminance(img, scale),
                                    TesseractEngine.PSM_SPARSE_TEXT, Long.MAX_VALUE));
                            all.addAll(engine.read(GrayView.invertedMinChannel(img, scale), TesseractEngine.PSM_AUTO, Long.MAX_VALUE));
                            yield all;
                        }
                    };
                    nanos[v] += System.nanoTime() - t0;
                    // the same junk filter as the shipped OCR, so recall is compared like for like
                    found[v] += matched(expected, read.stream().filter(w -> w.confidence() >= config.minConfidence())
                            .toList());
                }
            }
        }
        for (int v = 0; v < variants.length; v++) {
            System.out.printf(Locale.ROOT, "%-22s recall %.3f  %.0f ms/image%n", variants[v], (double) found[v] / total,
                    nanos[v] / 1e6 / images);
        }
        System.out.printf(Locale.ROOT, "(%d images, %d words drawn)%n", images, total);
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("\\s+")) {
            String t = w.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$", "");
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    static int matched(List<String> expected, List<OcrWord> read) {
        Map<String, Integer> bag = new HashMap<>();
        for (OcrWord w : read) {
            for (String t : words(w.text())) {
                bag.merge(t, 1, Integer::sum);
            }
        }
        int hits = 0;
        for (String e : expected) {
            Integer c = bag.get(e);
            if (c != null && c > 0) {
                hits++;
                bag.put(e, c - 1);
            }
        }
        return hits;
    }
}
