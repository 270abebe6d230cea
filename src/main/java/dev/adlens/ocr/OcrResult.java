package dev.adlens.ocr;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The words read from one image in reading order, and which preprocessing passes produced them
 * ({@code "luminance"}, {@code "min-channel"}). {@link #toString()} leaves the text out.
 */
public record OcrResult(List<OcrWord> words, List<String> passes) {
    public OcrResult {
        words = List.copyOf(words);
        passes = List.copyOf(passes);
    }

    /** The words joined by single spaces. */
    public String text() {
        return words.stream().map(OcrWord::text).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "OcrResult[" + words.size() + " words, passes=" + passes + "]";
    }
}
