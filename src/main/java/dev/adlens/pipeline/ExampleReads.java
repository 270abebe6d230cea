package dev.adlens.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a taxonomy's example images were read as — the OCR text and what the built-in knowledge said of the ad — kept
 * between starts, so a load does not run every example through the whole pipeline again (~0.2 s each on 2 cores:
 * 200 examples, ~40 s at every start). An entry is named by the SHA-256 of how examples are read ({@code reader}: the
 * models, OCR settings and built-in knowledge) and the image's bytes, so a change to either is a miss. Looked up among
 * the entries shipped with the models ({@code models/examples/}, written by {@code adlens taxonomy pack}), then in the
 * writable cache, where a miss is written atomically. An unreadable or malformed entry is a miss, never an error.
 */
final class ExampleReads {
    /** An example as stored: its OCR text and its knowledge vector (null when it was read without borrowing). */
    record Stored(String text, float[] knowledge) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Optional<Path> shipped;
    private final Optional<Path> dir;
    private final String reader;

    /**
     * @param shipped read-only entries shipped with the models (none: only the writable cache)
     * @param dir     the writable cache (none: nothing is written)
     * @param reader  how examples are read (models, OCR settings, built-in knowledge): part of every entry's name
     */
    ExampleReads(Optional<Path> shipped, Optional<Path> dir, String reader) {
        this.shipped = shipped;
        this.dir = dir;
        this.reader = reader;
    }

    /** The same store for examples read another way (the built-in knowledge joined to the reader). */
    ExampleReads readBy(String more) {
        return new ExampleReads(shipped, dir, reader + "|" + more);
    }

    /** The entry's name for these image bytes. */
    String key(byte[] image) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(reader.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(image);
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The stored read of the image named {@code key}, if any (with a knowledge vector when {@code knowledge}). */
    Optional<Stored> find(String key, boolean knowledge) {
        for (Optional<Path> d : List.of(shipped, dir)) {
            Optional<Stored> hit = d.flatMap(x -> read(x.resolve(key + ".json")));
            if (hit.isPresent() && (!knowledge || hit.get().knowledge() != null)) {
                return hit;
            }
        }
        return Optional.empty();
    }

    /** Keeps a read in the writable cache (a cache that cannot be written only costs the next start the read). */
    void keep(String key, String text, float[] knowledge) {
        if (dir.isEmpty()) {
            return;
        }
        ObjectNode entry = JSON.createObjectNode().put("text", text);
        if (knowledge != null) {
            ArrayNode k = entry.putArray("knowledge");
            for (float x : knowledge) {
                k.add(x);
            }
        }
        try {
            Files.createDirectories(dir.get());
            Path tmp = Files.createTempFile(dir.get(), key, ".tmp");
            Files.write(tmp, JSON.writeValueAsBytes(entry));
            Files.move(tmp, dir.get().resolve(key + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // not kept: the next start reads the example again
        }
    }

    private static Optional<Stored> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || !n.path("text").isTextual()) {
                return Optional.empty();
            }
            float[] knowledge = null;
            if (n.has("knowledge")) {
                JsonNode k = n.get("knowledge");
                if (!k.isArray()) {
                    return Optional.empty();
                }
                knowledge = new float[k.size()];
                for (int i = 0; i < knowledge.length; i++) {
                    if (!k.get(i).isNumber()) {
                        return Optional.empty();
                    }
                    knowledge[i] = k.get(i).floatValue();
                }
            }
            return Optional.of(new Stored(n.get("text").asText(), knowledge));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
