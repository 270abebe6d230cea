package dev.adlens.store;

import dev.adlens.error.AdlensException;
import java.util.Optional;

/**
 * The label table port: one item per image, a conditional write, pages by top topic and sentiment. {@link LabelTable}
 * (DynamoDB) is the implementation; policy tests use an in-memory one. Failures of the store are retryable
 * STORAGE_UNAVAILABLE; a bad page token is BAD_REQUEST.
 */
public interface LabelStore {
    /**
     * Writes {@code r} unless the store holds the same revision and model (DUPLICATE) or a newer revision
     * (SUPERSEDED).
     */
    WriteResult put(LabelRecord r) throws AdlensException;

    /** A consistent read of the item for {@code s3://bucket/key}. */
    Optional<LabelRecord> find(String bucket, String key) throws AdlensException;

    /**
     * Images whose top topic is {@code topic}, highest score first, as {@code viewer} may see them (bucket objects and
     * the viewer's own uploads; null: everything).
     */
    Page byTopic(String topic, int limit, String nextToken, String viewer) throws AdlensException;

    /** {@link #byTopic} for the top sentiment. */
    Page bySentiment(String sentiment, int limit, String nextToken, String viewer) throws AdlensException;

    /** {@link #byTopic} for the top tier-1 category of the first taxonomy, {@code taxonomy/id}. */
    Page byCategory(String category, int limit, String nextToken, String viewer) throws AdlensException;

    /** {@link #byTopic} for the brand-safety verdict ({@code allow}, {@code review}, {@code block}), most flagged first. */
    Page byVerdict(String verdict, int limit, String nextToken, String viewer) throws AdlensException;
}
