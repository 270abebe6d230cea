package dev.adlens.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.adlens.ingest.TriggerProcessor;
import dev.adlens.trigger.TriggerParser;
import jakarta.inject.Named;

/**
 * The labeling function ({@code QUARKUS_LAMBDA_HANDLER=s3}): S3 notifications, SQS-wrapped ones, EventBridge
 * "Object Created" and S3 Batch Operations, told apart by {@link TriggerParser}. Also what {@code adlens dev} calls.
 */
@Named("s3")
public class S3Handler implements RequestHandler<JsonNode, JsonNode> {
    private final TriggerProcessor processor;

    public S3Handler(TriggerProcessor processor) {
        this.processor = processor;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        return processor.process(TriggerParser.parse(event), () -> remainingMillis(context));
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
