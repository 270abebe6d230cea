package dev.adlens.bench;

import dev.adlens.TestModels;
import dev.adlens.head.HeadInput;
import dev.adlens.head.HeadSpec;
import dev.adlens.head.OnnxHead;
import dev.adlens.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
 * One ad through head.onnx (1 intra-op thread, as shipped), side by side: the shipped head and a previous one
 * ({@code -Dbench.previousHead=DIR} holding its head.onnx + head.json; e.g. the head before objects in words,
 * {@code git show 8aea707:models/head/head.onnx}). Inputs: 3 objects and 12 words present, the rest masked.
 * Run: ./adlens jmh HeadBench -jvmArgs -Dbench.previousHead=DIR
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HeadBench {
    @Param({"shipped", "previous"})
    String head;

    OnnxModel model;
    OnnxHead onnxHead;
    List<HeadInput> batch;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path dir = head.equals("shipped") ? TestModels.headDir()
                : Path.of(System.getProperty("bench.previousHead", TestModels.headDir().toString()));
        HeadSpec spec = HeadSpec.read(dir.resolve("head.json"));
        model = OnnxModel.open(dir.resolve("head.onnx"), OnnxModel.Options.threads(1));
        onnxHead = new OnnxHead(model, spec);
        Random r = new Random(1);
        float[] global = new float[spec.globalDim()];
        float[] objects = new float[spec.topL() * spec.objectDim()];
        float[] objectMask = new float[spec.topL()];
        float[] words = new float[spec.maxWords() * spec.wordDim()];
        float[] wordMask = new float[spec.maxWords()];
        float[] sentence = new float[Math.max(spec.sentenceDim(), 0)];
        for (float[] a : List.of(global, objects, words, sentence)) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian() * 0.1f;
            }
        }
        for (int i = 0; i < 3; i++) {
            objectMask[i] = 1;
        }
        for (int i = 0; i < 12; i++) {
            wordMask[i] = 1;
        }
        batch = List.of(new HeadInput(global, objects, objectMask, words, wordMask, sentence));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        model.close();
    }

    @Benchmark
    public Object run() throws Exception {
        return onnxHead.run(batch);
    }
}
