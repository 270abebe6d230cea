package dev.adlens.text;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Tokenises OCR words with the model's own tokenizer.json (HuggingFace tokenizers through DJL, not a hand-written
 * WordPiece). The words go in pre-split, so every sub-word token knows its OCR word and attention can be reported by
 * word. Words without a letter or digit are left out (OCR specks); the first {@code maxWords} remaining words are
 * used, and tokens past the contract's {@code maxTokens} are truncated (the words they belonged to are dropped).
 * Thread-safe (the native tokenizer is read-only after loading); owns it: {@link #close()} frees it.
 */
public final class AdTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final String[] prefix;
    private final int maxWords;

    /**
     * @throws AdlensException MODEL_INVALID when tokenizer.json is missing or malformed, or its native library
     *                         cannot load
     */
    public AdTokenizer(Path tokenizerJson, TextContract contract, int maxWords) throws AdlensException {
        if (maxWords < 1) {
            throw new IllegalArgumentException("maxWords must be positive");
        }
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of("padding", "false",
                    "truncation", "true", "maxLength", Integer.toString(contract.maxTokens())));
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot load tokenizer " + tokenizerJson + ": " + e, e);
        }
        this.prefix = contract.prefix().isBlank() ? new String[0] : contract.prefix().trim().split("\\s+");
        this.maxWords = maxWords;
    }

    public int maxWords() {
        return maxWords;
    }

    /** Tokenises {@code rawWords} (OCR words in reading order). Empty input gives an empty text (no tokens). */
    public TokenizedText tokenize(List<String> rawWords) {
        List<String> words = new ArrayList<>();
        int dropped = 0;
        for (String w : rawWords) {
            String t = w.strip();
            if (t.codePoints().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            if (words.size() < maxWords) {
                words.add(t);
            } else {
                dropped++;
            }
        }
        if (words.isEmpty()) {
            return new TokenizedText(new long[0], new int[0], List.of(), dropped);
        }
        String[] input = new String[prefix.length + words.size()];
        System.arraycopy(prefix, 0, input, 0, prefix.length);
        for (int i = 0; i < words.size(); i++) {
            input[prefix.length + i] = words.get(i);
        }
        Encoding enc = tokenizer.encode(input, true, false);
        long[] ids = enc.getIds();
        long[] wordIds = enc.getWordIds();
        long[] special = enc.getSpecialTokenMask();
        int[] wordOf = new int[ids.length];
        int lastWord = -1;
        for (int i = 0; i < ids.length; i++) {
            int w = special[i] != 0 || wordIds[i] < prefix.length ? -1 : (int) wordIds[i] - prefix.length;
            wordOf[i] = w;
            lastWord = Math.max(lastWord, w);
        }
        // Truncation may cut words at the end: keep the words that kept at least one token.
        int kept = lastWord + 1;
        dropped += words.size() - kept;
        return new TokenizedText(ids, wordOf, words.subList(0, kept), dropped);
    }

    /** The token strings (for tests and debugging). */
    public List<String> tokens(List<String> rawWords) {
        String[] input = rawWords.toArray(String[]::new);
        return Arrays.asList(tokenizer.encode(input, true, false).getTokens());
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
