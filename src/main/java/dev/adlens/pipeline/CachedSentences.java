package dev.adlens.pipeline;

import dev.adlens.category.SentenceEncoder;
import dev.adlens.error.AdlensException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A taxonomy's encoded texts kept between starts: the file is named by the SHA-256 of the encoder's name and every
 * text, so any change to either is a miss. Looked up first among the vectors shipped with the models
 * (models/categories/, written by models/build/category-vectors for the built-in taxonomies: a cold start, the
 * function's included, reads them instead of encoding ~1,500 texts), then in the writable cache beside the ONNX graph
 * cache, where a miss is written atomically. An unreadable or short file is a miss, never an error. Only calls of
 * {@link #MIN_TEXTS} or more texts are kept (a taxonomy's names and phrases, not one category's few examples).
 */
public final class CachedSentences implements SentenceEncoder {
    static final int MIN_TEXTS = 16;
    private final SentenceEncoder encoder;
    private final Optional<Path> shipped;
    private final Optional<Path> dir;

    /**
     * @param shipped read-only vectors shipped with the models (none: only the writable cache)
     * @param dir     the writable cache (none: nothing is written)
     */
    public CachedSentences(SentenceEncoder encoder, Optional<Path> shipped, Optional<Path> dir) {
        this.encoder = encoder;
        this.shipped = shipped;
        this.dir = dir;
    }

    @Override
    public List<float[]> encode(List<String> texts) throws AdlensException {
        if (texts.size() < MIN_TEXTS || (shipped.isEmpty() && dir.isEmpty())) {
            return encoder.encode(texts);
        }
        String name = key(texts) + ".f32";
        for (Optional<Path> d : List.of(shipped, dir)) {
            Optional<List<float[]>> hit = d.flatMap(x -> read(x.resolve(name), texts.size()));
            if (hit.isPresent()) {
                return hit.get();
            }
        }
        List<float[]> vectors = encoder.encode(texts);
        dir.ifPresent(d -> write(d.resolve(name), vectors));
        return vectors;
    }

    @Override
    public String name() {
        return encoder.name();
    }

    private String key(List<String> texts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(encoder.name().getBytes(StandardCharsets.UTF_8));
            for (String t : texts) {
                sha.update((byte) 0);
                sha.update(t.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** [n][dim] little-endian floats after an int n and an int dim. */
    private static Optional<List<float[]>> read(Path file, int n) {
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() < 8 || b.getInt() != n) {
                return Optional.empty();
            }
            int dim = b.getInt();
            if (dim < 0 || b.remaining() != (long) n * dim * 4) {
                return Optional.empty();
            }
            List<float[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                float[] v = new float[dim];
                b.asFloatBuffer().get(v);
                b.position(b.position() + dim * 4);
                out.add(v);
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void write(Path file, List<float[]> vectors) {
        int dim = vectors.isEmpty() ? 0 : vectors.get(0).length;
        if (vectors.stream().anyMatch(v -> v.length != dim)) {
            return; // an empty text's vector: not worth a special format
        }
        ByteBuffer b = ByteBuffer.allocate(8 + vectors.size() * dim * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(vectors.size()).putInt(dim);
        vectors.forEach(v -> {
            for (float x : v) {
                b.putFloat(x);
            }
        });
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.write(tmp, b.array());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // a cache that cannot be written only costs the next start the encoding again
        }
    }
}
