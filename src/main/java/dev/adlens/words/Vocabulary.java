package dev.adlens.words;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The token list shared by the word-vector formats: row i holds {@code words.get(i)}; lookups by token. Immutable
 * and thread-safe; implementations add only how a row's vector is read.
 */
abstract class Vocabulary implements WordVectors {
    private final String name;
    private final int dim;
    private final List<String> words;
    private final Map<String, Integer> rows;

    Vocabulary(String name, int dim, List<String> words, Map<String, Integer> rows) {
        this.name = name;
        this.dim = dim;
        this.words = List.copyOf(words);
        this.rows = Map.copyOf(rows);
    }

    @Override
    public final int dim() {
        return dim;
    }

    @Override
    public final int size() {
        return words.size();
    }

    @Override
    public final OptionalInt index(String token) {
        Integer row = rows.get(token);
        return row == null ? OptionalInt.empty() : OptionalInt.of(row);
    }

    @Override
    public final String word(int index) {
        return words.get(index);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + ", " + words.size() + "x" + dim + "]";
    }
}
