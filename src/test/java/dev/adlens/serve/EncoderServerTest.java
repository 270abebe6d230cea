package dev.adlens.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.TestModels;
import dev.adlens.encoder.EncoderSettings;
import dev.adlens.encoder.KServeHttpTransport;
import dev.adlens.encoder.RemoteVisualEncoder;
import dev.adlens.encoder.RetryPolicy;
import dev.adlens.encoder.SageMakerTransport;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.image.RgbImage;
import dev.adlens.kserve.InferMessage;
import dev.adlens.tensor.Tensor;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.visual.VisualOutputs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.assertj.core.api.Assertions;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** serve-encoders over real HTTP on loopback with the real visual.onnx; the remote client as its peer. */
@IntegrationTest
class EncoderServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static OnnxModel model;
    static LocalOnnxVisualEncoder local;
    static EncoderServer server;
    static URI base;
    static List<RgbImage> images = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        model = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
        local = new LocalOnnxVisualEncoder(model);
        server = new EncoderServer(new InetSocketAddress("127.0.0.1", 0), new DynamicBatcher(local::run, 8, 2000, 32),
                local.contract(), "onnxruntime_onnx", 8, 4, 30_000);
        server.start();
        base = URI.create("http://127.0.0.1:" + server.port());
        ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);
        for (var p : TestImages.ads().subList(0, 3)) {
            images.add(decoder.decode(TestImages.read(p)).image());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        model.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, byte[] body, String headerLength) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (headerLength != null) {
            b.header("Inference-Header-Content-Length", headerLength);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertSameFeatures(List<VisualFeatures> remote, List<VisualFeatures> expected) {
        assertThat(remote).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            float[] a = remote.get(i).global();
            float[] b = expected.get(i).global();
            for (int k = 0; k < b.length; k++) {
                assertThat(a[k]).isCloseTo(b[k], Offset.offset(1e-3f));
            }
            for (int j = 0; j < expected.get(i).detections().size(); j++) {
                var da = remote.get(i).detections().get(j);
                var db = expected.get(i).detections().get(j);
                assertThat(da.cocoId()).isEqualTo(db.cocoId());
                assertThat(da.score()).isCloseTo(db.score(), Offset.offset(1e-3f));
                assertThat(remote.get(i).objects()[j][0]).isCloseTo(expected.get(i).objects()[j][0],
                        Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void healthAndMetadataFollowKServe() throws Exception {
        assertThat(get("/v2/health/live").statusCode()).isEqualTo(200);
        assertThat(get("/v2/health/ready").statusCode()).isEqualTo(200);
        assertThat(get("/v2/models/visual/ready").statusCode()).isEqualTo(200);
        JsonNode meta = JSON.readTree(get("/v2/models/visual").body());
        assertThat(meta.get("name").asText()).isEqualTo("visual");
        assertThat(meta.get("versions").get(0).asText()).isEqualTo("1");
        assertThat(meta.get("inputs").get(0).get("datatype").asText()).isEqualTo("UINT8");
        assertThat(meta.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,512,512,3]");
        assertThat(meta.get("outputs")).extracting(n -> n.get("name").asText())
                .containsExactly("global", "objects", "boxes", "classes", "scores", "adult");
        assertThat(meta.get("outputs").get(5).get("shape").toString()).isEqualTo("[-1,5]");
        new RemoteVisualEncoder(local.contract(), new KServeHttpTransport(base, "visual", Duration.ofSeconds(2)),
                EncoderSettings.defaultRetry(), true)
                .checkMetadata(Duration.ofSeconds(2));
        assertThat(get("/v2/models/other").statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(get("/v2/models/other").body()).get("error").asText()).contains("unknown model");
    }

    @Test
    void remoteBinaryJsonAndSageMakerEqualLocal() throws Exception {
        List<VisualFeatures> expected = local.encode(images);
        RetryPolicy retry = EncoderSettings.defaultRetry();
        for (boolean binary : new boolean[]{true, false}) {
            RemoteVisualEncoder remote = new RemoteVisualEncoder(local.contract(),
                    new KServeHttpTransport(base, "visual", Duration.ofSeconds(2)), retry, binary);
            assertSameFeatures(remote.encode(images), expected);
        }
        SageMakerTransport sm = new SageMakerTransport(base, "us-east-1", "adlens-visual",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), Duration.ofSeconds(2));
        assertSameFeatures(new RemoteVisualEncoder(local.contract(), sm, retry, true).encode(images), expected);
    }

    @Test
    void concurrentRequestsAreBatchedAndAnsweredEachTheirOwn() throws Exception {
        long batchesBefore = server.batcher().batches();
        long imagesBefore = server.batcher().images();
        RemoteVisualEncoder remote = new RemoteVisualEncoder(local.contract(),
                new KServeHttpTransport(base, "visual", Duration.ofSeconds(2)), EncoderSettings.defaultRetry(), true);
        List<VisualFeatures> expected = local.encode(images);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        for (int c = 0; c < 6; c++) {
            int which = c % images.size();
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    assertSameFeatures(remote.encode(List.of(images.get(which))), List.of(expected.get(which)));
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            clients.add(t);
        }
        go.countDown();
        for (Thread t : clients) {
            t.join();
        }
        assertThat(errors).isEmpty();
        long images = server.batcher().images() - imagesBefore;
        long batches = server.batcher().batches() - batchesBefore;
        assertThat(images).isEqualTo(6);
        assertThat(batches).isLessThan(6); // at least two requests shared a run
    }

    @Test
    void malformedRequestsGetKServeErrorBodies() throws Exception {
        Tensor wrongShape = new Tensor("image", "UINT8", new long[]{1, 4, 4, 3}, new byte[48]);
        InferMessage.Encoded e = InferMessage.request(List.of(wrongShape), List.of(), true);
        HttpResponse<String> r = post("/v2/models/visual/infer", e.body(), Integer.toString(e.headerLength()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("must be UINT8 [1..4,512,512,3]");

        r = post("/v2/models/visual/infer", "{not json".getBytes(), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("not JSON")
                .doesNotContain("at [Source", "line:", "column:"); // no parser internals

        r = post("/v2/models/visual/infer", e.body(), "999999999");
        assertThat(r.statusCode()).isEqualTo(400);
        r = post("/v2/models/visual/infer", e.body(), "12x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).isEqualTo("Inference-Header-Content-Length is not a number");

        Tensor ok = VisualOutputs.imageTensor(local.contract(), List.of(images.get(0)));
        e = InferMessage.request(List.of(ok), List.of("nonsense"), true);
        r = post("/v2/models/visual/infer", e.body(), Integer.toString(e.headerLength()));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("unknown output");

        assertThat(get("/v2/models/visual/infer").statusCode()).isEqualTo(405);
        byte[] tooBig = new byte[(1 << 20) + 512 * 512 * 3 * 4 + 10];
        r = post("/v2/models/visual/infer", tooBig, "10");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void aFullQueueAnswers429AndTheBatcherRecovers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DynamicBatcher slow = new DynamicBatcher(t -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return local.run(t);
        }, 1, 0, 1);
        Tensor one = VisualOutputs.imageTensor(local.contract(), List.of(images.get(0)));
        var first = slow.submit(one); // taken by the runner, blocked
        Thread.sleep(200);
        var second = slow.submit(one); // queued: the queue (1 image) is now full
        try {
            slow.submit(one);
            Assertions.fail("third submit should be refused");
        } catch (DynamicBatcher.QueueFull expected) {
            assertThat(expected.getMessage()).contains("queue full");
        }
        release.countDown();
        assertThat(first.get().get("global").shape()).containsExactly(1, 2272);
        assertThat(second.get().get("global").shape()).containsExactly(1, 2272);
        slow.close();
    }
}
