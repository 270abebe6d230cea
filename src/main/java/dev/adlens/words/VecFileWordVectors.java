package dev.adlens.words;

import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Word vectors from a FastText/word2vec text file ({@code .vec}: a "count dim" header line, then "word v1 .. vdim"
 * per line, most frequent first), read into the heap. Words are lowercased on load and the first (most frequent)
 * spelling wins, matching the lowercase token normalisation. At most {@code maxWords} are kept. Immutable and
 * thread-safe.
 */
public final class VecFileWordVectors extends Vocabulary {
    private final float[] matrix;

    private VecFileWordVectors(String name, int dim, List<String> words, Map<String, Integer> rows, float[] matrix) {
        super(name, dim, words, rows);
        this.matrix = matrix;
    }

    /**
     * @throws AdlensException MODEL_INVALID when the file is missing or malformed
     */
    public static VecFileWordVectors load(Path file, int maxWords) throws AdlensException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String[] header = in.readLine().trim().split("\\s+");
            if (header.length != 2) {
                throw invalid(file, "first line must be '<count> <dim>'");
            }
            int dim = Integer.parseInt(header[1]);
            int capacity = Math.min(maxWords, Integer.parseInt(header[0]));
            List<String> words = new ArrayList<>(capacity);
            Map<String, Integer> rows = new HashMap<>(capacity * 2);
            float[] matrix = new float[capacity * dim];
            String line;
            int lineNo = 1;
            while (words.size() < capacity && (line = in.readLine()) != null) {
                lineNo++;
                String[] parts = line.trim().split(" ");
                if (parts.length != dim + 1) {
                    throw invalid(file, "line " + lineNo + " has " + (parts.length - 1) + " values, expected " + dim);
                }
                String word = parts[0].toLowerCase(Locale.ROOT);
                if (rows.containsKey(word)) {
                    continue;
                }
                int row = words.size();
                for (int i = 0; i < dim; i++) {
                    matrix[row * dim + i] = Float.parseFloat(parts[i + 1]);
                }
                rows.put(word, row);
                words.add(word);
            }
            float[] trimmed = Arrays.copyOf(matrix, words.size() * dim);
            return new VecFileWordVectors(file.getFileName().toString(), dim, List.copyOf(words), Map.copyOf(rows),
                    trimmed);
        } catch (IOException | NumberFormatException | NullPointerException e) {
            throw new AdlensException(ErrorCode.MODEL_INVALID, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static AdlensException invalid(Path file, String why) {
        return new AdlensException(ErrorCode.MODEL_INVALID, file + ": " + why);
    }

    @Override
    public void copyVector(int index, float[] dst, int offset) {
        System.arraycopy(matrix, index * dim(), dst, offset, dim());
    }
}
