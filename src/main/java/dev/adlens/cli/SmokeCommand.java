package dev.adlens.cli;

import dev.adlens.aws.AwsSettings;
import dev.adlens.smoke.Smoke;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The post-deploy check of docs/deploy.md ({@link Smoke}). Credentials always come from the SDK's default chain, as a
 * deployer's own do; the endpoint options point the S3 and DynamoDB parts at the local stand-ins.
 */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = {"Check a deployed stack: a SigV4-signed POST /v1/labels of a sample ad, and the sample uploaded "
                + "to the bucket, read back LABELED from the table, then deleted (docs/deploy.md).",
                "Exit 0 when every step passed; 1 with a line per failed step. Credentials: the SDK's default chain."})
final class SmokeCommand implements Callable<Integer> {
    @Option(names = "--api", required = true, paramLabel = "URL", description = "the stack's ApiUrl output")
    URI api;

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "the stack's Bucket output")
    String bucket;

    @Option(names = "--table", paramLabel = "TABLE", description = "the stack's Table output (default: ${DEFAULT-VALUE})")
    String table = "adlens-labels";

    // no ${DEFAULT-VALUE} in these two: the help (kept in docs/cli-help/) must not depend on the environment
    @Option(names = "--region", description = "the stack's region (default: the one in the API's URL, else "
            + "AWS_REGION, else us-east-1)")
    Optional<String> region;

    @Option(names = "--sample", paramLabel = "JPEG", description = "the ad to send (default: this checkout's "
            + "samples/travel-skyline-safari.jpg)")
    Optional<Path> sample;

    @Option(names = "--timeout", description = "seconds the table may take to hold the upload's labels "
            + "(default: ${DEFAULT-VALUE})")
    int timeoutSeconds = 180;

    @Option(names = "--endpoint-s3", paramLabel = "URL", description = "S3 endpoint instead of AWS's (path-style; "
            + "e.g. `adlens dev`'s S3Proxy)")
    Optional<URI> s3Endpoint;

    @Option(names = "--endpoint-dynamodb", paramLabel = "URL", description = "DynamoDB endpoint instead of AWS's")
    Optional<URI> dynamodbEndpoint;

    @Override
    public Integer call() throws Exception {
        // a signature scoped to another region is refused with a bare 403: the URL's own region is the safe default
        String region = this.region.or(() -> regionOf(api)).or(() -> Optional.ofNullable(System.getenv("AWS_REGION")))
                .orElse(AwsSettings.DEFAULT_REGION);
        Path sample = this.sample.orElse(Path.of(System.getenv().getOrDefault("ADLENS_HOME", "."), "samples",
                "travel-skyline-safari.jpg"));
        if (!Files.isReadable(sample)) {
            System.err.println("adlens smoke: cannot read the sample ad " + sample + " (--sample)");
            return 2;
        }
        AwsSettings defaults = AwsSettings.defaultChain(region);
        AwsSettings aws = new AwsSettings(region, s3Endpoint, dynamodbEndpoint, Optional.empty(), Optional.empty(),
                defaults.maxAttempts(), defaults.apiCallTimeout());
        Smoke smoke = new Smoke(api, bucket, table, aws, DefaultCredentialsProvider.builder().build(),
                Files.readAllBytes(sample), Duration.ofSeconds(timeoutSeconds));
        long failed = smoke.run(step -> System.out.println(step.line())).stream().filter(s -> !s.ok()).count();
        if (failed > 0) {
            System.err.println("adlens smoke: " + failed + " step(s) failed");
            return 1;
        }
        return 0;
    }

    /** The region of an API Gateway URL (https://ID.execute-api.REGION.amazonaws.com[.cn]); empty for any other. */
    static Optional<String> regionOf(URI api) {
        var m = Pattern.compile("[a-z0-9]+\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?")
                .matcher(String.valueOf(api.getHost()));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
