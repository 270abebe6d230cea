package dev.adlens.bench;

import dev.adlens.TestModels;
import dev.adlens.image.RgbImage;
import dev.adlens.onnx.LazyOnnxModel;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.visual.AdultCheck;
import dev.adlens.visual.AdultScores;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import dev.adlens.visual.VisualFeatures;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency of visual.onnx through ONNX Runtime Java (CPU), per call, for a batch of {@code batch} 512x512 images,
 * with {@code threads} intra-op threads, beside the adult second opinion (adult-check.onnx, nsfwjs's InceptionV3) on
 * the same images: what an ad whose first adult scores fire a rule costs on top. Divide by {@code batch} for per-image
 * cost.
 * Run: mvn -Pbench test-compile exec:exec -Dbench.args="VisualEncoderBench"
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class VisualEncoderBench {
    @Param({"1", "4"})
    int batch;

    @Param({"2"})
    int threads;

    OnnxModel model;
    LocalOnnxVisualEncoder encoder;
    LazyOnnxModel checkModel;
    AdultCheck check;
    List<RgbImage> images;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(threads));
        encoder = new LocalOnnxVisualEncoder(model);
        checkModel = AdultCheck.model(TestModels.adultCheck(), threads);
        check = new AdultCheck(checkModel, encoder.contract());
        String[] names = {"dog", "person", "horses", "giraffe", "kite"};
        images = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            try (InputStream in = getClass().getResourceAsStream("/visual-parity/" + names[i % names.length] + ".png")) {
                images.add(RgbImage.of(ImageIO.read(in)));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        model.close();
        checkModel.close();
    }

    @Benchmark
    public List<VisualFeatures> encode() throws Exception {
        return encoder.encode(images);
    }

    @Benchmark
    public List<AdultScores> secondOpinion() throws Exception {
        return check.scores(images);
    }
}
