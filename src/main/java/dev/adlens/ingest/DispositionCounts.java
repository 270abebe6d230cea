package dev.adlens.ingest;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/** Thread-safe counts of finished objects by disposition, taken and reset per invocation (for metrics). */
public final class DispositionCounts implements Consumer<IngestResult> {
    private final Map<Disposition, LongAdder> counts = new EnumMap<>(Disposition.class);

    public DispositionCounts() {
        for (Disposition d : Disposition.values()) {
            counts.put(d, new LongAdder());
        }
    }

    @Override
    public void accept(IngestResult r) {
        counts.get(r.disposition()).increment();
    }

    /** The counts since the last call, every disposition present (zeros included). */
    public Map<Disposition, Long> takeAndReset() {
        Map<Disposition, Long> out = new EnumMap<>(Disposition.class);
        counts.forEach((d, n) -> out.put(d, n.sumThenReset()));
        return out;
    }
}
