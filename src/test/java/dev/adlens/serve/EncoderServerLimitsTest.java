package dev.adlens.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import dev.adlens.kserve.InferMessage;
import dev.adlens.tensor.Tensor;
import dev.adlens.visual.VisualContract;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * serve-encoders' own limits over real sockets, with a stand-in model (the server is the class under test): slow and
 * lying clients, oversize and chunked bodies, JSON batches.
 */
@UnitTest
class EncoderServerLimitsTest {
    static final VisualContract CONTRACT = new VisualContract("visual-test", 512, 512, 4, 2, 1, Map.of(1, "person"));
    static EncoderServer server;
    static URI base;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void start() throws Exception {
        DynamicBatcher.Model zeros = images -> {
            int n = (int) images.shape()[0];
            return Map.of("global", Tensor.ofFloats("global", new long[]{n, 4}, new float[n * 4]),
                    "objects", Tensor.ofFloats("objects", new long[]{n, 1, 2}, new float[n * 2]),
                    "boxes", Tensor.ofFloats("boxes", new long[]{n, 1, 4}, new float[n * 4]),
                    "classes", Tensor.ofLongs("classes", new long[]{n, 1}, new long[n]),
                    "scores", Tensor.ofFloats("scores", new long[]{n, 1}, new float[n]));
        };
        server = new EncoderServer(new InetSocketAddress("127.0.0.1", 0), new DynamicBatcher(zeros, 4, 1000, 16),
                CONTRACT, "onnxruntime_onnx", 4, 4, 10_000);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static int health() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/health/ready")).timeout(Duration.ofSeconds(1)).GET()
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A client that sends headers promising {@code declared} bytes, then {@code sent} of them, then nothing. */
    static Socket stalled(long declared, int sent) throws Exception {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write(("POST /v2/models/visual/infer HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Inference-Header-Content-Length: 10\r\nContent-Length: " + declared + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[sent]);
        out.flush();
        return s;
    }

    @Test
    void healthAnswersWithinASecondWhileFortyClientsStallAndTheStalledAreCutOff() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                // half declare more than any request may be (413 at once), half a plausible size they never send
                sockets.add(stalled(i % 2 == 0 ? 100L << 20 : 1 << 20, 100));
            }
            Thread.sleep(300);
            long start = System.nanoTime();
            assertThat(health()).isEqualTo(200);
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1_000);
            // a plausible body that never arrives: the server closes the connection after its request time
            Socket quiet = sockets.get(1);
            quiet.setSoTimeout((EncoderServer.MAX_REQUEST_SECONDS + 10) * 1000);
            InputStream in = quiet.getInputStream();
            long cutStart = System.nanoTime();
            while (in.read() >= 0) {
                // whatever the server says before closing
            }
            assertThat((System.nanoTime() - cutStart) / 1_000_000_000).isLessThanOrEqualTo(
                    EncoderServer.MAX_REQUEST_SECONDS + 5);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
        assertThat(health()).isEqualTo(200);
    }

    @Test
    void oversizeBodiesAre413DeclaredOrChunkedAndJsonCarriesOneImage() throws Exception {
        HttpResponse<String> declared = HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/models/visual/infer"))
                .header("Inference-Header-Content-Length", "10")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[20 << 20])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        // no Content-Length: the body streams chunked and turns out too large
        HttpResponse<String> chunked = HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/models/visual/infer"))
                .header("Inference-Header-Content-Length", "10")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                        new byte[20 << 20]))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);

        Tensor two = new Tensor("image", "UINT8", new long[]{2, 512, 512, 3}, new byte[2 * 512 * 512 * 3]);
        InferMessage.Encoded json = InferMessage.request(List.of(two), List.of(), false);
        HttpResponse<String> batch = HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/models/visual/infer"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.body()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(batch.statusCode()).isIn(400, 413);
        Tensor one = new Tensor("image", "UINT8", new long[]{1, 512, 512, 3}, new byte[512 * 512 * 3]);
        InferMessage.Encoded single = InferMessage.request(List.of(one), List.of(), false);
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(base.resolve("/v2/models/visual/infer"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(single.body()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(health()).isEqualTo(200);
    }
}
