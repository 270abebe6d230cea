package dev.adlens.text;

import dev.adlens.error.AdlensException;
import dev.adlens.time.Deadline;
import dev.adlens.words.WordSequence;
import java.util.ArrayList;
import java.util.List;

/**
 * OCR words in, the head's text inputs out: up to {@link #capacity()} word vectors of {@link #dim()} and a sentence
 * vector of {@link #sentenceDim()} (0 when the embedder has none). Two siblings: {@link WordEmbedder} (frozen word
 * vectors, GloVe/FastText) and {@link ContextualEmbedder} (a pretrained transformer). Thread-safe.
 */
public interface TextEmbedder {
    /**
     * @throws AdlensException ENCODER_FAILED / ENCODER_UNAVAILABLE when a model behind it fails
     */
    WordSequence embed(List<String> words) throws AdlensException;

    /** The same within {@code deadline} (a text encoder on an endpoint derives its timeouts from it). */
    default WordSequence embed(List<String> words, Deadline deadline) throws AdlensException {
        return embed(words);
    }

    /**
     * The sentence vector of each text (words split on white space), for matching texts against each other (category
     * phrases): an embedder may batch them (see {@code TextEncoder.encodeBatched}); never used for head inputs.
     */
    default List<float[]> sentences(List<List<String>> texts) throws AdlensException {
        List<float[]> out = new ArrayList<>(texts.size());
        for (List<String> words : texts) {
            out.add(embed(words).sentence());
        }
        return out;
    }

    /** What the head was trained on (head.json {@code wordVectors}), e.g. "glove-6b-100d" or "bge-small-en-v1.5-q@…". */
    String name();

    int dim();

    int capacity();

    int sentenceDim();
}
