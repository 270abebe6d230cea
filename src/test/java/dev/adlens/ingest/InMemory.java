package dev.adlens.ingest;

import dev.adlens.bucket.ImageBucket;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.TaskAttention;
import dev.adlens.ocr.OcrResult;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.pipeline.Labeler;
import dev.adlens.time.Deadline;
import dev.adlens.labels.StageTimings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-memory stand-ins for the labeler and the bucket around the ingest and API policies (unit tests only; integration
 * uses real peers). The table's: {@link dev.adlens.store.InMemoryLabelStore}.
 */
public final class InMemory {
    private InMemory() {
    }

    public static final ModelVersions VERSIONS = new ModelVersions("head-t", "visual-t", "words-t");

    /** Labels every image "travel"/"creative" unless told to fail; counts calls. */
    public static final class FakeLabeler implements Labeler {
        public final Deque<LabelOutcome.Failed> failures = new ArrayDeque<>();
        public int calls;
        /** What it reports as its models (and the taxonomies it labels in). */
        public ModelVersions versions = VERSIONS;

        @Override
        public LabelOutcome label(String image, byte[] bytes, Deadline deadline) {
            calls++;
            return failures.isEmpty() ? labeled(image) : failures.pop();
        }

        @Override
        public LabelOutcome labelText(String id, String text, Deadline deadline) {
            calls++;
            return labeled(id);
        }

        @Override
        public ModelVersions versions() {
            return versions;
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
                throw new AdlensException(ErrorCode.IMAGE_NOT_FOUND, "no object " + ref.uri());
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
}
