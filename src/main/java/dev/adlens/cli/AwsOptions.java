package dev.adlens.cli;

import dev.adlens.aws.AwsSettings;
import dev.adlens.aws.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the bucket and table are: the local stack `adlens dev` started (default) or real AWS ({@code --aws}). */
public final class AwsOptions {
    @Option(names = "--state", description = "state directory of `adlens dev`'s local stack (default: ${DEFAULT-VALUE})")
    Path state = Path.of(System.getenv().getOrDefault("ADLENS_STATE",
            System.getProperty("user.home") + "/.local/state/adlens/dev"));

    @Option(names = "--bucket", description = "bucket (default: ${DEFAULT-VALUE})")
    String bucket = "ads";

    @Option(names = "--table", description = "DynamoDB table (default: ${DEFAULT-VALUE})")
    String table = "adlens-labels";

    @Option(names = "--aws", description = "use real AWS (default credentials chain and AWS_REGION) instead of the "
            + "local stack")
    boolean realAws;

    /**
     * `adlens dev &` followed at once by `adlens put` is the documented demo: wait (saying so) for dev's ready marker
     * (bucket and table created) rather than fail.
     */
    private static void awaitReady(Path ready, Duration max) {
        if (!Files.exists(ready)) {
            System.err.println("waiting for `adlens dev` to be ready (" + ready + ") ...");
        }
        long until = System.nanoTime() + max.toNanos();
        while (!Files.exists(ready) && System.nanoTime() < until) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    AwsSettings settings() {
        if (realAws) {
            return AwsSettings.defaultChain(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        }
        awaitReady(state.resolve(DevCommand.READY), Duration.ofSeconds(120));
        if (!Files.isRegularFile(state.resolve("env"))) {
            throw new IllegalStateException("no local stack at " + state + ": start `adlens dev` first (or pass --aws)");
        }
        return LocalStack.attach(state);
    }
}
