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
 * @param owner          the API caller who uploaded the image (store=true bodies); null for bucket objects, which
 *                       every caller may read
 */
public record LabelRecord(String image, String bucket, String key, String versionId, String eTag, long objectModified,
                          long contentLength, String contentType, RecordStatus status, String errorCode,
                          String errorMessage, String modelVersion, Optional<TopLabels> top, String result,
                          boolean ocrTruncated, String eventTime, String labeledAt, String owner) {

    /** This record as uploaded by {@code caller}. */
    public LabelRecord withOwner(String caller) {
        return new LabelRecord(image, bucket, key, versionId, eTag, objectModified, contentLength, contentType, status,
                errorCode, errorMessage, modelVersion, top, result, ocrTruncated, eventTime, labeledAt, caller);
    }

    /** Whether {@code caller} may read it: bucket objects are shared, uploads are their owner's. */
    public boolean visibleTo(String caller) {
        return owner == null || owner.equals(caller);
    }

    /**
     * The GSI keys of a labeled image. {@code category} is {@code taxonomy/id} of the top selected tier-1 category in
     * the first taxonomy the deployment labels in (null when none is configured or the answer was unclear).
     * {@code verdict} is the brand-safety verdict ({@code allow}, {@code review}, {@code block}) and
     * {@code verdictScore} the highest score among its flags (0 without flags): the most flagged first. Null for items
     * stored before verdicts were (they still read).
     */
    public record TopLabels(String topic, double topicScore, String sentiment, double sentimentScore, String category,
                            double categoryScore, String verdict, double verdictScore) {
        public TopLabels(String topic, double topicScore, String sentiment, double sentimentScore) {
            this(topic, topicScore, sentiment, sentimentScore, null, 0);
        }

        public TopLabels(String topic, double topicScore, String sentiment, double sentimentScore, String category,
                         double categoryScore) {
            this(topic, topicScore, sentiment, sentimentScore, category, categoryScore, null, 0);
        }
    }

    /** Without the result JSON (OCR text can be long): for logs. */
    @Override
    public String toString() {
        return "LabelRecord[" + image + ", " + status + (errorCode == null ? "" : " " + errorCode) + ", eTag=" + eTag
                + ", modified=" + objectModified + ", model=" + modelVersion + top.map(t -> ", top=" + t.topic())
                .orElse("") + "]";
    }
}
