package dev.adlens.encoder;

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
    public static EncoderSettings local() {
        return new EncoderSettings(EncoderMode.LOCAL, Optional.empty(), Optional.empty(), Optional.empty(), "us-east-1",
                "visual", true, defaultRetry(), 3, Duration.ofSeconds(30));
    }

    /** {@code mode} against the KServe v2 endpoint at {@code url}, with the default retries and breaker. */
    public static EncoderSettings endpoint(EncoderMode mode, URI url) {
        EncoderSettings d = local();
        return new EncoderSettings(mode, Optional.of(url), Optional.empty(), Optional.empty(), d.region(), d.model(),
                true, d.retry(), d.breakerFailures(), d.breakerOpen());
    }

    public static RetryPolicy defaultRetry() {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    public boolean configured() {
        return url.isPresent() || sageMakerEndpoint.isPresent();
    }

    /** The KServe model name of text.onnx (models/triton/text). */
    public static final String TEXT_MODEL = "text";
}
