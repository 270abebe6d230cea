package dev.adlens.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.store.InMemoryLabelStore;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelRecords;
import dev.adlens.store.RecordStatus;
import dev.adlens.store.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every exit of {@link ObjectIngest#ingest}, with a fixed clock and in-memory bucket, store and labeler. */
@UnitTest
class ObjectIngestTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    static final byte[] BYTES = {1, 2, 3};
    InMemory.FakeBucket bucket;
    InMemoryLabelStore store;
    InMemory.FakeLabeler labeler;
    ObjectIngest ingest;

    @BeforeEach
    void setUp() {
        bucket = new InMemory.FakeBucket();
        store = new InMemoryLabelStore();
        labeler = new InMemory.FakeLabeler();
        ingest = new ObjectIngest(bucket, store, labeler, 1000, CLOCK);
        bucket.put("a.jpg", new ObjectMeta(3, "image/jpeg", "e1", null, 5_000), BYTES);
    }

    static ImageRef ref(String key, String eTag) {
        return new ImageRef("ads", key, null, eTag);
    }

    LabelRecord stored(String key) {
        return store.items.get("s3://ads/" + key);
    }

    @Test
    void labelsAndWritesTheRevisionItRead() throws Exception {
        IngestResult r = ingest.ingest(ref("a.jpg", "e1"), "2026-12-01T11:59:00Z");
        assertThat(r.disposition()).isEqualTo(Disposition.LABELED);
        LabelRecord item = stored("a.jpg");
        assertThat(item.status()).isEqualTo(RecordStatus.LABELED);
        assertThat(item.eTag()).isEqualTo("e1");
        assertThat(item.objectModified()).isEqualTo(5_000);
        assertThat(item.labeledAt()).isEqualTo("2026-12-01T12:00:00Z");
        assertThat(item.top()).get().extracting(LabelRecord.TopLabels::topic).isEqualTo("travel");
        assertThat(r.record()).contains(item); // the API answers from it without reading the item back
        IngestResult again = ingest.ingest(ref("a.jpg", "e1"), null);
        assertThat(again.disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(again.record()).contains(item);
    }

    @Test
    void aDeletedObjectIsRecordedFailedAtRevisionZero() throws Exception {
        IngestResult r = ingest.ingest(ref("gone.jpg", "e9"), null);
        assertThat(r.disposition()).isEqualTo(Disposition.FAILED);
        assertThat(stored("gone.jpg").errorCode()).isEqualTo("IMAGE_NOT_FOUND");
        assertThat(stored("gone.jpg").objectModified()).isZero(); // never overwrites real labels
        assertThat(labeler.calls).isZero();
    }

    @Test
    void anObjectWeMayNotReadIsRecordedNotRetried() throws Exception {
        bucket.headFailures.put("secret.jpg", new AdlensException(ErrorCode.ACCESS_DENIED, "403"));
        assertThat(ingest.ingest(ref("secret.jpg", null), null).disposition()).isEqualTo(Disposition.FAILED);
        assertThat(stored("secret.jpg").errorCode()).isEqualTo("ACCESS_DENIED");
    }

    @Test
    void transientHeadReadAndStoreTroubleIsThrownForTheQueue() {
        bucket.headFailures.put("a.jpg", new AdlensException(ErrorCode.STORAGE_UNAVAILABLE, "503"));
        assertThatThrownBy(() -> ingest.ingest(ref("a.jpg", "e1"), null))
                .isInstanceOfSatisfying(AdlensException.class, e -> assertThat(e.retryable()).isTrue());
        bucket.headFailures.clear();
        bucket.readFailures.put("a.jpg", new AdlensException(ErrorCode.STORAGE_UNAVAILABLE, "reset"));
        assertThatThrownBy(() -> ingest.ingest(ref("a.jpg", "e1"), null)).isInstanceOf(AdlensException.class);
        bucket.readFailures.clear();
        store.failure = new AdlensException(ErrorCode.STORAGE_UNAVAILABLE, "throttled");
        assertThatThrownBy(() -> ingest.ingest(ref("a.jpg", "e1"), null)).isInstanceOf(AdlensException.class);
        assertThat(store.items).isEmpty();
    }

    @Test
    void anEventForAnOverwrittenObjectIsSuperseded() throws Exception {
        assertThat(ingest.ingest(ref("a.jpg", "e0"), null).disposition()).isEqualTo(Disposition.SUPERSEDED);
        assertThat(bucket.reads).isZero();
    }

    @Test
    void aTableHoldingANewerRevisionSupersedes() throws Exception {
        store.items.put("s3://ads/a.jpg", LabelRecords.of(ref("a.jpg", "e2"), new ObjectMeta(3, "image/jpeg", "e2",
                null, 9_000), InMemory.labeled("s3://ads/a.jpg"), InMemory.VERSIONS, null, CLOCK.instant()));
        assertThat(ingest.ingest(ref("a.jpg", null), null).disposition()).isEqualTo(Disposition.SUPERSEDED);
        assertThat(labeler.calls).isZero();
    }

    @Test
    void theSameRevisionAndModelIsADuplicateNothingRelabeled() throws Exception {
        ingest.ingest(ref("a.jpg", "e1"), null);
        assertThat(ingest.ingest(ref("a.jpg", "e1"), null).disposition()).isEqualTo(Disposition.DUPLICATE);
        assertThat(labeler.calls).isEqualTo(1);
    }

    @Test
    void aContentTypeThatIsNoImageIsSkippedWithoutADownload() throws Exception {
        bucket.put("notes.txt", new ObjectMeta(3, "text/plain", "t1", null, 5_000), BYTES);
        assertThat(ingest.ingest(ref("notes.txt", "t1"), null).disposition()).isEqualTo(Disposition.SKIPPED);
        assertThat(stored("notes.txt").status()).isEqualTo(RecordStatus.SKIPPED);
        assertThat(stored("notes.txt").errorCode()).isEqualTo("NOT_AN_IMAGE");
        assertThat(bucket.reads).isZero();
    }

    @Test
    void anObjectChangedDuringTheReadIsSupersededAndATooLargeOneRecorded() throws Exception {
        bucket.readFailures.put("a.jpg", new AdlensException(ErrorCode.OBJECT_CHANGED, "412"));
        assertThat(ingest.ingest(ref("a.jpg", "e1"), null).disposition()).isEqualTo(Disposition.SUPERSEDED);
        bucket.readFailures.put("a.jpg", new AdlensException(ErrorCode.IMAGE_TOO_LARGE, "2 GB"));
        assertThat(ingest.ingest(ref("a.jpg", "e1"), null).disposition()).isEqualTo(Disposition.FAILED);
        assertThat(stored("a.jpg").errorCode()).isEqualTo("IMAGE_TOO_LARGE");
    }

    @Test
    void aBadImageIsRecordedAndATransientLabelingFailureThrown() throws Exception {
        labeler.failures.push(new LabelOutcome.Failed("s3://ads/a.jpg", ErrorCode.CORRUPT_IMAGE, "truncated"));
        assertThat(ingest.ingest(ref("a.jpg", "e1"), null).disposition()).isEqualTo(Disposition.FAILED);
        assertThat(stored("a.jpg").errorCode()).isEqualTo("CORRUPT_IMAGE");
        store.items.clear();
        labeler.failures.push(new LabelOutcome.Failed("s3://ads/a.jpg", ErrorCode.DEADLINE_EXCEEDED, "no time"));
        assertThatThrownBy(() -> ingest.ingest(ref("a.jpg", "e1"), null))
                .isInstanceOfSatisfying(AdlensException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
        assertThat(store.items).isEmpty(); // handed back, not half-written
    }

    @Test
    void losingTheConditionalWriteRaceIsADuplicateOrSuperseded() throws Exception {
        store.nextPut.push(WriteResult.DUPLICATE); // a concurrent delivery wrote the same revision first (the 412)
        assertThat(ingest.ingest(ref("a.jpg", "e1"), null).disposition()).isEqualTo(Disposition.DUPLICATE);
        store.nextPut.push(WriteResult.SUPERSEDED); // a newer revision landed meanwhile
        assertThat(ingest.ingest(ref("a.jpg", "e1"), null).disposition()).isEqualTo(Disposition.SUPERSEDED);
    }
}
