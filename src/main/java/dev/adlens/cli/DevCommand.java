package dev.adlens.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.LocalStack;
import dev.adlens.bucket.S3ImageBucket;
import dev.adlens.ingest.DispositionCounts;
import dev.adlens.ingest.ObjectIngest;
import dev.adlens.ingest.TriggerProcessor;
import dev.adlens.lambda.LocalContext;
import dev.adlens.lambda.S3Handler;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.store.LabelTable;
import dev.adlens.trigger.S3EventJson;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The production flow on one machine: the local S3 and DynamoDB stand-ins, the bucket and the table, and the
 * function's own {@link S3Handler} invoked with S3 event JSON for every new object (S3Proxy emits no notifications,
 * so the bucket is polled).
 */
@Command(name = "dev", mixinStandardHelpOptions = true,
        description = "Run the S3 → function → DynamoDB flow locally; then `adlens put`, `get`, `query`.")
final class DevCommand implements Callable<Integer> {
    /** Written into the state directory once the bucket and table exist; `put`/`get`/`query` wait for it. */
    static final String READY = DevState.READY;

    @Mixin
    ModelOptions models;

    @Mixin
    AwsOptions aws;

    @Option(names = "--interval", description = "bucket polling interval in ms (default: ${DEFAULT-VALUE})")
    long intervalMs = 1000;

    @Override
    public Integer call() throws Exception {
        DevState.announce(aws.state); // before the stack and the models: commands started beside us wait for us
        try {
            return run();
        } finally {
            DevState.clear(aws.state);
        }
    }

    private Integer run() throws Exception {
        try (LocalStack stack = LocalStack.start(aws.state, true); // objects and labels survive a restart
             S3Client s3 = AwsClients.s3(stack.settings());
             DynamoDbClient dynamo = AwsClients.dynamo(stack.settings());
             Adlens adlens = Adlens.open(models.settings())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            try {
                s3.createBucket(b -> b.bucket(aws.bucket));
            } catch (BucketAlreadyOwnedByYouException exists) {
                // a previous run's bucket
            }
            LabelTable table = new LabelTable(dynamo, aws.table);
            table.createIfMissing();
            DispositionCounts counts = new DispositionCounts();
            S3Handler handler = new S3Handler(adlens.triggers(adlens.ingest(new S3ImageBucket(s3), table,
                    Clock.systemUTC()), AdlensSettings.DEFAULT_MIN_REMAINING, counts), counts, line -> { },
                    Map::of); // no CloudWatch here: the per-object lines say it all
            // the taxonomies too: `query --category` explains an empty answer with them
            DevState.markReady(aws.state, aws.bucket, aws.table, taxonomyIds(adlens));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> DevState.clear(aws.state)));
            System.err.printf("adlens dev: S3 %s (bucket %s), DynamoDB %s (table %s); watching. Ctrl-C stops.%n",
                    stack.s3Endpoint(), aws.bucket, stack.dynamodbEndpoint(), aws.table);
            Map<String, String> seen = new HashMap<>();
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    poll(s3, handler, seen);
                    Thread.sleep(intervalMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                Files.deleteIfExists(aws.state.resolve(READY));
            }
        }
        return 0;
    }

    /** The ids of the taxonomies this labeler labels in, in order ("id@version,…" in its versions). */
    static List<String> taxonomyIds(Adlens adlens) {
        return Arrays.stream(adlens.labeler().versions().taxonomies().split(",")).filter(t -> !t.isBlank())
                .map(t -> t.contains("@") ? t.substring(0, t.lastIndexOf('@')) : t).toList();
    }

    /**
     * One pass over the bucket: each new revision goes to the handler as the S3 notification Lambda would get. A
     * transient failure (the handler's RetryLater, S3 or DynamoDB unreachable) is logged and the object is tried again
     * on the next pass, as Lambda's retry would; it never ends the loop. After a restart every object is offered again
     * and the table's revision check answers DUPLICATE for those already labeled.
     */
    private final Settling settling = new Settling();

    private void poll(S3Client s3, S3Handler handler, Map<String, String> seen) {
        List<S3Object> objects;
        try {
            objects = s3.listObjectsV2Paginator(b -> b.bucket(aws.bucket)).contents().stream().toList();
        } catch (SdkException e) {
            // the SDK's own retries (3 attempts, jittered backoff) are spent by now: say so, the next poll tries again
            System.err.println("adlens dev: cannot list the bucket after " + e.numAttempts() + " SDK attempts, "
                    + "retrying at the next poll: " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            System.err.println("adlens dev: cannot list the bucket, retrying: " + e.getMessage());
            return;
        }
        Map<String, String> listing = new HashMap<>();
        for (S3Object o : objects) {
            // the persistent (filesystem) store lists no ETags: a revision is then its time and size
            listing.put(o.key(), (o.eTag() != null ? o.eTag() : "") + "/" + o.lastModified() + "/" + o.size());
        }
        Set<String> settled = new HashSet<>(settling.settled(listing));
        for (S3Object o : objects) {
            String revision = listing.get(o.key());
            if (revision.equals(seen.get(o.key())) || !settled.contains(o.key())) {
                continue; // labeled already, or not yet seen unchanged across two listings (an upload in progress)
            }
            JsonNode event = S3EventJson.objectCreated(aws.bucket, o.key(), o.eTag(), o.size(), Instant.now());
            try {
                JsonNode out = handler.handleRequest(event, new LocalContext(900_000));
                seen.put(o.key(), revision);
                System.out.println("s3://" + aws.bucket + "/" + o.key() + " " + out.path("results").path(0).asText());
                System.out.flush();
            } catch (RuntimeException e) {
                System.err.println("adlens dev: s3://" + aws.bucket + "/" + o.key() + " will be retried: "
                        + e.getMessage());
            }
        }
    }
}
