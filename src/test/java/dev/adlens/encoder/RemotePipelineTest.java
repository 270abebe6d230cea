package dev.adlens.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.IntegrationTest;
import dev.adlens.TestImages;
import dev.adlens.TestModels;
import dev.adlens.error.ErrorCode;
import dev.adlens.head.HeadSpec;
import dev.adlens.labels.AdLabels;
import dev.adlens.lambda.S3Handler;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.app.Adlens;
import dev.adlens.app.AdlensSettings;
import dev.adlens.serve.DynamicBatcher;
import dev.adlens.serve.EncoderServer;
import dev.adlens.serve.TextModel;
import dev.adlens.text.LocalTextModel;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The whole labeling with visual.onnx on serve-encoders (over HTTP) gives the labels the local pipeline gives. */
@IntegrationTest
class RemotePipelineTest {
    static EncoderSettings remote(URI url) {
        return EncoderSettings.endpoint(EncoderMode.REMOTE, url);
    }

    @Test
    void remoteLabelsEqualLocalLabels() throws Exception {
        AdlensSettings s = AdlensSettings.defaults(TestModels.dir(), TestModels.tessdata());
        int maxWords = HeadSpec.read(TestModels.dir().resolve("head/head.json")).maxWords();
        try (OnnxModel served = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
             LocalTextModel text = LocalTextModel.open(TestModels.dir(), 1, maxWords)) {
            LocalOnnxVisualEncoder enc = new LocalOnnxVisualEncoder(served);
            // both heavy encoders on the endpoint: the settings send visual and text to one KServe URL
            try (EncoderServer server = new EncoderServer(new InetSocketAddress("127.0.0.1", 0),
                    new DynamicBatcher(enc::run, 8, 1000, 16), enc.contract(), "onnxruntime_onnx", 4, 4, 30_000,
                    new TextModel(text.encoder().contract(), text.encoder()::run));
                 Adlens local = Adlens.open(s);
                 Adlens viaHttp = Adlens.open(s.withEncoder(remote(URI.create("http://127.0.0.1:" + server.port()))))) {
                server.start();
                assertThat(viaHttp.visual()).isInstanceOf(DispatchingVisualEncoder.class);
                for (Path ad : TestImages.ads().subList(0, 4)) {
                    byte[] bytes = TestImages.read(ad);
                    AdLabels a = ((LabelOutcome.Labeled) local.labeler().label(ad.toString(), bytes)).labels();
                    AdLabels b = ((LabelOutcome.Labeled) viaHttp.labeler().label(ad.toString(), bytes)).labels();
                    assertThat(b.topics().get(0).key()).isEqualTo(a.topics().get(0).key());
                    for (int i = 0; i < a.topics().size(); i++) {
                        assertThat(b.topics().get(i).score()).isCloseTo(a.topics().get(i).score(), Offset.offset(1e-3f));
                    }
                    assertThat(b.objects()).hasSameSizeAs(a.objects());
                }
                assertThat(((DispatchingVisualEncoder) viaHttp.visual()).stats().remote()).isEqualTo(4);
                // the per-invocation metrics the s3 handler emits: a delta, then nothing new
                var paths = S3Handler.encoderPaths(viaHttp.visual());
                assertThat(paths.get()).containsEntry("VisualRemote", 4L).containsEntry("VisualFallback", 0L);
                assertThat(paths.get()).containsEntry("VisualRemote", 0L);
                assertThat(S3Handler.encoderPaths(local.visual()).get()).isEmpty();
            }
        }
    }

    @Test
    void remoteOnlyWithTheEndpointDownFailsTheImageRetryably() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (Adlens p = Adlens.open(AdlensSettings.defaults(TestModels.dir(), TestModels.tessdata())
                .withEncoder(remote(URI.create("http://127.0.0.1:" + port))))) {
            Path ad = TestImages.ads().get(0);
            LabelOutcome o = p.labeler().label(ad.toString(), TestImages.read(ad));
            assertThat(o).isInstanceOfSatisfying(LabelOutcome.Failed.class, f -> {
                assertThat(f.code()).isEqualTo(ErrorCode.ENCODER_UNAVAILABLE);
                assertThat(f.code().retryable()).isTrue(); // ObjectIngest hands it back to the queue: nothing recorded
            });
        }
    }
}
