package dev.adlens.words;

import dev.adlens.error.AdlensException;
import java.nio.file.Path;
import java.util.OptionalInt;

/** A frozen vocabulary of word vectors. Implementations are immutable and thread-safe. */
public interface WordVectors {
    /** Vector length. */
    int dim();

    /** Number of words. */
    int size();

    /** The row of {@code token} (already normalised, see the word pipeline), or empty when out of vocabulary. */
    OptionalInt index(String token);

    /** The token at row {@code index}. */
    String word(int index);

    /** Copies row {@code index} into {@code dst[offset .. offset + dim)}. */
    void copyVector(int index, float[] dst, int offset);

    /** A short identifier of the vectors for the output's {@code model.words} field. */
    String name();

    /**
     * An adlens .json pack (GloVe, memory-mapped) or a FastText/word2vec .vec file (the first 400k words).
     *
     * @throws dev.adlens.error.AdlensException MODEL_INVALID when the file is missing or malformed
     */
    static WordVectors open(Path path) throws AdlensException {
        return path.toString().endsWith(".vec") ? VecFileWordVectors.load(path, 400_000) : PackedWordVectors.open(path);
    }
}
