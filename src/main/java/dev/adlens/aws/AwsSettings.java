package dev.adlens.aws;

import dev.adlens.time.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * @param s3Endpoint      override for S3 (S3Proxy locally); path-style addressing is then used
 * @param accessKeyId     static credentials for local stand-ins only; empty: the SDK's default chain (Lambda role)
 * @param maxAttempts     SDK attempts per call (standard retry mode: throttling and 5xx, jittered backoff)
 * @param apiCallTimeout  whole call including retries; attempts are bounded by half of it
 */
public record AwsSettings(String region, Optional<URI> s3Endpoint, Optional<URI> dynamodbEndpoint,
                          Optional<String> accessKeyId, Optional<String> secretAccessKey, int maxAttempts,
                          Duration apiCallTimeout) {
    /** The defaults, each spelled once as configuration spells it (AdlensConfig's @WithDefault names these). */
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_MAX_ATTEMPTS = "3";
    public static final String DEFAULT_API_CALL_TIMEOUT = "10s";

    /** Real AWS: the SDK's default credentials chain (the function's role), default retries and timeout. */
    public static AwsSettings defaultChain(String region) {
        return new AwsSettings(region, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Integer.parseInt(DEFAULT_MAX_ATTEMPTS), Durations.parse(DEFAULT_API_CALL_TIMEOUT));
    }

    /** The local stack's settings as `local-aws start` writes them to its env file (and the environment). */
    public static AwsSettings local(String s3Endpoint, String dynamodbEndpoint) {
        return new AwsSettings(DEFAULT_REGION, Optional.of(URI.create(s3Endpoint)), Optional.of(URI.create(dynamodbEndpoint)),
                Optional.of("adlens-local"), Optional.of("adlens-local-secret"), Integer.parseInt(DEFAULT_MAX_ATTEMPTS),
                Durations.parse(DEFAULT_API_CALL_TIMEOUT));
    }
}
