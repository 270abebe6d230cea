package dev.adlens.bench;

import dev.adlens.TestModels;
import dev.adlens.onnx.GraphCache;
import dev.adlens.onnx.OnnxModel;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * Opening each model (what a process pays before its first label), side by side: optimising the graph in process
 * (cache "none", as before) and reading the optimised graph from a warm {@link GraphCache}.
 * Run: ./adlens jmh ModelLoadBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ModelLoadBench {
    @Param({"visual/visual.onnx", "visual/adult-check.onnx", "text/text.onnx", "head/head.onnx"})
    String model;

    @Param({"none", "warm"})
    String cache;

    GraphCache graphs;
    Path file;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        file = TestModels.dir().resolve(model);
        graphs = cache.equals("none") ? GraphCache.NONE : GraphCache.in(Files.createTempDirectory("adlens-graphs"));
        // primes the cache (and ORT itself, for both)
        OnnxModel.open(file, options()).close();
    }

    @Benchmark
    public int open() throws Exception {
        try (OnnxModel m = OnnxModel.open(file, options())) {
            return m.metadata().size();
        }
    }

    /** As the pipeline opens it: the adult second opinion keeps its weights quantised and has no cached graph. */
    private OnnxModel.Options options() {
        return model.equals(dev.adlens.visual.AdultCheck.FILE) ? OnnxModel.Options.threads(2).withWeightsQuantised()
                : OnnxModel.Options.threads(2).withCache(graphs);
    }
}
