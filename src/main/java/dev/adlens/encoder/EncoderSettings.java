package dev.adlens.encoder;

import dev.adlens.aws.AwsSettings;
import dev.adlens.time.Durations;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how the heavy encoders run; one record for the CLI options and the Quarkus config alike (data only:
 * {@code app.Adlens} builds the transports, breakers and dispatchers from it).
 *
 * @param url               a KServe v2 base URL (Triton, serve-encoders), e.g. http://gpu-host:8000
 * @param sageMakerEndpoint a SageMaker endpoint name hosting Triton (used when {@code url} is empty)
 * @param sageMakerRuntime  override of the SageMaker runtime URL (tests, VPC endpoints)
 */
public record EncoderSettings(EncoderMode mode, Optional<URI> url, Optional<String> sageMakerEndpoint,
                              Optional<URI> sageMakerRuntime, String region, String model, boolean binary,
                              RetryPolicy retry, int breakerFailures, Duration breakerOpen) {
    /** The defaults, each spelled once as configuration spells it (AdlensConfig's @WithDefault names these). */
    public static final String DEFAULT_ATTEMPTS = "3";
    public static final String DEFAULT_BACKOFF = "100ms";
    public static final String DEFAULT_ATTEMPT_TIMEOUT = "10s";
    public static final String DEFAULT_BREAKER_FAILURES = "3";
    public static final String DEFAULT_BREAKER_OPEN = "30s";
    public static final String DEFAULT_MODEL = "visual";
    /** The longest backoff between attempts (not configurable). */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    public static EncoderSettings local() {
        return new EncoderSettings(EncoderMode.LOCAL, Optional.empty(), Optional.empty(), Optional.empty(),
                AwsSettings.DEFAULT_REGION, DEFAULT_MODEL, true, defaultRetry(),
                Integer.parseInt(DEFAULT_BREAKER_FAILURES), Durations.parse(DEFAULT_BREAKER_OPEN));
    }

    /** {@code mode} against the KServe v2 endpoint at {@code url}, with the default retries and breaker. */
    public static EncoderSettings endpoint(EncoderMode mode, URI url) {
        EncoderSettings d = local();
        return new EncoderSettings(mode, Optional.of(url), Optional.empty(), Optional.empty(), d.region(), d.model(),
                true, d.retry(), d.breakerFailures(), d.breakerOpen());
    }

    public static RetryPolicy defaultRetry() {
        return new RetryPolicy(Integer.parseInt(DEFAULT_ATTEMPTS), Durations.parse(DEFAULT_BACKOFF), MAX_BACKOFF,
                Durations.parse(DEFAULT_ATTEMPT_TIMEOUT));
    }

    public boolean configured() {
        return url.isPresent() || sageMakerEndpoint.isPresent();
    }

    /** The KServe model name of text.onnx (models/triton/text). */
    public static final String TEXT_MODEL = "text";
}
