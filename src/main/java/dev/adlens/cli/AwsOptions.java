package dev.adlens.cli;

import dev.adlens.aws.AwsSettings;
import dev.adlens.aws.LocalStack;
import java.nio.file.Path;
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

    AwsSettings settings() {
        if (realAws) {
            return AwsSettings.defaultChain(System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        }
        // `adlens dev &` followed at once by `adlens put` is the documented demo: a dev that is starting is waited
        // for (saying so); a --state where no dev runs or is coming is said at once
        DevState.await(state, DevState.ANNOUNCE_GRACE, DevState.READY_WAIT, System.err);
        return LocalStack.attach(state);
    }
}
