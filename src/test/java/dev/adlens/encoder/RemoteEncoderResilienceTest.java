package dev.adlens.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.TestModels;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.serve.DynamicBatcher;
import dev.adlens.serve.EncoderServer;
import dev.adlens.time.Deadline;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.VisualFeatures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The documented retry/fallback behaviour against real HTTP peers on loopback: a closed port, a server that stalls,
 * one that answers 503 a few times, one that answers garbage, and serve-encoders itself for the good path.
 * Never a wrong label: every answer is either the local model's features or a typed failure.
 */
@IntegrationTest
class RemoteEncoderResilienceTest {
    static OnnxModel model;
    static LocalOnnxVisualEncoder local;
    static EncoderServer good;
    static RgbImage image;
    static VisualFeatures expected;
    static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(1500));

    @BeforeAll
    static void start() throws Exception {
        model = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
        local = new LocalOnnxVisualEncoder(model);
        good = new EncoderServer(new InetSocketAddress("127.0.0.1", 0), new DynamicBatcher(local::run, 4, 1000, 16),
                local.contract(), "onnxruntime_onnx", 4, 4, 30_000);
        good.start();
        image = new ImageDecoder(ImageLimits.DEFAULT).decode(TestImages.read(TestImages.ads().get(0))).image();
        expected = local.encode(List.of(image)).get(0);
    }

    @AfterAll
    static void stop() throws Exception {
        good.close();
        model.close();
    }

    /** A peer answering each request (numbered from 0) with the status the function gives; 200 means garbage. */
    static HttpServer fake(AtomicInteger requests, IntUnaryOperator status, long delayMs) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        s.createContext("/", ex -> {
            int n = requests.getAndIncrement();
            ex.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"error\":\"model is overloaded\"} and then some".getBytes();
            int code = status.applyAsInt(n);
            if (code == 200) {
                ex.getResponseHeaders().add("Inference-Header-Content-Length", "7");
            }
            ex.sendResponseHeaders(code, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        s.start();
        return s;
    }

    /** Passes a request on to the real serve-encoders (binary header both ways when present) and answers with its reply. */
    static void forwardToGood(HttpExchange ex, byte[] body) throws IOException {
        String header = "Inference-Header-Content-Length";
        var req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + good.port() + ex.getRequestURI()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (ex.getRequestHeaders().getFirst(header) != null) {
            req.header(header, ex.getRequestHeaders().getFirst(header));
        }
        try {
            var resp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            resp.headers().firstValue(header).ifPresent(v -> ex.getResponseHeaders().add(header, v));
            ex.sendResponseHeaders(resp.statusCode(), resp.body().length);
            ex.getResponseBody().write(resp.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    static RemoteVisualEncoder remote(URI url) {
        return remote(url, Duration.ofMillis(500));
    }

    /**
     * For the tests that forward to the real encoder server and count requests: an attempt may take as long as the
     * real model takes on a busy machine, so that a slow answer is not retried and counted as a protocol step.
     */
    static RemoteVisualEncoder forwarding(URI url) {
        return remote(url, Duration.ofSeconds(20));
    }

    static RemoteVisualEncoder remote(URI url, Duration attemptTimeout) {
        return new RemoteVisualEncoder(local.contract(), new KServeHttpTransport(url, "visual", attemptTimeout), FAST,
                true);
    }

    static URI url(HttpServer s) {
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
    }

    static void assertIsLocal(VisualFeatures f) {
        assertThat(f.global()).containsExactly(expected.global());
    }

    @Test
    void endpointDownFallsBackInAutoAndFailsRetryablyInRemote() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RemoteVisualEncoder r = remote(URI.create("http://127.0.0.1:" + port));
        DispatchingVisualEncoder auto = new DispatchingVisualEncoder(EncoderMode.AUTO, r, local,
                new CircuitBreaker(3, Duration.ofSeconds(30), Clock.systemUTC()));
        assertIsLocal(auto.encode(List.of(image)).get(0));
        assertThat(auto.stats().fallback()).isEqualTo(1);

        DispatchingVisualEncoder only = new DispatchingVisualEncoder(EncoderMode.REMOTE, r, null,
                new CircuitBreaker(3, Duration.ofSeconds(30), Clock.systemUTC()));
        assertThatThrownBy(() -> only.encode(List.of(image))).isInstanceOfSatisfying(AdlensException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENCODER_UNAVAILABLE);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("3 attempts failed");
        });
    }

    @Test
    void overloadedThenHealthyIsRetriedWithBackoffAndServedRemotely() throws Exception {
        // two refusals (503, 429), then forwarded to the real server
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        AtomicInteger seen = new AtomicInteger();
        proxy.createContext("/", ex -> {
            int n = seen.getAndIncrement();
            if (n < 2) {
                ex.getRequestBody().readAllBytes();
                ex.sendResponseHeaders(n == 0 ? 503 : 429, -1);
                ex.close();
                return;
            }
            forwardToGood(ex, ex.getRequestBody().readAllBytes());
        });
        proxy.start();
        try {
            DispatchingVisualEncoder auto = new DispatchingVisualEncoder(EncoderMode.AUTO, forwarding(url(proxy)), local,
                    new CircuitBreaker(3, Duration.ofSeconds(30), Clock.systemUTC()));
            VisualFeatures f = auto.encode(List.of(image)).get(0);
            assertThat(seen.get()).isEqualTo(3);
            assertThat(auto.stats().remote()).isEqualTo(1);
            assertThat(auto.stats().fallback()).isZero();
            assertThat(f.global()[0]).isCloseTo(expected.global()[0], Offset.offset(1e-3f));
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void anEndpointWithoutTheBinaryExtensionGetsJsonTensors() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        HttpServer jsonOnly = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        jsonOnly.createContext("/", ex -> {
            seen.incrementAndGet();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (ex.getRequestHeaders().getFirst("Inference-Header-Content-Length") != null) {
                byte[] err = "{\"error\":\"binary tensor data is not supported\"}".getBytes();
                ex.sendResponseHeaders(400, err.length);
                ex.getResponseBody().write(err);
                ex.close();
                return;
            }
            forwardToGood(ex, body);
        });
        jsonOnly.start();
        try {
            RemoteVisualEncoder r = forwarding(url(jsonOnly));
            VisualFeatures f = r.encode(List.of(image)).get(0);
            assertThat(seen.get()).isEqualTo(2); // refused binary, then JSON
            assertThat(r.binary()).isFalse();
            assertThat(f.global()[7]).isCloseTo(expected.global()[7], Offset.offset(1e-3f));
            r.encode(List.of(image));
            assertThat(seen.get()).isEqualTo(3); // JSON straight away from now on
        } finally {
            jsonOnly.stop(0);
        }
    }

    @Test
    void aStalledEndpointTimesOutPerAttemptAndWithinTheDeadline() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer stalled = fake(requests, n -> 503, 5_000);
        try {
            RemoteVisualEncoder r = remote(url(stalled));
            long start = System.nanoTime();
            // 4.5 s left, 2 s kept back: at most 2.5 s of attempts (each capped at 1.5 s) instead of 3 x 5 s
            assertThatThrownBy(() -> r.encode(List.of(image), Deadline.in(4_500)))
                    .isInstanceOfSatisfying(AdlensException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.ENCODER_UNAVAILABLE));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3_500));
        } finally {
            stalled.stop(0);
        }
    }

    @Test
    void anEndpointThatRefusesTheRequestIsAConfigurationErrorNotRetried() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer refusing = fake(requests, n -> 404, 0); // e.g. a wrong model name in the URL
        try {
            RemoteVisualEncoder r = remote(url(refusing));
            assertThatThrownBy(() -> r.encode(List.of(image))).isInstanceOfSatisfying(AdlensException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.ENCODER_REJECTED);
                assertThat(e.retryable()).isFalse(); // the queue must not walk every message to the DLQ for it
            });
            assertThat(requests.get()).isEqualTo(1);
        } finally {
            refusing.stop(0);
        }
    }

    @Test
    void garbageAnswersAreFailuresNeverLabels() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer garbage = fake(requests, n -> 200, 0);
        try {
            RemoteVisualEncoder r = remote(url(garbage));
            assertThatThrownBy(() -> r.encode(List.of(image))).isInstanceOfSatisfying(AdlensException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.ENCODER_UNAVAILABLE);
                assertThat(e.getMessage()).contains("malformed response");
            });
            assertThat(requests.get()).isEqualTo(1); // not retried: a garbage answer will not improve
            DispatchingVisualEncoder auto = new DispatchingVisualEncoder(EncoderMode.AUTO, r, local,
                    new CircuitBreaker(3, Duration.ofSeconds(30), Clock.systemUTC()));
            assertIsLocal(auto.encode(List.of(image)).get(0));
        } finally {
            garbage.stop(0);
        }
    }

    @Test
    void theBreakerOpensStopsCallingAndRecoversAfterATrial() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer bad = fake(requests, n -> 404, 0); // not retryable: one request per call
        MutableClock clock = new MutableClock();
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        try {
            DispatchingVisualEncoder auto = new DispatchingVisualEncoder(EncoderMode.AUTO, remote(url(bad)), local,
                    breaker);
            auto.encode(List.of(image));
            auto.encode(List.of(image));
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
            auto.encode(List.of(image));
            auto.encode(List.of(image));
            assertThat(requests.get()).isEqualTo(2); // open: the endpoint is left alone
            assertThat(auto.stats().local()).isEqualTo(2);
            assertThat(auto.stats().fallback()).isEqualTo(2);

            clock.advance(Duration.ofSeconds(31));
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
            DispatchingVisualEncoder recovered = new DispatchingVisualEncoder(EncoderMode.AUTO, remote(URI.create(
                    "http://127.0.0.1:" + good.port())), local, breaker);
            recovered.encode(List.of(image));
            assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
            assertThat(recovered.stats().remote()).isEqualTo(1);
        } finally {
            bad.stop(0);
        }
    }

    @Test
    void autoWithAMismatchedEndpointStartsOnLocal() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer wrong = fake(requests, n -> 404, 0);
        try {
            EncoderSettings s = new EncoderSettings(EncoderMode.AUTO, Optional.of(url(wrong)),
                    Optional.empty(), Optional.empty(), "us-east-1", "visual", true, FAST, 3,
                    Duration.ofSeconds(30));
            DispatchingVisualEncoder d = (DispatchingVisualEncoder) Encoders.visual(s, local);
            assertThat(d.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
            assertIsLocal(d.encode(List.of(image)).get(0));
            assertThat(d.stats().local()).isEqualTo(1);
        } finally {
            wrong.stop(0);
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-11-26T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
