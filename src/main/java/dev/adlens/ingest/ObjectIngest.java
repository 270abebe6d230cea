package dev.adlens.ingest;

import dev.adlens.bucket.ImageBucket;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.labels.ModelVersions;
import dev.adlens.pipeline.Labeler;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelRecords;
import dev.adlens.store.LabelStore;
import dev.adlens.store.RecordStatus;
import dev.adlens.store.WriteResult;
import dev.adlens.time.Deadline;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * One S3 object, end to end: HeadObject (revision, size and content type checked before any download), a
 * duplicate check against the table, GetObject of exactly that revision, labeling, and the conditional write.
 * Bad input is recorded and returned; only transient trouble (S3/DynamoDB/encoder unavailable) is thrown, as an
 * {@link AdlensException} whose code is {@linkplain ErrorCode#retryable() retryable}, for the queue to retry.
 */
public final class ObjectIngest {
    private final ImageBucket bucket;
    private final LabelStore table;
    private final Labeler labeler;
    private final long maxBytes;
    private final Clock clock;

    public ObjectIngest(ImageBucket bucket, LabelStore table, Labeler labeler, long maxBytes, Clock clock) {
        this.bucket = bucket;
        this.table = table;
        this.labeler = labeler;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** {@link #ingest(ImageRef, String, Deadline)} with no deadline of the caller's. */
    public IngestResult ingest(ImageRef ref, String eventTime) throws AdlensException {
        return ingest(ref, eventTime, Deadline.NONE);
    }

    /** One object, the labeling done by {@code deadline} (what is left of the invocation, less time to record). */
    public IngestResult ingest(ImageRef ref, String eventTime, Deadline deadline) throws AdlensException {
        long start = System.nanoTime();
        ModelVersions versions = labeler.versions();
        ObjectMeta meta;
        try {
            meta = bucket.head(ref);
        } catch (AdlensException e) {
            if (e.retryable()) {
                throw e;
            }
            // Deleted before we got to it (or not ours to read: ACCESS_DENIED). Recorded so nothing vanishes;
            // revision 0 never overwrites real labels.
            ObjectMeta gone = new ObjectMeta(-1, null, ref.eTag(), ref.versionId(), 0);
            return write(LabelRecords.notLabeled(ref, gone, RecordStatus.FAILED, e.code(), e.getMessage(), versions,
                    eventTime, clock.instant()), Disposition.FAILED, start);
        }
        if (ref.versionId() == null && ref.eTag() != null && meta.eTag() != null && !ref.eTag().equals(meta.eTag())) {
            return done(ref, Disposition.SUPERSEDED, null, "object was overwritten after this event", start);
        }
        Optional<LabelRecord> stored = table.find(ref.bucket(), ref.key());
        if (stored.isPresent()) {
            LabelRecord s = stored.get();
            if (s.objectModified() > meta.lastModifiedMs()) {
                return done(ref, Disposition.SUPERSEDED, null, "table holds a newer revision", start, s);
            }
            if (s.objectModified() == meta.lastModifiedMs() && Objects.equals(s.eTag(), meta.eTag())
                    && s.modelVersion().equals(LabelRecords.modelVersion(versions))) {
                return done(ref, Disposition.DUPLICATE, null, "already labeled by this model", start, s);
            }
        }
        if (!meta.mayBeImage()) {
            return write(LabelRecords.notLabeled(ref, meta, RecordStatus.SKIPPED, ErrorCode.NOT_AN_IMAGE,
                    "content type " + meta.contentType() + " is not an image", versions, eventTime, clock.instant()),
                    Disposition.SKIPPED, start);
        }
        byte[] bytes;
        try {
            bytes = bucket.read(ref, meta, maxBytes);
        } catch (AdlensException e) {
            if (e.code() == ErrorCode.OBJECT_CHANGED) {
                return done(ref, Disposition.SUPERSEDED, null, e.getMessage(), start);
            }
            if (e.retryable()) {
                throw e;
            }
            return write(LabelRecords.notLabeled(ref, meta, RecordStatus.FAILED, e.code(), e.getMessage(), versions,
                    eventTime, clock.instant()), Disposition.FAILED, start);
        }
        LabelOutcome outcome = labeler.label(ref.uri(), bytes, deadline);
        if (outcome instanceof LabelOutcome.Failed f && f.code().retryable()) {
            throw new AdlensException(f.code(), f.message());
        }
        return write(LabelRecords.of(ref, meta, outcome, versions, eventTime, clock.instant()),
                outcome instanceof LabelOutcome.Labeled ? Disposition.LABELED : Disposition.FAILED, start);
    }

    /**
     * Labels the caller already has (an upload to the API, which no bucket holds), recorded for {@code owner} by the
     * same conditional write as an object's: one write path to the label table.
     */
    public IngestResult record(ImageRef ref, ObjectMeta meta, LabelOutcome outcome, String owner)
            throws AdlensException {
        long start = System.nanoTime();
        LabelRecord record = LabelRecords.of(ref, meta, outcome, labeler.versions(), null, clock.instant())
                .withOwner(owner);
        return write(record, outcome instanceof LabelOutcome.Labeled ? Disposition.LABELED : Disposition.FAILED, start);
    }

    private IngestResult write(LabelRecord record, Disposition ifWritten, long start) throws AdlensException {
        WriteResult w = table.put(record);
        ImageRef ref = new ImageRef(record.bucket(), record.key(), record.versionId(), record.eTag());
        return switch (w) {
            case WRITTEN -> done(ref, ifWritten, record.errorCode(), record.errorMessage(), start, record);
            case DUPLICATE -> done(ref, Disposition.DUPLICATE, null, "a concurrent delivery wrote it first", start);
            case SUPERSEDED -> done(ref, Disposition.SUPERSEDED, null, "table holds a newer revision", start);
        };
    }

    private static IngestResult done(ImageRef ref, Disposition d, String code, String reason, long start) {
        return new IngestResult(ref, d, code, reason, Math.round((System.nanoTime() - start) / 1e6));
    }

    private static IngestResult done(ImageRef ref, Disposition d, String code, String reason, long start,
                                     LabelRecord item) {
        return new IngestResult(ref, d, code, reason, Math.round((System.nanoTime() - start) / 1e6), Optional.of(item));
    }
}
