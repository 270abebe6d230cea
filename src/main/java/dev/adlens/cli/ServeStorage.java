package dev.adlens.cli;

import dev.adlens.api.Problem;
import dev.adlens.aws.AwsClients;
import dev.adlens.aws.AwsSettings;
import dev.adlens.aws.LocalStack;
import dev.adlens.bucket.ImageBucket;
import dev.adlens.bucket.ImageRef;
import dev.adlens.bucket.ObjectMeta;
import dev.adlens.bucket.S3ImageBucket;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.store.LabelRecord;
import dev.adlens.store.LabelStore;
import dev.adlens.store.LabelTable;
import dev.adlens.store.Page;
import dev.adlens.store.WriteResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bucket and the table of `adlens serve`: `adlens dev`'s local stack, looked up in its state directory at each
 * call, so that serve and dev start in either order and a restarted dev (new ports) is followed; or real AWS
 * ({@code --aws}). With no dev running, every call here is a 503 that says how to start it: labeling an uploaded image
 * without store=true never comes here.
 */
final class ServeStorage implements LabelStore, ImageBucket, AutoCloseable {
    private record Attached(S3ImageBucket bucket, LabelTable table) {
    }

    private final Path state; // null: real AWS
    private final AwsSettings aws;
    private final String table;
    /** Every client made, closed at the end: a request in flight may still hold the previous stack's. */
    private final List<AutoCloseable> clients = new ArrayList<>();
    private Attached attached;
    private String attachedEnv;

    private ServeStorage(Path state, AwsSettings aws, String table) {
        this.state = state;
        this.aws = aws;
        this.table = table;
    }

    /** `adlens dev`'s stack under {@code state}, whenever it runs. */
    static ServeStorage dev(Path state, String table) {
        return new ServeStorage(state, null, table);
    }

    /** Real AWS: the default credentials chain of whoever runs the server. */
    static ServeStorage aws(AwsSettings aws, String table) {
        return new ServeStorage(null, aws, table);
    }

    /** Whether a call would find storage now (for the start banner). */
    boolean available() {
        return state == null || (DevState.ready(state).isPresent() && DevState.hasStack(state));
    }

    private synchronized Attached attached() {
        if (state == null) {
            if (attached == null) {
                attached = connect(aws);
            }
            return attached;
        }
        String env = null;
        try {
            env = DevState.ready(state).isPresent() ? Files.readString(state.resolve("env")) : null;
        } catch (IOException e) {
            // no env file: dev is starting or gone, as good as not running
        }
        if (env == null) {
            // a Problem, not a retryable AdlensException: the API keeps those details in its log (right for a deployed
            // API), and the developer at this machine needs to read what to do
            throw Problem.of(ErrorCode.STORAGE_UNAVAILABLE, "no local stack: `adlens dev` is not running with --state "
                    + state + "; start it (./adlens dev &) for store=true, s3Uri and the stored labels (labeling an"
                    + " uploaded image needs no storage)");
        }
        if (!env.equals(attachedEnv)) {
            attached = connect(LocalStack.attach(state));
            attachedEnv = env;
        }
        return attached;
    }

    private Attached connect(AwsSettings settings) {
        var s3 = AwsClients.s3(settings);
        clients.add(s3);
        var dynamo = AwsClients.dynamo(settings);
        clients.add(dynamo);
        return new Attached(new S3ImageBucket(s3), new LabelTable(dynamo, table));
    }

    @Override
    public ObjectMeta head(ImageRef ref) throws AdlensException {
        return attached().bucket().head(ref);
    }

    @Override
    public byte[] read(ImageRef ref, ObjectMeta meta, long maxBytes) throws AdlensException {
        return attached().bucket().read(ref, meta, maxBytes);
    }

    @Override
    public WriteResult put(LabelRecord r) throws AdlensException {
        return attached().table().put(r);
    }

    @Override
    public Optional<LabelRecord> find(String bucket, String key) throws AdlensException {
        return attached().table().find(bucket, key);
    }

    @Override
    public Page byTopic(String topic, int limit, String nextToken, String viewer) throws AdlensException {
        return attached().table().byTopic(topic, limit, nextToken, viewer);
    }

    @Override
    public Page bySentiment(String sentiment, int limit, String nextToken, String viewer) throws AdlensException {
        return attached().table().bySentiment(sentiment, limit, nextToken, viewer);
    }

    @Override
    public Page byCategory(String category, int limit, String nextToken, String viewer) throws AdlensException {
        return attached().table().byCategory(category, limit, nextToken, viewer);
    }

    @Override
    public Page byVerdict(String verdict, int limit, String nextToken, String viewer) throws AdlensException {
        return attached().table().byVerdict(verdict, limit, nextToken, viewer);
    }

    @Override
    public synchronized void close() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        clients.clear();
    }
}
