package dev.adlens.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adlens.encoder.Dispatcher;
import dev.adlens.encoder.DispatchingVisualEncoder;
import dev.adlens.ingest.Disposition;
import dev.adlens.ingest.DispositionCounts;
import dev.adlens.ingest.TriggerProcessor;
import dev.adlens.app.Adlens;
import dev.adlens.trigger.TriggerParser;
import dev.adlens.visual.VisualEncoder;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The labeling function ({@code QUARKUS_LAMBDA_HANDLER=s3}): S3 notifications, SQS-wrapped ones, EventBridge
 * "Object Created" and S3 Batch Operations, told apart by {@link TriggerParser}. Also what {@code adlens dev} calls.
 */
@Named("s3")
public class S3Handler implements RequestHandler<JsonNode, JsonNode> {
    private final Supplier<TriggerProcessor> processor;
    private final DispositionCounts counts;
    private final Consumer<String> metricsSink;
    private final Supplier<Map<String, Long>> encoderPaths;

    /**
     * @param counts       the processor's observer: read and reset after each invocation for the metrics line
     * @param metricsSink  where the EMF line goes (stdout in Lambda, where CloudWatch picks it up)
     * @param encoderPaths images per visual-encoder path since the last call (empty for the local encoder)
     */
    public S3Handler(TriggerProcessor processor, DispositionCounts counts, Consumer<String> metricsSink,
                     Supplier<Map<String, Long>> encoderPaths) {
        this.processor = () -> processor;
        this.counts = counts;
        this.metricsSink = metricsSink;
        this.encoderPaths = encoderPaths;
    }

    /**
     * The function's: the processor and the pipeline under it are built in the first invocation (then kept, as
     * singletons), so that a failure to build them, Errors included, is that invocation's error
     * ({@link FunctionFailure}).
     */
    @Inject
    S3Handler(Instance<TriggerProcessor> processor, DispositionCounts counts, Instance<Adlens> adlens) {
        this.processor = processor::get;
        this.counts = counts;
        this.metricsSink = System.out::println;
        this.encoderPaths = () -> encoderPaths(adlens.get().visual()).get();
    }

    /** VisualRemote / VisualFallback / VisualLocal / VisualFailed deltas when the encoder dispatches. */
    public static Supplier<Map<String, Long>> encoderPaths(VisualEncoder visual) {
        if (!(visual instanceof DispatchingVisualEncoder d)) {
            return Map::of;
        }
        return () -> {
            Dispatcher.Stats s = d.takeStats();
            return Map.of("VisualRemote", s.remote(), "VisualFallback", s.fallback(), "VisualLocal", s.local(),
                    "VisualFailed", s.failed());
        };
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        return FunctionFailure.guard(() -> handle(processor.get(), event, context));
    }

    private JsonNode handle(TriggerProcessor p, JsonNode event, Context context) {
        try {
            return p.process(TriggerParser.parse(event), () -> remainingMillis(context));
        } finally {
            Map<String, Long> metrics = new LinkedHashMap<>();
            counts.takeAndReset().forEach((d, n) -> metrics.put(metricName(d), n));
            metrics.putAll(encoderPaths.get());
            metricsSink.accept(EmfMetrics.line("s3", metrics, System.currentTimeMillis()));
        }
    }

    /** LABELED → "Labeled", … (CloudWatch metric names). */
    static String metricName(Disposition d) {
        String n = d.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /**
     * Lambda always sends a deadline; harnesses without one (Quarkus's mock event server, which reports a huge negative
     * remainder) get no deadline rather than an instant timeout.
     */
    static long remainingMillis(Context context) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        return remaining <= 0 && (context == null || remaining < -86_400_000L) ? Long.MAX_VALUE : remaining;
    }
}
