package dev.adlens.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where ONNX Runtime's optimised graphs are kept between processes, so that a model's graph is optimised once, not at
 * every start. ORT spends most of a session's creation rewriting the graph (constant folding of visual.onnx's
 * dequantised weights, the transformer fusions of text.onnx); a graph saved after the hardware-independent
 * ("extended") level and opened again at the full level skips that work (docs/performance.md, "Measurements behind
 * code choices") and ends as the same graph, since the layout rewrites still run on it.
 *
 * <p>An entry is named by the model's path, size and modification time and the ORT version, so a changed model or
 * runtime never reads a stale graph. Entries are written to a temporary name and moved into place, so processes
 * starting together never read a half-written one. {@link #NONE} (the function's default: Lambda's only writable
 * place is an ephemeral /tmp, where a cache would never be read again) optimises at every start, as before.
 */
public record GraphCache(Optional<Path> dir) {
    public static final GraphCache NONE = new GraphCache(Optional.empty());

    public static GraphCache in(Path dir) {
        return new GraphCache(Optional.of(dir));
    }

    /** The entry for {@code model} under ORT {@code ortVersion}, or empty when there is no cache. */
    Optional<Path> entryFor(Path model, String ortVersion) throws IOException {
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path abs = model.toAbsolutePath().normalize();
        String key = abs + "|" + Files.size(abs) + "|" + Files.getLastModifiedTime(abs).toMillis() + "|" + ortVersion;
        String name = abs.getFileName().toString().replaceFirst("\\.onnx$", "");
        return Optional.of(dir.get().resolve(name + "-" + sha256(key).substring(0, 16) + ".onnx"));
    }

    /** A fresh temporary path beside {@code entry}, for ORT to write into before {@link #publish}. */
    static Path temporary(Path entry) throws IOException {
        Files.createDirectories(entry.getParent());
        return Files.createTempFile(entry.getParent(), entry.getFileName().toString(), ".part");
    }

    /** Moves a written graph into place atomically; a lost race with another process leaves theirs, equal to ours. */
    static void publish(Path written, Path entry) throws IOException {
        try {
            Files.move(written, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return dir.map(d -> "GraphCache[" + d + "]").orElse("GraphCache[none]");
    }
}
