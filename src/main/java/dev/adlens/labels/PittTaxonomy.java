package dev.adlens.labels;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The 38 topics and 30 sentiments, parsed from the official list files shipped as resources (with their quirks:
 * UTF-16 LE + BOM + CRLF for topics, latin-1 with a non-breaking space for sentiments). Immutable.
 */
public record PittTaxonomy(List<LabelClass> topics, List<LabelClass> sentiments) {
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+)\\.?\\s+\"(.+)\"\\s*\\(ABBREVIATION:\\s*\"([^\"]+)\"\\)\\s*$");

    private static final Pattern UNCLEAR = Pattern.compile("^\\s*(39\\s+\"Unclear\"|40\\s+Annotator filled in their own topic)\\s*$");

    public PittTaxonomy {
        topics = List.copyOf(topics);
        sentiments = List.copyOf(sentiments);
    }

    /** The official lists from the classpath. */
    public static PittTaxonomy official() {
        return new PittTaxonomy(parse("/taxonomy/topics_list.txt", StandardCharsets.UTF_16LE),
                parse("/taxonomy/sentiments_list.txt", StandardCharsets.ISO_8859_1));
    }

    public Optional<LabelClass> topic(int id) {
        return topics.stream().filter(c -> c.id() == id).findFirst();
    }

    public Optional<LabelClass> sentiment(int id) {
        return sentiments.stream().filter(c -> c.id() == id).findFirst();
    }

    static List<LabelClass> parse(String resource, Charset charset) {
        try (InputStream in = PittTaxonomy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            String text = new String(in.readAllBytes(), charset).replace("\uFEFF", "").replace('\u00A0', ' ');
            List<LabelClass> classes = new ArrayList<>();
            for (String line : text.split("\r?\n")) {
                if (line.isBlank()) {
                    continue;
                }
                if (UNCLEAR.matcher(line).matches()) {
                    continue; // 39 "Unclear" and 40 "own topic" are annotator answers, not classes the model predicts
                }
                Matcher m = LINE.matcher(line.replace('\t', ' '));
                if (!m.matches()) {
                    throw new IllegalStateException(resource + ": unparseable line '" + line + "'");
                }
                classes.add(new LabelClass(Integer.parseInt(m.group(1)), m.group(3),
                        m.group(2).replaceAll("\\s+", " ").trim()));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
