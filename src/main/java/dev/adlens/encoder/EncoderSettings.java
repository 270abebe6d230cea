package dev.adlens.encoder;

import dev.adlens.text.LocalOnnxTextEncoder;
import dev.adlens.text.TextEncoder;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.VisualEncoder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Where and how visual.onnx runs; one record for the CLI options and the Quarkus config alike.
 *
 * @param url               a KServe v2 base URL (Triton, serve-encoders), e.g. http://gpu-host:8000
 * @param sageMakerEndpoint a SageMaker endpoint name hosting Triton (used when {@code url} is empty)
 * @param sageMakerRuntime  override of the SageMaker runtime URL (tests, VPC endpoints)
 */
public record EncoderSettings(EncoderMode mode, Optional<URI> url, Optional<String> sageMakerEndpoint,
                              Optional<URI> sageMakerRuntime, String region, String model, boolean binary,
                              RetryPolicy retry, int breakerFailures, Duration breakerOpen) {
    private static final Logger LOG = LoggerFactory.getLogger(EncoderSettings.class);

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

    /**
     * The visual encoder the pipeline should use, given the local one: local itself (LOCAL, or AUTO with no endpoint
     * configured), or a {@link DispatchingVisualEncoder}. AUTO checks the endpoint's health and metadata once; a
     * failing or mismatched endpoint starts with the breaker open (local serves, a trial call later re-checks).
     *
     * @throws IllegalArgumentException REMOTE without an endpoint
     */
    public Function<LocalOnnxVisualEncoder, VisualEncoder> factory() {
        return local -> {
            if (mode == EncoderMode.LOCAL || (mode == EncoderMode.AUTO && !configured())) {
                return local;
            }
            if (!configured()) {
                throw new IllegalArgumentException("encoder mode REMOTE needs an endpoint URL or SageMaker endpoint name");
            }
            Duration connect = Duration.ofSeconds(2);
            InferenceTransport transport = url.isPresent()
                    ? new KServeHttpTransport(url.get(), model, connect)
                    : new SageMakerTransport(sageMakerRuntime.orElse(SageMakerTransport.runtimeFor(region)), region,
                    sageMakerEndpoint.get(), DefaultCredentialsProvider.builder().build(), connect);
            RemoteVisualEncoder remote = new RemoteVisualEncoder(local.contract(), transport, retry, binary);
            return new DispatchingVisualEncoder(mode, remote, local,
                    breakerAfterStartCheck("visual", transport, remote::checkMetadata, connect));
        };
    }

    /**
     * The text encoder the pipeline should use, given the local one: the same mode against the same KServe endpoint
     * (model {@code text}), with its own breaker. A SageMaker endpoint serves the visual model only: text stays local
     * there (it costs ~5 ms per ad on a CPU).
     */
    public Function<LocalOnnxTextEncoder, TextEncoder> textFactory() {
        return local -> {
            if (mode == EncoderMode.LOCAL || url.isEmpty()) {
                if (mode == EncoderMode.REMOTE && sageMakerEndpoint.isEmpty()) {
                    throw new IllegalArgumentException("encoder mode REMOTE needs an endpoint URL or SageMaker endpoint name");
                }
                return local;
            }
            Duration connect = Duration.ofSeconds(2);
            KServeHttpTransport transport = new KServeHttpTransport(url.get(), TEXT_MODEL, connect);
            RemoteTextEncoder remote = new RemoteTextEncoder(local.contract(), transport, retry, binary);
            return new DispatchingTextEncoder(mode, remote, local,
                    breakerAfterStartCheck("text", transport, remote::checkMetadata, connect));
        };
    }

    /** A remote encoder's contract check against the endpoint's metadata. */
    private interface MetadataCheck {
        void check(Duration timeout) throws Exception;
    }

    /**
     * A fresh breaker; in AUTO the endpoint's health and metadata are checked once, and an unusable endpoint starts
     * with the breaker open (local serves, a trial call later re-checks).
     */
    private CircuitBreaker breakerAfterStartCheck(String what, InferenceTransport transport, MetadataCheck metadata,
                                                  Duration connect) {
        CircuitBreaker breaker = new CircuitBreaker(breakerFailures, breakerOpen, Clock.systemUTC());
        if (mode == EncoderMode.AUTO) {
            try {
                if (!transport.ready(connect)) {
                    throw new IllegalStateException("not ready");
                }
                metadata.check(connect);
            } catch (Exception e) {
                LOG.atWarn().addKeyValue("endpoint", transport.describe())
                        .log("{} endpoint unusable at start ({}); local encoder serves until it recovers", what,
                                e.getMessage());
                breaker.trip();
            }
        }
        return breaker;
    }

    /** The KServe model name of text.onnx (models/triton/text). */
    public static final String TEXT_MODEL = "text";
}
