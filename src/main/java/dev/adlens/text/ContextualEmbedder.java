package dev.adlens.text;

import dev.adlens.error.AdlensException;
import dev.adlens.words.WordSequence;
import dev.adlens.time.Deadline;
import java.util.ArrayList;
import java.util.List;

/**
 * The head's text inputs from a pretrained transformer: the OCR words are tokenised together (so each word is read
 * in the context of the whole ad), encoded, and each word's vector is the mean of its sub-word token states (the
 * paper's z^W per word: attention and the report still explain by OCR word). The sentence vector is pooled the way
 * the sentence encoder was trained to pool (its contract: the masked mean over all tokens, or the [CLS] token's
 * state), L2-normalised. Thread-safe; owns nothing.
 */
public final class ContextualEmbedder implements TextEmbedder {
    private final AdTokenizer tokenizer;
    private final TextEncoder encoder;

    public ContextualEmbedder(AdTokenizer tokenizer, TextEncoder encoder) {
        this.tokenizer = tokenizer;
        this.encoder = encoder;
    }

    @Override
    public WordSequence embed(List<String> words) throws AdlensException {
        return embed(words, Deadline.NONE);
    }

    @Override
    public WordSequence embed(List<String> words, Deadline deadline) throws AdlensException {
        TokenizedText t = tokenizer.tokenize(words);
        return pool(t, t.length() == 0 ? new float[0] : encoder.encode(List.of(t), deadline).get(0));
    }

    /** Every text tokenised, encoded in padded batches, pooled to its sentence vector. */
    @Override
    public List<float[]> sentences(List<List<String>> texts) throws AdlensException {
        List<TokenizedText> tokenized = texts.stream().map(tokenizer::tokenize).toList();
        List<float[]> states = encoder.encodeBatched(tokenized);
        List<float[]> out = new ArrayList<>(texts.size());
        for (int i = 0; i < tokenized.size(); i++) {
            out.add(pool(tokenized.get(i), states.get(i)).sentence());
        }
        return out;
    }

    private WordSequence pool(TokenizedText t, float[] states) {
        int dim = dim();
        int capacity = capacity();
        float[] vectors = new float[capacity * dim];
        float[] sentence = new float[dim];
        boolean mean = encoder.contract().pooling() == TextContract.Pooling.MEAN;
        if (!mean && t.length() > 0) {
            System.arraycopy(states, 0, sentence, 0, dim);   // token 0 is [CLS]
        }
        int[] counts = new int[capacity];
        for (int tok = 0; tok < t.length(); tok++) {
            int w = t.wordOfToken()[tok];
            for (int k = 0; k < dim; k++) {
                float v = states[tok * dim + k];
                if (mean) {
                    sentence[k] += v;
                }
                if (w >= 0) {
                    vectors[w * dim + k] += v;
                }
            }
            if (w >= 0) {
                counts[w]++;
            }
        }
        for (int w = 0; w < t.words().size(); w++) {
            for (int k = 0; k < dim; k++) {
                vectors[w * dim + k] /= Math.max(1, counts[w]);
            }
        }
        double norm = 0;
        for (float v : sentence) {
            norm += (double) v * v;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < dim; k++) {
                sentence[k] *= inv;
            }
        }
        return new WordSequence(t.words(), vectors, capacity, dim, t.droppedWords(), sentence);
    }

    @Override
    public String name() {
        return encoder.contract().version();
    }

    @Override
    public int dim() {
        return encoder.contract().dim();
    }

    @Override
    public int capacity() {
        return tokenizer.maxWords();
    }

    @Override
    public int sentenceDim() {
        return encoder.contract().dim();
    }
}
