package dev.adlens.ingest;

import dev.adlens.bucket.ImageRef;

/** The end of one object: its disposition, the error code when FAILED/SKIPPED, a short reason, and the time taken. */
public record IngestResult(ImageRef ref, Disposition disposition, String code, String reason, long millis) {
    public String summary() {
        return disposition + (code == null ? "" : ":" + code) + (reason == null ? "" : " " + reason);
    }
}
