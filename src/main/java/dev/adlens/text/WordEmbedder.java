package dev.adlens.text;

import dev.adlens.words.WordSequence;
import dev.adlens.words.WordVectors;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Turns OCR words into the head's word input. Normalisation: Unicode NFKC, lowercase, curly quotes straightened,
 * leading/trailing punctuation stripped ("SALE!" -> "sale", "$49" -> "49"). OOV policy: a normalised token not
 * in the vocabulary is split at inner punctuation ("e-mail" stays if known, "www.brand.com" -> "www", "brand",
 * "com") and each known part is used; unknown parts are dropped and counted, never given a made-up vector (the
 * head's mask already means "no evidence"). The first {@code capacity} (M) tokens in reading order are kept.
 * Immutable and thread-safe.
 */
public final class WordEmbedder implements TextEmbedder {
    private final WordVectors vectors;
    private final int capacity;

    public WordEmbedder(WordVectors vectors, int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.vectors = vectors;
        this.capacity = capacity;
    }

    public WordVectors vectors() {
        return vectors;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public String name() {
        return vectors.name();
    }

    @Override
    public int dim() {
        return vectors.dim();
    }

    @Override
    public int sentenceDim() {
        return 0;
    }

    /** Embeds {@code words} (raw OCR strings in reading order). */
    @Override
    public WordSequence embed(List<String> words) {
        int dim = vectors.dim();
        float[] packed = new float[capacity * dim];
        List<String> kept = new ArrayList<>();
        int oov = 0;
        for (String raw : words) {
            for (String token : candidates(raw)) {
                OptionalInt row = vectors.index(token);
                if (row.isEmpty()) {
                    oov++;
                } else if (kept.size() < capacity) {
                    vectors.copyVector(row.getAsInt(), packed, kept.size() * dim);
                    kept.add(token);
                }
            }
        }
        return new WordSequence(kept, packed, capacity, dim, oov);
    }

    /** The vocabulary lookups for one raw OCR word (empty when it has no letters or digits). */
    List<String> candidates(String raw) {
        String token = normalise(raw);
        if (token.isEmpty()) {
            return List.of();
        }
        if (vectors.index(token).isPresent()) {
            return List.of(token);
        }
        List<String> parts = new ArrayList<>();
        for (String part : token.split("[^\\p{L}\\p{N}']+")) {
            String p = trimPunctuation(part);
            if (!p.isEmpty()) {
                parts.add(p);
            }
        }
        return parts.isEmpty() ? List.of(token) : parts;
    }

    /** The normalised form of one raw OCR word: the token looked up in the vocabulary (may be empty). */
    public static String normalise(String raw) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"');
        return trimPunctuation(s);
    }

    private static String trimPunctuation(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && !Character.isLetterOrDigit(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }
}
