package dev.adlens.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.TestModels;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.serve.DynamicBatcher;
import dev.adlens.serve.EncoderServer;
import dev.adlens.tensor.Tensor;
import dev.adlens.visual.AdultScores;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.visual.VisualOutputs;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adult output over KServe: serve-encoders gives it and the remote encoder reads it once the endpoint's metadata
 * listed it (auto's start check); without that check, or from an endpoint serving a visual.onnx built before the
 * output (no {@code adult} in its metadata or answers), the endpoint still works and the features carry
 * {@link AdultScores#UNMEASURED}.
 */
@IntegrationTest
class RemoteAdultScoresTest {
    static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(20), Duration.ofMillis(100),
            Duration.ofMillis(5000));
    static OnnxModel model;
    static LocalOnnxVisualEncoder local;
    static RgbImage image;
    static VisualFeatures expected;

    @BeforeAll
    static void load() throws Exception {
        model = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
        local = new LocalOnnxVisualEncoder(model);
        image = new ImageDecoder(ImageLimits.DEFAULT).decode(TestImages.read(TestImages.ads().get(0))).image();
        expected = local.encode(List.of(image)).get(0);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static RemoteVisualEncoder client(EncoderServer server) {
        return new RemoteVisualEncoder(local.contract(), new KServeHttpTransport(
                URI.create("http://127.0.0.1:" + server.port()), "visual", Duration.ofSeconds(2)), FAST, true);
    }

    @Test
    void serveEncodersGivesTheAdultScoresTheLocalModelGives() throws Exception {
        assertThat(expected.adult().measured()).isTrue();
        try (EncoderServer server = new EncoderServer(new InetSocketAddress("127.0.0.1", 0),
                new DynamicBatcher(local::run, 4, 1000, 16), local.contract(), "onnxruntime_onnx", 4, 4, 30_000)) {
            server.start();
            RemoteVisualEncoder unchecked = client(server); // remote mode: no start check, no adult asked for
            assertThat(unchecked.encode(List.of(image)).get(0).adult()).isEqualTo(AdultScores.UNMEASURED);
            RemoteVisualEncoder remote = client(server);
            remote.checkMetadata(Duration.ofSeconds(2)); // auto's start check: the endpoint lists adult
            AdultScores got = remote.encode(List.of(image)).get(0).adult();
            assertThat(got.measured()).isTrue();
            for (String c : AdultScores.CLASSES) {
                assertThat(got.score(c)).as(c).isCloseTo(expected.adult().score(c), Offset.offset(1e-6));
            }
        }
    }

    @Test
    void anEndpointWithoutTheAdultOutputStillEncodesWithAdultUnmeasured() throws Exception {
        VisualContract c = local.contract();
        VisualContract old = new VisualContract(c.version(), c.width(), c.height(), c.globalDim(), c.objectDim(),
                c.topL(), c.cocoLabels()); // what a visual.onnx built before the adult output states
        DynamicBatcher.Model withoutAdult = images -> {
            Map<String, Tensor> out = local.run(images);
            out.remove(VisualOutputs.ADULT);
            return out;
        };
        try (EncoderServer server = new EncoderServer(new InetSocketAddress("127.0.0.1", 0),
                new DynamicBatcher(withoutAdult, 4, 1000, 16), old, "onnxruntime_onnx", 4, 4, 30_000)) {
            server.start();
            RemoteVisualEncoder checked = client(server);
            checked.checkMetadata(Duration.ofSeconds(2)); // AUTO's start check: passes, and notes there is no adult
            RemoteVisualEncoder unchecked = client(server); // remote mode: no start check
            for (RemoteVisualEncoder remote : List.of(checked, unchecked)) {
                VisualFeatures f = remote.encode(List.of(image)).get(0);
                assertThat(f.adult()).isEqualTo(AdultScores.UNMEASURED);
                assertThat(f.global()).containsExactly(expected.global(), org.assertj.core.data.Offset.offset(1e-5f));
                assertThat(f.detections()).hasSameSizeAs(expected.detections());
            }
        }
    }
}
