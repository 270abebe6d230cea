package dev.adlens.store;

import java.util.Optional;

/**
 * One item of the label table, as written and as read back.
 *
 * @param image          {@code s3://bucket/key}, the partition key
 * @param objectModified the object's Last-Modified in epoch ms: orders revisions of one key
 * @param modelVersion   head/visual/words versions joined: a new model relabels
 * @param result         the DESIGN output contract as compact JSON (possibly with OCR truncated)
 * @param top            the highest-scoring topic and sentiment (absent unless LABELED): the GSI keys
 */
public record LabelRecord(String image, String bucket, String key, String versionId, String eTag, long objectModified,
                          long contentLength, String contentType, RecordStatus status, String errorCode,
                          String errorMessage, String modelVersion, Optional<TopLabels> top, String result,
                          boolean ocrTruncated, String eventTime, String labeledAt) {

    /** The GSI keys of a labeled image. */
    public record TopLabels(String topic, double topicScore, String sentiment, double sentimentScore) {
    }

    /** Same object revision and same model: a repeated delivery, nothing to write. */
    public boolean sameRevision(LabelRecord other) {
        return objectModified == other.objectModified && java.util.Objects.equals(eTag, other.eTag)
                && modelVersion.equals(other.modelVersion);
    }
}
