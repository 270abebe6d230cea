package dev.adlens.ingest;

import dev.adlens.bucket.ImageRef;
import dev.adlens.store.LabelRecord;
import java.util.Optional;

/**
 * The end of one object: its disposition, the error code when FAILED/SKIPPED, a short reason, the time taken, and the
 * item the table now holds for it when known without another read (the one written, or the one found already there;
 * empty when a concurrent writer won or the object changed under us).
 */
public record IngestResult(ImageRef ref, Disposition disposition, String code, String reason, long millis,
                           Optional<LabelRecord> record) {
    public IngestResult(ImageRef ref, Disposition disposition, String code, String reason, long millis) {
        this(ref, disposition, code, reason, millis, Optional.empty());
    }

    public String summary() {
        return disposition + (code == null ? "" : ":" + code) + (reason == null ? "" : " " + reason);
    }
}
