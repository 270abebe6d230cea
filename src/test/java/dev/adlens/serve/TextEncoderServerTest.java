package dev.adlens.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.IntegrationTest;
import dev.adlens.TestModels;
import dev.adlens.encoder.CircuitBreaker;
import dev.adlens.encoder.DispatchingTextEncoder;
import dev.adlens.encoder.EncoderMode;
import dev.adlens.encoder.KServeHttpTransport;
import dev.adlens.encoder.RemoteTextEncoder;
import dev.adlens.encoder.RetryPolicy;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.text.LocalTextModel;
import dev.adlens.text.TokenizedText;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.words.WordSequence;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The text model on serve-encoders over real HTTP with the real text.onnx; the remote client as its peer. */
@IntegrationTest
class TextEncoderServerTest {
    static OnnxModel visualModel;
    static LocalTextModel text;
    static EncoderServer server;
    static URI base;
    static final RetryPolicy RETRY = new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5));
    static final List<String> AD = List.of("ALL", "EPISODES", "NOW", "STREAMING", "on", "peacock.com");

    @BeforeAll
    static void start() throws Exception {
        visualModel = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(1));
        LocalOnnxVisualEncoder visual = new LocalOnnxVisualEncoder(visualModel);
        text = LocalTextModel.open(TestModels.dir(), 1, 40);
        server = new EncoderServer(new InetSocketAddress("127.0.0.1", 0), new DynamicBatcher(visual::run, 4, 1000, 8),
                visual.contract(), "onnxruntime_onnx", 4, 4, 30_000,
                new TextModel(text.encoder().contract(), text.encoder()::run));
        server.start();
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        text.close();
        visualModel.close();
    }

    static RemoteTextEncoder remote(URI url, boolean binary) {
        return new RemoteTextEncoder(text.encoder().contract(), new KServeHttpTransport(url, "text",
                Duration.ofSeconds(1)), RETRY, binary);
    }

    @Test
    void remoteVectorsEqualLocalOnesInBinaryAndJson() throws Exception {
        WordSequence local = text.embedder(null).embed(AD);
        for (boolean binary : new boolean[]{true, false}) {
            WordSequence viaHttp = text.embedder(remote(base, binary)).embed(AD);
            assertThat(viaHttp.tokens()).isEqualTo(local.tokens());
            assertThat(viaHttp.vectors()).containsExactly(local.vectors());
            assertThat(viaHttp.sentence()).containsExactly(local.sentence());
        }
    }

    @Test
    void metadataMatchesTheLocalContract() throws Exception {
        remote(base, true).checkMetadata(Duration.ofSeconds(2));
    }

    @Test
    void malformedInputsAre400AndTheClientDoesNotRetryThem() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/v2/models/text/infer"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[{\"name\":\"input_ids\",\"shape\":[1,2],"
                        + "\"datatype\":\"INT64\",\"data\":[101,102]}]}")).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("INT64 [1,T]");
        // a text longer than the contract allows is refused by the server, not truncated there
        TokenizedText tooLong = new TokenizedText(new long[200], new int[200], List.of("x"), 0);
        assertThatThrownBy(() -> remote(base, true).encode(List.of(tooLong)))
                .isInstanceOf(AdlensException.class).hasMessageContaining("HTTP 400");
    }

    @Test
    void autoFallsBackToLocalWhenTheEndpointIsDownAndRemoteFailsTyped() throws Exception {
        URI dead = URI.create("http://127.0.0.1:9"); // discard port: nothing listens
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofMinutes(1), Clock.systemUTC());
        DispatchingTextEncoder auto = new DispatchingTextEncoder(EncoderMode.AUTO, remote(dead, true), text.encoder(),
                breaker);
        WordSequence seq = text.embedder(auto).embed(AD);
        assertThat(seq.sentence()).containsExactly(text.embedder(null).embed(AD).sentence());
        assertThat(auto.stats().fallback()).isEqualTo(1);
        DispatchingTextEncoder only = new DispatchingTextEncoder(EncoderMode.REMOTE, remote(dead, true), null,
                new CircuitBreaker(2, Duration.ofMinutes(1), Clock.systemUTC()));
        assertThatThrownBy(() -> text.embedder(only).embed(AD)).isInstanceOf(AdlensException.class)
                .satisfies(e -> assertThat(((AdlensException) e).code()).isEqualTo(ErrorCode.ENCODER_UNAVAILABLE));
    }
}
