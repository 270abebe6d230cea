package dev.adlens.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.pipeline.AdFeatures;
import dev.adlens.pitt.AdAnnotation;
import dev.adlens.pitt.PittAnnotations;
import dev.adlens.words.WordSequence;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the head's inputs and targets for many images into a directory PyTorch reads with numpy alone:
 * keys.txt, global.npy [N,Dg], objects.npy [N,L,Do], object_scores.npy [N,L], words.npy [N,M,Dw],
 * word_mask.npy [N,M], sentence.npy [N,Ds] (when the text embedder has a sentence vector), topic_targets.npy [N,38], sentiment_targets.npy [N,30], sentiment_annotated.npy [N],
 * tokens.jsonl (the words behind words.npy), failures.jsonl, meta.json. Rows are appended in completion order;
 * keys.txt gives each row's image. Synchronised: workers may call {@link #write} concurrently.
 */
public final class FeatureDatasetWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final NpyArrayWriter global, objects, objectScores, words, wordMask, topics, sentiments, annotated;
    private final NpyArrayWriter sentence; // null when the embedder has no sentence vector
    private final BufferedWriter keys, tokens, failures;
    private final ObjectNode meta;
    private int written;
    private int failed;

    public FeatureDatasetWriter(Path dir, int globalDim, int topL, int objectDim, int capacity, int wordDim,
                                int sentenceDim, ObjectNode meta) throws IOException {
        Files.createDirectories(dir);
        this.dir = dir;
        this.meta = meta;
        global = new NpyArrayWriter(dir.resolve("global.npy"), globalDim);
        objects = new NpyArrayWriter(dir.resolve("objects.npy"), topL, objectDim);
        objectScores = new NpyArrayWriter(dir.resolve("object_scores.npy"), topL);
        words = new NpyArrayWriter(dir.resolve("words.npy"), capacity, wordDim);
        wordMask = new NpyArrayWriter(dir.resolve("word_mask.npy"), capacity);
        sentence = sentenceDim > 0 ? new NpyArrayWriter(dir.resolve("sentence.npy"), sentenceDim) : null;
        topics = new NpyArrayWriter(dir.resolve("topic_targets.npy"), PittAnnotations.TOPICS);
        sentiments = new NpyArrayWriter(dir.resolve("sentiment_targets.npy"), PittAnnotations.SENTIMENTS);
        annotated = new NpyArrayWriter(dir.resolve("sentiment_annotated.npy"));
        keys = Files.newBufferedWriter(dir.resolve("keys.txt"), StandardCharsets.UTF_8);
        tokens = Files.newBufferedWriter(dir.resolve("tokens.jsonl"), StandardCharsets.UTF_8);
        failures = Files.newBufferedWriter(dir.resolve("failures.jsonl"), StandardCharsets.UTF_8);
    }

    public synchronized void write(String key, AdFeatures f, AdAnnotation labels) throws IOException {
        float[][] rows = f.visual().objects();
        float[] flat = new float[rows.length * rows[0].length];
        float[] scores = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[i].length, rows[i].length);
            scores[i] = f.visual().detections().get(i).score();
        }
        write(key, f.visual().global(), flat, scores, f.words(), labels, Map.of("ocr", f.ocr().text(),
                "ocrPasses", f.ocr().passes(), "ocrMs", f.timings().ocrMs(), "visualMs", f.timings().visualMs()));
    }

    /** A row from raw arrays (e.g. text-only evaluation sets); {@code extra} goes to tokens.jsonl. */
    public synchronized void write(String key, float[] globalRow, float[] objectRows, float[] scores,
                                   WordSequence wordSeq, AdAnnotation labels, Map<String, Object> extra)
            throws IOException {
        global.append(globalRow);
        objects.append(objectRows);
        objectScores.append(scores);
        words.append(wordSeq.vectors());
        wordMask.append(wordSeq.mask());
        if (sentence != null) {
            sentence.append(wordSeq.sentence());
        }
        topics.append(labels.topicTargets());
        sentiments.append(labels.sentimentTargets());
        annotated.append(new float[]{labels.hasSentiments() ? 1f : 0f});
        keys.write(key);
        keys.newLine();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("key", key);
        info.put("tokens", wordSeq.tokens());
        info.put("oov", wordSeq.oovCount());
        info.putAll(extra);
        tokens.write(JSON.writeValueAsString(info));
        tokens.newLine();
        written++;
    }

    /** Records an image that produced no row, with its reason: nothing is silently dropped. */
    public synchronized void fail(String key, String code, String message) throws IOException {
        failures.write(JSON.writeValueAsString(Map.of("key", key, "code", code, "message", message)));
        failures.newLine();
        failed++;
    }

    public synchronized int written() {
        return written;
    }

    public synchronized int failed() {
        return failed;
    }

    @Override
    public synchronized void close() throws IOException {
        for (NpyArrayWriter w : new NpyArrayWriter[]{global, objects, objectScores, words, wordMask, topics,
                sentiments, annotated}) {
            w.close();
        }
        if (sentence != null) {
            sentence.close();
        }
        keys.close();
        tokens.close();
        failures.close();
        meta.put("rows", written).put("failed", failed);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("meta.json").toFile(), meta);
    }
}
