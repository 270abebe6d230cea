package dev.adlens.encoder;

import dev.adlens.text.LocalOnnxTextEncoder;
import dev.adlens.text.TextEncoder;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.VisualEncoder;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * Where the heavy encoders run, from {@link EncoderSettings}: the local encoder itself, or a dispatcher over a KServe v2
 * or SageMaker endpoint with the local one as fallback and a breaker checked against the endpoint at start. The
 * composition root ({@code app.Adlens}) asks; this room decides.
 */
public final class Encoders {
    private static final Logger LOG = LoggerFactory.getLogger(Encoders.class);

    private static final Duration CONNECT = Duration.ofSeconds(2);

    /**
     * Local itself (LOCAL, or AUTO with no endpoint), or a {@link DispatchingVisualEncoder} over a KServe v2 or
     * SageMaker endpoint with the local encoder as fallback.
     *
     * @throws IllegalArgumentException REMOTE without an endpoint
     */
    public static VisualEncoder visual(EncoderSettings e, LocalOnnxVisualEncoder local) {
        if (e.mode() == EncoderMode.LOCAL || (e.mode() == EncoderMode.AUTO && !e.configured())) {
            return local;
        }
        if (!e.configured()) {
            throw new IllegalArgumentException("encoder mode REMOTE needs an endpoint URL or SageMaker endpoint name");
        }
        InferenceTransport transport = e.url().isPresent()
                ? new KServeHttpTransport(e.url().get(), e.model(), CONNECT)
                : new SageMakerTransport(e.sageMakerRuntime().orElse(SageMakerTransport.runtimeFor(e.region())),
                e.region(), e.sageMakerEndpoint().get(), DefaultCredentialsProvider.builder().build(), CONNECT);
        RemoteVisualEncoder remote = new RemoteVisualEncoder(local.contract(), transport, e.retry(), e.binary());
        return new DispatchingVisualEncoder(e.mode(), remote, local,
                breakerAfterStartCheck(e, "visual", transport, remote::checkMetadata));
    }

    /**
     * The same mode against the same KServe endpoint (model {@code text}), with its own breaker. A SageMaker endpoint
     * serves the visual model only: text stays local there (it costs ~5 ms per ad on a CPU).
     */
    public static TextEncoder text(EncoderSettings e, LocalOnnxTextEncoder local) {
        if (e.mode() == EncoderMode.LOCAL || e.url().isEmpty()) {
            if (e.mode() == EncoderMode.REMOTE && e.sageMakerEndpoint().isEmpty()) {
                throw new IllegalArgumentException("encoder mode REMOTE needs an endpoint URL or SageMaker endpoint name");
            }
            return local;
        }
        KServeHttpTransport transport = new KServeHttpTransport(e.url().get(), EncoderSettings.TEXT_MODEL, CONNECT);
        RemoteTextEncoder remote = new RemoteTextEncoder(local.contract(), transport, e.retry(), e.binary());
        return new DispatchingTextEncoder(e.mode(), remote, local,
                breakerAfterStartCheck(e, "text", transport, remote::checkMetadata));
    }

    /** A remote encoder's contract check against the endpoint's metadata. */
    private interface MetadataCheck {
        void check(Duration timeout) throws Exception;
    }

    /**
     * A fresh breaker; in AUTO the endpoint's health and metadata are checked once, and an unusable endpoint starts
     * with the breaker open (local serves, a trial call later re-checks).
     */
    private static CircuitBreaker breakerAfterStartCheck(EncoderSettings e, String what, InferenceTransport transport,
                                                         MetadataCheck metadata) {
        CircuitBreaker breaker = new CircuitBreaker(e.breakerFailures(), e.breakerOpen(), Clock.systemUTC());
        if (e.mode() == EncoderMode.AUTO) {
            try {
                if (!transport.ready(CONNECT)) {
                    throw new IllegalStateException("not ready");
                }
                metadata.check(CONNECT);
            } catch (Exception ex) {
                LOG.atWarn().addKeyValue("endpoint", transport.describe())
                        .log("{} endpoint unusable at start ({}); local encoder serves until it recovers", what,
                                ex.getMessage());
                breaker.trip();
            }
        }
        return breaker;
    }

    private Encoders() {}
}
