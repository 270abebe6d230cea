package dev.adlens.words;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word vectors in the "adlens-words-1" layout written by models/build/pack_words.py: a UTF-8 vocabulary (one token
 * per line) and a row-major little-endian fp16 matrix that is memory-mapped, not read into the heap (20 MB of
 * vectors cost page cache, shared between processes, instead of 40 MB of float heap per JVM). The mapping lives
 * as long as the instance is reachable (the JDK offers no explicit unmap). Immutable and thread-safe.
 */
public final class PackedWordVectors extends Vocabulary {
    private final ShortBuffer matrix;

    private PackedWordVectors(String name, int dim, List<String> words, Map<String, Integer> rows,
                              ShortBuffer matrix) {
        super(name, dim, words, rows);
        this.matrix = matrix;
    }

    /**
     * Opens the pack described by {@code descriptor} (the {@code .json} beside the vocabulary and matrix).
     *
     * @throws AdlensException MODEL_INVALID when files are missing or disagree with the descriptor
     */
    public static PackedWordVectors open(Path descriptor) throws AdlensException {
        try {
            JsonNode meta = new ObjectMapper().readTree(descriptor.toFile());
            if (!"adlens-words-1".equals(meta.path("format").asText())
                    || !"float16".equals(meta.path("dtype").asText())) {
                throw invalid(descriptor, "unsupported format " + meta.path("format") + "/" + meta.path("dtype"));
            }
            int dim = meta.path("dim").asInt();
            int count = meta.path("count").asInt();
            Path dir = descriptor.toAbsolutePath().getParent();
            List<String> vocab = Files.readAllLines(dir.resolve(meta.path("vocab").asText()), StandardCharsets.UTF_8);
            if (vocab.size() != count) {
                throw invalid(descriptor, "vocabulary has " + vocab.size() + " words, descriptor says " + count);
            }
            Map<String, Integer> rows = new HashMap<>(count * 2);
            for (int i = 0; i < count; i++) {
                rows.putIfAbsent(vocab.get(i), i);
            }
            try (FileChannel ch = FileChannel.open(dir.resolve(meta.path("matrix").asText()), StandardOpenOption.READ)) {
                if (ch.size() != (long) count * dim * 2) {
                    throw invalid(descriptor, "matrix has " + ch.size() + " bytes, expected " + (long) count * dim * 2);
                }
                ShortBuffer matrix = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size())
                        .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
                return new PackedWordVectors(meta.path("name").asText(), dim, List.copyOf(vocab), Map.copyOf(rows),
                        matrix);
            }
        } catch (IOException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot read word vectors " + descriptor + ": "
                    + e.getMessage(), e);
        }
    }

    private static AdlensException invalid(Path descriptor, String why) {
        return new AdlensException(ErrorCode.MODEL_INVALID, descriptor + ": " + why);
    }

    @Override
    public void copyVector(int index, float[] dst, int offset) {
        int base = index * dim(); // absolute gets: no shared position, so concurrent readers are safe
        for (int i = 0; i < dim(); i++) {
            dst[offset + i] = Half.toFloat(matrix.get(base + i));
        }
    }
}
