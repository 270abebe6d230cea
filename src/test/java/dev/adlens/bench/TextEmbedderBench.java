package dev.adlens.bench;

import dev.adlens.TestModels;
import dev.adlens.text.LocalTextModel;
import dev.adlens.text.TextEmbedder;
import dev.adlens.text.WordEmbedder;
import dev.adlens.words.PackedWordVectors;
import dev.adlens.words.WordSequence;
import java.util.Arrays;
import java.util.List;
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
 * The text stage per ad, side by side: the text encoder (tokenise + text.onnx + pooling) and the GloVe lookup it
 * replaces, on a short (6 words) and a long (40 words, the head's M) ad text.
 * Run: ./adlens jmh TextEmbedderBench
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TextEmbedderBench {
    static final String LONG = "Amazon Music Unlimited. Listen to 90 million songs ad-free, download your favourites "
            + "and take them anywhere. Start your 30-day free trial today. New subscribers only. Terms apply. Renews "
            + "automatically. Cancel anytime in your account settings before the trial ends to avoid charges.";

    @Param({"encoder", "glove"})
    String embedder;

    @Param({"short", "long"})
    String text;

    @Param({"2"})
    int threads;

    LocalTextModel model;
    TextEmbedder impl;
    List<String> words;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        model = LocalTextModel.open(TestModels.dir(), threads, 40);
        impl = embedder.equals("encoder") ? model.embedder(null)
                : new WordEmbedder(PackedWordVectors.open(TestModels.dir().resolve("words/glove-6b-100d.json")), 40);
        words = text.equals("short") ? List.of("ALL", "EPISODES", "NOW", "STREAMING", "on", "Peacock")
                : Arrays.asList(LONG.split(" ")).subList(0, 40);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        model.close();
    }

    @Benchmark
    public WordSequence embed() throws Exception {
        return impl.embed(words);
    }
}
