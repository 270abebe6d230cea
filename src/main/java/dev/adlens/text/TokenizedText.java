package dev.adlens.text;

import java.util.List;

/**
 * One text as the encoder sees it: token ids (special tokens included, no padding) and, per token, the index of the
 * word in {@code words} it came from (-1 for special and prefix tokens). {@code words} are the raw OCR words that
 * kept at least one token, in reading order. {@link #toString()} leaves the words out.
 */
public record TokenizedText(long[] ids, int[] wordOfToken, List<String> words, int droppedWords) {
    public TokenizedText {
        words = List.copyOf(words);
        if (ids.length != wordOfToken.length) {
            throw new IllegalArgumentException("ids and word map differ in length");
        }
    }

    public int length() {
        return ids.length;
    }

    @Override
    public String toString() {
        return "TokenizedText[" + ids.length + " tokens, " + words.size() + " words, dropped=" + droppedWords + "]";
    }
}
