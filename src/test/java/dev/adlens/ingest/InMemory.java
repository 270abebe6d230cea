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

    /** Items by image; {@code nextPut} overrides the next write's result (a concurrent writer won the race). */
    public static final class FakeStore implements LabelStore {
        public final Map<String, LabelRecord> items = new HashMap<>();
        public final Deque<WriteResult> nextPut = new ArrayDeque<>();
        public AdlensException failure;

        @Override
        public WriteResult put(LabelRecord r) throws AdlensException {
            if (failure != null) {
                throw failure;
            }
            if (!nextPut.isEmpty()) {
                return nextPut.pop();
            }
            items.put(r.image(), r);
            return WriteResult.WRITTEN;
        }

        @Override
        public Optional<LabelRecord> find(String bucket, String key) throws AdlensException {
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(items.get("s3://" + bucket + "/" + key));
        }

        @Override
        public Page byTopic(String topic, int limit, String nextToken, String viewer) {
            return page(r -> r.top().map(t -> t.topic().equals(topic)).orElse(false), limit, viewer);
        }

        @Override
        public Page bySentiment(String sentiment, int limit, String nextToken, String viewer) {
            return page(r -> r.top().map(t -> t.sentiment().equals(sentiment)).orElse(false), limit, viewer);
        }

        @Override
        public Page byCategory(String category, int limit, String nextToken, String viewer) {
            return page(r -> r.top().map(t -> category.equals(t.category())).orElse(false), limit, viewer);
        }

        private Page page(java.util.function.Predicate<LabelRecord> match, int limit, String viewer) {
            List<LabelRecord> out = new ArrayList<>();
            for (LabelRecord r : items.values()) {
                if (match.test(r) && (viewer == null || r.visibleTo(viewer)) && out.size() < limit) {
                    out.add(r);
                }
            }
            return new Page(out, Optional.empty());
        }
    }
}
