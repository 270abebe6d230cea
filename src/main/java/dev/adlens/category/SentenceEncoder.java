package dev.adlens.category;

import dev.adlens.error.AdlensException;
import java.util.List;

/**
 * Texts in, one L2-normalised sentence vector each out (a zero vector for a text without words): the shared text
 * encoder's pooled output, the same vector an ad's OCR text gets. Thread-safe.
 */
public interface SentenceEncoder {
    List<float[]> encode(List<String> texts) throws AdlensException;

    /** The encoder's name and version (a taxonomy's vectors are only valid for the encoder that made them). */
    String name();
}
