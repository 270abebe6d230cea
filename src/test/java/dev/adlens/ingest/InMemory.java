package dev.adlens.ingest;

import dev.adlens.bucket.ImageBucket;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.TaskAttention;
import dev.adlens.ocr.OcrResult;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.pipeline.Labeler;
import dev.adlens.labels.StageTimings;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelStore;
import dev.adlens.store.Page;
import dev.adlens.store.WriteResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory stand-ins for the ports around the ingest and API policies (unit tests only; integration uses real peers). */
public final class InMemory {
    private InMemory() {
    }

    public static final ModelVersions VERSIONS = new ModelVersions("head-t", "visual-t", "words-t");

    /** Labels every image "travel"/"creative" unless told to fail; counts calls. */
    public static final class FakeLabeler implements Labeler {
        public final Deque<LabelOutcome.Failed> failures = new ArrayDeque<>();
        public int calls;

        @Override
        public LabelOutcome label(String image, byte[] bytes, dev.adlens.time.Deadline deadline) {
            calls++;
            return failures.isEmpty() ? labeled(image) : failures.pop();
        }

        @Override
        public LabelOutcome labelText(String id, String text, dev.adlens.time.Deadline deadline) {
            calls++;
            return labeled(id);
        }

        @Override
        public ModelVersions versions() {
            return VERSIONS;
        }
    }

    public static LabelOutcome.Labeled labeled(String image) {
        TaskAttention attention = new TaskAttention(0.2f, 0.3f, 0.5f, List.of(), List.of());
        return new LabelOutcome.Labeled(new AdLabels(image, List.of(new ScoredLabel(36, "travel", "Travel", 0.9f, true)),
                List.of(new ScoredLabel(7, "creative", "Creative", 0.6f, true)), List.of(),
                new OcrResult(List.of(), List.of("luminance")), attention, attention, VERSIONS,
                new StageTimings(1, 2, 3, 4, 5, 15)));
    }

    /** Objects by key: their metadata and bytes, or the failure HeadObject / GetObject gives. */
    public static final class FakeBucket implements ImageBucket {
        public final Map<String, ObjectMeta> metas = new HashMap<>();
        public final Map<String, byte[]> bytes = new HashMap<>();
        public final Map<String, AdlensException> headFailures = new HashMap<>();
        public final Map<String, AdlensException> readFailures = new HashMap<>();
        public int reads;

        public void put(String key, ObjectMeta meta, byte[] data) {
            metas.put(key, meta);
            bytes.put(key, data);
        }

        @Override
        public ObjectMeta head(ImageRef ref) throws AdlensException {
            if (headFailures.containsKey(ref.key())) {
                throw headFailures.get(ref.key());
            }
            ObjectMeta m = metas.get(ref.key());
            if (m == null) {
                throw new AdlensException(dev.adlens.error.ErrorCode.IMAGE_NOT_FOUND, "no object " + ref.uri());
            }
            return m;
        }

        @Override
        public byte[] read(ImageRef ref, ObjectMeta meta, long maxBytes) throws AdlensException {
            reads++;
            if (readFailures.containsKey(ref.key())) {
                throw readFailures.get(ref.key());
            }
            return bytes.get(ref.key());
        }
    }

    /**
     * Items by image, honouring {@link LabelStore}'s contract as {@code LabelTable} does (the same revision order,
     * DUPLICATE / SUPERSEDED, highest score first, paging with tokens, caller scoping): {@code LabelStoreContract} runs
     * on both. {@code nextPut} overrides the next write's result (a concurrent writer won the race).
     */
    public static final class FakeStore implements LabelStore {
        public final Map<String, LabelRecord> items = new HashMap<>();
        public final Deque<WriteResult> nextPut = new ArrayDeque<>();
        public AdlensException failure;

        @Override
        public synchronized WriteResult put(LabelRecord r) throws AdlensException {
            if (failure != null) {
                throw failure;
            }
            if (!nextPut.isEmpty()) {
                return nextPut.pop();
            }
            LabelRecord stored = items.get(r.image());
            // LabelTable's condition: absent, an older revision, or the same second with another eTag or model
            boolean write = stored == null || stored.objectModified() < r.objectModified()
                    || (stored.objectModified() == r.objectModified() && (!String.valueOf(stored.eTag())
                    .equals(String.valueOf(r.eTag())) || !stored.modelVersion().equals(r.modelVersion())));
            if (!write) {
                return stored.objectModified() > r.objectModified() ? WriteResult.SUPERSEDED : WriteResult.DUPLICATE;
            }
            items.put(r.image(), r);
            return WriteResult.WRITTEN;
        }

        @Override
        public synchronized Optional<LabelRecord> find(String bucket, String key) throws AdlensException {
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(items.get("s3://" + bucket + "/" + key));
        }

        @Override
        public Page byTopic(String topic, int limit, String nextToken, String viewer) throws AdlensException {
            return page(r -> r.top().filter(t -> t.topic().equals(topic)).map(LabelRecord.TopLabels::topicScore),
                    limit, nextToken, viewer);
        }

        @Override
        public Page bySentiment(String sentiment, int limit, String nextToken, String viewer) throws AdlensException {
            return page(r -> r.top().filter(t -> t.sentiment().equals(sentiment))
                    .map(LabelRecord.TopLabels::sentimentScore), limit, nextToken, viewer);
        }

        @Override
        public Page byCategory(String category, int limit, String nextToken, String viewer) throws AdlensException {
            return page(r -> r.top().filter(t -> category.equals(t.category()))
                    .map(LabelRecord.TopLabels::categoryScore), limit, nextToken, viewer);
        }

        @Override
        public Page byVerdict(String verdict, int limit, String nextToken, String viewer) throws AdlensException {
            return page(r -> r.top().filter(t -> verdict.equals(t.verdict()))
                    .map(LabelRecord.TopLabels::verdictScore), limit, nextToken, viewer);
        }

        /** Matching items highest score first; the token is the offset of the next page (checked like the table's). */
        private synchronized Page page(java.util.function.Function<LabelRecord, Optional<Double>> score, int limit,
                                       String nextToken, String viewer) throws AdlensException {
            if (failure != null) {
                throw failure;
            }
            if (limit < 1 || limit > 100) {
                throw new AdlensException(dev.adlens.error.ErrorCode.BAD_REQUEST, "limit must be 1..100");
            }
            List<LabelRecord> all = items.values().stream().filter(r -> score.apply(r).isPresent())
                    .sorted(java.util.Comparator.comparing((LabelRecord r) -> score.apply(r).orElseThrow()).reversed()
                            .thenComparing(LabelRecord::image, java.util.Comparator.reverseOrder()))
                    .toList();
            int from = 0;
            if (nextToken != null && !nextToken.isEmpty()) {
                try {
                    from = Integer.parseInt(nextToken.substring("offset:".length()));
                } catch (RuntimeException e) {
                    throw new AdlensException(dev.adlens.error.ErrorCode.BAD_REQUEST,
                            "nextToken is not a token this query returned");
                }
                if (!nextToken.startsWith("offset:") || from < 0 || from > all.size()) {
                    throw new AdlensException(dev.adlens.error.ErrorCode.BAD_REQUEST,
                            "nextToken is not a token this query returned");
                }
            }
            int to = Math.min(all.size(), from + limit);
            // as in DynamoDB, the caller filter runs after the limit: a page may be short while a token follows
            List<LabelRecord> out = all.subList(from, to).stream()
                    .filter(r -> viewer == null || r.visibleTo(viewer)).toList();
            return new Page(out, to < all.size() ? Optional.of("offset:" + to) : Optional.empty());
        }
    }
}
