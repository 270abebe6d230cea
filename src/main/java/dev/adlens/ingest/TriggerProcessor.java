package dev.adlens.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.time.Deadline;
import dev.adlens.pipeline.OrderedFanOut;
import dev.adlens.trigger.ObjectEvent;
import dev.adlens.trigger.Trigger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a trigger's objects through {@link ObjectIngest} (up to the pool's size at once) and answers in the shape its
 * source expects. Failure policy: a bad image is recorded and acknowledged; a transient failure, or too little
 * invocation time left to start an object ({@code minRemainingMillis}), hands the object back: the SQS message is
 * listed in {@code batchItemFailures} (redelivered, finally to the DLQ), a Batch Operations task gets
 * TemporaryFailure, and a direct (asynchronous) invocation throws so that Lambda retries it.
 */
public final class TriggerProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(TriggerProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectIngest ingest;
    private final ExecutorService pool;
    private final long minRemainingMillis;
    /** Invocation time kept back from labeling for the writes that record its outcome. */
    static final long RECORD_RESERVE_MILLIS = 3_000;
    private final Consumer<IngestResult> observer;

    public TriggerProcessor(ObjectIngest ingest, ExecutorService pool, long minRemainingMillis) {
        this(ingest, pool, minRemainingMillis, r -> {
        });
    }

    /** @param observer sees every finished object (metrics, tests); must be thread-safe */
    public TriggerProcessor(ObjectIngest ingest, ExecutorService pool, long minRemainingMillis,
                            Consumer<IngestResult> observer) {
        this.ingest = ingest;
        this.pool = pool;
        this.minRemainingMillis = minRemainingMillis;
        this.observer = observer;
    }

    /** Thrown for a direct invocation that must be retried as a whole (earlier objects are idempotent). */
    public static final class RetryLater extends RuntimeException {
        public RetryLater(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public JsonNode process(Trigger trigger, LongSupplier remainingMillis) {
        if (trigger instanceof Trigger.Direct d) {
            return direct(d, remainingMillis);
        }
        if (trigger instanceof Trigger.Queue q) {
            return queue(q, remainingMillis);
        }
        return batch((Trigger.BatchJob) trigger, remainingMillis);
    }

    private JsonNode direct(Trigger.Direct d, LongSupplier remaining) {
        List<Outcome> outcomes = runAll(d.events(), remaining);
        ObjectNode out = JSON.createObjectNode().put("source", d.source().name()).put("ignored", d.ignored());
        ArrayNode results = out.putArray("results");
        for (Outcome o : outcomes) {
            if (o.failure != null) {
                throw new RetryLater(o.failure.getMessage(), o.failure);
            }
            results.add(o.result.summary());
        }
        return out;
    }

    private JsonNode queue(Trigger.Queue q, LongSupplier remaining) {
        List<ObjectEvent> events = new ArrayList<>();
        for (Trigger.Message m : q.messages()) {
            events.addAll(m.events());
        }
        List<Outcome> outcomes = runAll(events, remaining);
        ObjectNode out = JSON.createObjectNode();
        ArrayNode failures = out.putArray("batchItemFailures");
        int next = 0;
        for (Trigger.Message m : q.messages()) {
            boolean failed = m.invalid() != null;
            if (failed) {
                LOG.atWarn().addKeyValue("messageId", m.messageId()).log("unreadable message: {}", m.invalid());
            }
            for (int i = 0; i < m.events().size(); i++) {
                failed |= outcomes.get(next++).failure != null;
            }
            if (failed) {
                failures.addObject().put("itemIdentifier", m.messageId());
            }
        }
        return out;
    }

    private JsonNode batch(Trigger.BatchJob b, LongSupplier remaining) {
        List<ObjectEvent> events = b.tasks().stream().filter(t -> t.event() != null).map(Trigger.Task::event).toList();
        List<Outcome> outcomes = runAll(events, remaining);
        ObjectNode out = JSON.createObjectNode().put("invocationSchemaVersion", b.schemaVersion())
                .put("treatMissingKeysAs", "PermanentFailure").put("invocationId", b.invocationId());
        ArrayNode results = out.putArray("results");
        int next = 0;
        for (Trigger.Task t : b.tasks()) {
            ObjectNode r = results.addObject().put("taskId", t.taskId());
            if (t.event() == null) {
                r.put("resultCode", "PermanentFailure").put("resultString", t.invalid());
                continue;
            }
            Outcome o = outcomes.get(next++);
            // A bad image is recorded in the table: the task did its job (Succeeded); the string says what it found.
            r.put("resultCode", o.failure != null ? "TemporaryFailure" : "Succeeded")
                    .put("resultString", o.failure != null ? o.failure.getMessage() : o.result.summary());
        }
        return out;
    }

    private record Outcome(IngestResult result, AdlensException failure) {
    }

    /** Every event on the pool at once (a batch is small), outcomes in event order. */
    private List<Outcome> runAll(List<ObjectEvent> events, LongSupplier remaining) {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            OrderedFanOut.run(events, pool, Math.max(1, events.size()), e -> guarded(e, remaining), outcomes::add);
        } catch (Exception interrupted) { // guarded() returns every failure, so only an interrupt gets here
            Thread.currentThread().interrupt();
            while (outcomes.size() < events.size()) {
                outcomes.add(new Outcome(null, new AdlensException(ErrorCode.DEADLINE_EXCEEDED, "interrupted")));
            }
        }
        return outcomes;
    }

    /** ObjectIngest returns outcomes for input problems; anything else is a defect: retried, then the DLQ. */
    private Outcome guarded(ObjectEvent e, LongSupplier remaining) {
        try {
            return task(e, remaining).call();
        } catch (Exception | Error defect) {
            return new Outcome(null, new AdlensException(ErrorCode.INTERNAL_ERROR, String.valueOf(defect), defect));
        }
    }

    private Callable<Outcome> task(ObjectEvent e, LongSupplier remaining) {
        return () -> {
            if (remaining.getAsLong() < minRemainingMillis) {
                LOG.atWarn().addKeyValue("image", e.ref().uri()).log("deadline: handed back for retry");
                return new Outcome(null, new AdlensException(ErrorCode.DEADLINE_EXCEEDED, "less than "
                        + minRemainingMillis + " ms of the invocation left"));
            }
            try {
                // the reserve keeps time to record the outcome (a FAILED item) after a labeling cut short
                IngestResult r = ingest.ingest(e.ref(), e.eventTime(),
                        Deadline.in(remaining.getAsLong()).minusMillis(RECORD_RESERVE_MILLIS));
                LOG.atInfo().addKeyValue("image", e.ref().uri()).addKeyValue("disposition", r.disposition())
                        .addKeyValue("code", r.code()).addKeyValue("ms", r.millis()).log("ingested");
                observer.accept(r);
                return new Outcome(r, null);
            } catch (AdlensException ex) {
                LOG.atWarn().addKeyValue("image", e.ref().uri()).addKeyValue("code", ex.code())
                        .log("transient failure, will be retried: {}", ex.getMessage());
                return new Outcome(null, ex);
            }
        };
    }
}
