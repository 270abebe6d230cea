package dev.adlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.labels.ModelVersions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.InvalidPathException;
import java.nio.file.StandardOpenOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The lines an earlier {@code adlens label --out FILE} run wrote, read for {@code --resume}: which images already
 * have a line (LABELED or FAILED), and where the last whole line ends. A run killed in the middle of a write leaves a
 * partial last line; it is dropped (the file is cut back to {@link #wholeBytes()}) and that image is labeled again.
 * Anything that is not an image label line refuses the resume whole, and so do lines labeled by other models or in
 * other taxonomies: appending to them would give one file whose lines cannot be compared.
 */
final class EarlierLines {
    private final Map<Path, Boolean> labeled; // image (absolute, normalised) → LABELED (true) or FAILED (false)
    private final long wholeBytes;
    private final boolean partialDropped;
    private final JsonNode firstModel;
    private final int firstModelLine;

    private EarlierLines(Map<Path, Boolean> labeled, long wholeBytes, boolean partialDropped, JsonNode firstModel,
                         int firstModelLine) {
        this.labeled = labeled;
        this.wholeBytes = wholeBytes;
        this.partialDropped = partialDropped;
        this.firstModel = firstModel;
        this.firstModelLine = firstModelLine;
    }

    /** An output that cannot be resumed, and why; the file is left as it was. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Reads {@code file}; a file that does not exist yet is an empty one (the first run of a resumable job). Line by
     * line, keeping only each image's name and status: an interrupted run over a large library leaves a file of
     * gigabytes (a line is ~10–100 KB), which must not have to fit in memory.
     */
    static EarlierLines read(Path file) throws Refused, IOException {
        if (!Files.exists(file)) {
            return new EarlierLines(Map.of(), 0, false, null, 0);
        }
        long size = Files.size(file);
        long whole = wholeLinesEnd(file, size);
        if (whole < size) {
            refuseUnlessALabelLineStarts(file, whole);
        }
        ObjectMapper json = new ObjectMapper();
        Map<Path, Boolean> labeled = new HashMap<>();
        JsonNode firstModel = null;
        int firstModelLine = 0;
        int number = 0;
        // an InputStreamReader replaces malformed bytes (a write cut inside a character) instead of failing
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(), next; line != null; line = next) {
                next = in.readLine();
                if (next == null && whole < size) {
                    break; // the cut-off line after the whole ones: dropped, not read
                }
                number++;
                if (line.isEmpty()) {
                    continue;
                }
                JsonNode node = parse(json, line);
                String status = node == null ? "" : node.path("status").asText();
                if (node == null || !node.path("image").isTextual()
                        || !(status.equals("LABELED") || status.equals("FAILED"))) {
                    throw new Refused(file + " line " + number + " is not an image label line of adlens label");
                }
                if (status.equals("LABELED") && firstModel == null) {
                    firstModel = node.path("model");
                    firstModelLine = number;
                } else if (status.equals("LABELED") && !firstModel.equals(node.path("model"))) {
                    throw new Refused(file + " lines " + firstModelLine + " and " + number
                            + " were labeled by different models or taxonomies");
                }
                Path image;
                try {
                    image = key(node.get("image").asText());
                } catch (InvalidPathException e) {
                    throw new Refused(file + " line " + number + " names no path: " + e.getMessage());
                }
                labeled.merge(image, status.equals("LABELED"), Boolean::logicalAnd);
            }
        }
        return new EarlierLines(labeled, whole, whole < size, firstModel, firstModelLine);
    }

    /** Where the last whole line ends: just after the file's last newline, read backwards from its end. */
    private static long wholeLinesEnd(Path file, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            for (long end = size; end > 0; ) {
                long start = Math.max(0, end - buf.capacity());
                buf.clear().limit((int) (end - start));
                while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
                    // a positional read may return fewer bytes
                }
                for (int i = (int) (end - start) - 1; i >= 0; i--) {
                    if (buf.get(i) == '\n') {
                        return start + i + 1;
                    }
                }
                end = start;
            }
            return 0;
        }
    }

    /**
     * A partial last line is dropped only when it is the start of a label line (a write cut off): every line adlens
     * label writes begins with {@code {"image":}. Anything else means the file is not label output.
     */
    private static void refuseUnlessALabelLineStarts(Path file, long at) throws IOException, Refused {
        byte[] want = "{\"image\":".getBytes(StandardCharsets.UTF_8);
        byte[] got = new byte[want.length];
        int n;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            n = Math.max(0, ch.read(ByteBuffer.wrap(got), at));
        }
        for (int i = 0; i < Math.min(n, want.length); i++) {
            if (got[i] != want[i]) {
                throw new Refused(file + " ends in a line that is not an image label line of adlens label");
            }
        }
    }

    /**
     * Refuses when the earlier lines were labeled by other models or in other taxonomies than {@code now} (the
     * versions this run labels with); says which.
     */
    void requireSameModels(Path file, ModelVersions now) throws Refused {
        if (firstModel == null) {
            return; // no LABELED line yet: nothing to mix with
        }
        StringJoiner taxonomies = new StringJoiner(",");
        for (Iterator<Map.Entry<String, JsonNode>> it = firstModel.path("taxonomies").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> t = it.next();
            taxonomies.add(t.getKey() + "@" + t.getValue().asText());
        }
        ModelVersions then = new ModelVersions(firstModel.path("head").asText(), firstModel.path("visual").asText(),
                firstModel.path("words").asText(), taxonomies.toString());
        if (!then.equals(now)) {
            throw new Refused(file + " line " + firstModelLine + " was labeled with " + describe(then)
                    + "; this run labels with " + describe(now)
                    + " (resume with the same models and --taxonomy options, or write to a new --out)");
        }
    }

    private static String describe(ModelVersions v) {
        return "head " + v.head() + ", visual " + v.visual() + ", text " + v.words() + ", taxonomies "
                + (v.taxonomies().isEmpty() ? "none" : v.taxonomies());
    }

    /** Whether {@code image} (a path as this run names it) has a line already. */
    boolean has(Path image) {
        return labeled.containsKey(key(image.toString()));
    }

    /** Whether {@code image}'s earlier line is FAILED (only meaningful when {@link #has} is true). */
    boolean failed(Path image) {
        return !Objects.requireNonNullElse(labeled.get(key(image.toString())), true);
    }

    /** The bytes of whole lines: the file is cut back to this before new lines are appended. */
    long wholeBytes() {
        return wholeBytes;
    }

    /** Whether a partial last line (a write cut off) was found and will be dropped. */
    boolean partialDropped() {
        return partialDropped;
    }

    /**
     * Lines name images as the run was given them, so they are matched as absolute paths from the working directory:
     * resume from the directory the run started in (or give absolute paths).
     */
    private static Path key(String image) {
        return Path.of(image).toAbsolutePath().normalize();
    }

    private static JsonNode parse(ObjectMapper json, String line) {
        try {
            JsonNode node = json.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
