package dev.adlens.ingest;

/** What happened to one object; every object ends in exactly one of these (or a retryable exception). */
public enum Disposition {
    /** Labels written. */
    LABELED,
    /** A bad image: a FAILED record with the error code was written; the event is acknowledged. */
    FAILED,
    /** Not an image (content type): a SKIPPED record was written; the event is acknowledged. */
    SKIPPED,
    /** The table already holds this revision labeled by this model: nothing written. */
    DUPLICATE,
    /** The event names an older revision than the object now is or the table holds: nothing written. */
    SUPERSEDED
}
