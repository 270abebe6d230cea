package dev.adlens.synth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes {@code count} synthetic ads in the Pitt Ads layout: {@code images/<n % 10>/synth-<n>.jpg}, Topics.json
 * (one answer per annotator), Sentiments.json (a list per annotator) and truth.json (the text actually drawn).
 *
 * <p>Copy and labels: with Pitt slogans (default) each ad takes a real TRAIN-split Pitt image's annotator slogans
 * as headline/body and that image's real topic and sentiment answers as its annotations (real disagreement);
 * a lexicon line for the majority topic is sometimes added. Without them, a topic and 1–2 sentiments are drawn
 * at random, the copy comes from the class lexicons, and 3 simulated annotators agree with probability 0.7.
 * Deterministic for a given seed.
 */
public final class SyntheticCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TEMPLATES = {"Discover %s and %s", "The best %s for your %s", "New %s. Real %s.",
            "%s you can trust, %s you will love", "Save on %s today", "Try our %s now", "%s %s %s"};

    private final Map<Integer, List<String>> topicLexicons;
    private final Map<Integer, List<String>> sentimentLexicons;
    private final List<BufferedImage> photos;
    private final AdRenderer renderer = new AdRenderer();

    public SyntheticCorpus(Map<Integer, List<String>> topicLexicons, Map<Integer, List<String>> sentimentLexicons,
                           List<BufferedImage> photos) {
        this.topicLexicons = topicLexicons;
        this.sentimentLexicons = sentimentLexicons;
        this.photos = List.copyOf(photos);
    }

    /** The bundled Pitt train slogans joined with their images' answers (see resources/synth/README.md). */
    public static JsonNode pittSlogans() throws IOException {
        try (InputStream in = SyntheticCorpus.class.getResourceAsStream("/synth/pitt-train-slogans.json")) {
            return JSON.readTree(in);
        }
    }

    public void write(Path out, int count, long seed, JsonNode slogans) throws IOException {
        Random rnd = new Random(seed);
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        if (slogans != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = slogans.fields(); it.hasNext(); ) {
                entries.add(it.next());
            }
            Collections.shuffle(entries, rnd);
        }
        ObjectNode topics = JSON.createObjectNode();
        ObjectNode sentiments = JSON.createObjectNode();
        ObjectNode truth = JSON.createObjectNode();
        for (int n = 0; n < count; n++) {
            String key = (n % 10) + "/synth-" + n + ".jpg";
            String headline;
            String body;
            String source = null;
            ArrayNode topicAnswers;
            ArrayNode sentimentAnswers;
            if (!entries.isEmpty()) {
                source = entries.get(n % entries.size()).getKey();
                JsonNode e = entries.get(n % entries.size()).getValue();
                List<String> lines = new ArrayList<>();
                e.get("slogans").forEach(s -> lines.add(s.asText()));
                Collections.shuffle(lines, rnd);
                headline = lines.get(0);
                int majority = majority(e.get("topics"));
                body = lines.size() > 1 && rnd.nextBoolean() ? lines.get(1) : lexiconLine(majority, rnd);
                topicAnswers = (ArrayNode) e.get("topics").deepCopy();
                sentimentAnswers = (ArrayNode) e.get("sentiments").deepCopy();
            } else {
                int topic = 1 + rnd.nextInt(38);
                int sentiment = 1 + rnd.nextInt(30);
                headline = lexiconLine(topic, rnd);
                body = pick(sentimentLexicons.getOrDefault(sentiment, List.of("great")), rnd) + " "
                        + lexiconLine(topic, rnd);
                topicAnswers = simulatedTopics(topic, rnd);
                sentimentAnswers = simulatedSentiments(sentiment, rnd);
            }
            AdRenderer.Rendered ad = renderer.render(headline, body, photos, rnd);
            Path file = out.resolve("images").resolve(key);
            Files.createDirectories(file.getParent());
            writeJpeg(ad.image(), file, 0.6f + 0.35f * rnd.nextFloat());
            topics.set(key, topicAnswers);
            sentiments.set(key, sentimentAnswers);
            ObjectNode t = truth.putObject(key);
            t.put("layout", ad.layout());
            if (source != null) {
                t.put("source", source); // the Pitt train image whose slogans and answers this ad carries
            }
            ArrayNode drawn = t.putArray("lines");
            ad.lines().forEach(drawn::add);
        }
        JSON.writeValue(out.resolve("Topics.json").toFile(), topics);
        JSON.writeValue(out.resolve("Sentiments.json").toFile(), sentiments);
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.resolve("truth.json").toFile(), truth);
    }

    private String lexiconLine(int topic, Random rnd) {
        List<String> words = topicLexicons.getOrDefault(topic, List.of("quality"));
        String template = TEMPLATES[rnd.nextInt(TEMPLATES.length)];
        int slots = template.split("%s", -1).length - 1;
        Object[] args = new Object[slots];
        for (int i = 0; i < slots; i++) {
            args[i] = pick(words, rnd);
        }
        return String.format(template, args);
    }

    private static int majority(JsonNode answers) {
        int[] votes = new int[40];
        answers.forEach(a -> {
            String s = a.asText().trim();
            if (s.matches("\\d+") && Integer.parseInt(s) <= 38) {
                votes[Integer.parseInt(s)]++;
            }
        });
        int best = 1;
        for (int i = 1; i <= 38; i++) {
            if (votes[i] > votes[best]) {
                best = i;
            }
        }
        return best;
    }

    private static ArrayNode simulatedTopics(int topic, Random rnd) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < 3; i++) {
            a.add(String.valueOf(rnd.nextFloat() < 0.7f ? topic : 1 + rnd.nextInt(39)));
        }
        return a;
    }

    private static ArrayNode simulatedSentiments(int sentiment, Random rnd) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < 3; i++) {
            ArrayNode one = a.addArray();
            one.add(String.valueOf(rnd.nextFloat() < 0.7f ? sentiment : 1 + rnd.nextInt(30)));
            if (rnd.nextInt(3) == 0) {
                one.add(String.valueOf(1 + rnd.nextInt(30)));
            }
        }
        return a;
    }

    private static String pick(List<String> words, Random rnd) {
        return words.isEmpty() ? "" : words.get(rnd.nextInt(words.size()));
    }

    private static void writeJpeg(BufferedImage img, Path file, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (OutputStream os = Files.newOutputStream(file); ImageOutputStream out = ImageIO.createImageOutputStream(os)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }
}
