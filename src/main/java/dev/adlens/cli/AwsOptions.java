package dev.adlens.cli;

import dev.adlens.aws.AwsSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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
            return new AwsSettings(System.getenv().getOrDefault("AWS_REGION", "us-east-1"), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 3, Duration.ofSeconds(10));
        }
        Path env = state.resolve("env");
        awaitReady(state.resolve(DevCommand.READY), Duration.ofSeconds(120));
        if (!Files.isRegularFile(env)) {
            throw new IllegalStateException("no local stack at " + state + ": start `adlens dev` first (or pass --aws)");
        }
        Map<String, String> values = new HashMap<>();
        try {
            for (String line : Files.readAllLines(env, StandardCharsets.UTF_8)) {
                String[] kv = line.split("=", 2);
                if (kv.length == 2) {
                    values.put(kv[0], kv[1]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + env, e);
        }
        return AwsSettings.local(values.get("ADLENS_S3_ENDPOINT"), values.get("ADLENS_DYNAMODB_ENDPOINT"));
    }
}
