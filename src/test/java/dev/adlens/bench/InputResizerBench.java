package dev.adlens.bench;

import dev.adlens.image.RgbImage;
import dev.adlens.visual.InputResizer;
import dev.adlens.visual.PerPixelStretch;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The visual model's input stretch (an ad to 512x512 RGB), the shipped separable form beside the per-pixel form it
 * replaced, in one run. Run: {@code ./adlens jmh InputResizerBench}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class InputResizerBench {
    /** A leaderboard banner, a medium rectangle, a large photo ad. */
    @Param({"728x90", "300x250", "1200x1200"})
    String size;

    RgbImage image;

    @Setup
    public void setUp() {
        String[] wh = size.split("x");
        int w = Integer.parseInt(wh[0]);
        int h = Integer.parseInt(wh[1]);
        byte[] rgb = new byte[w * h * 3];
        new Random(1).nextBytes(rgb);
        image = new RgbImage(w, h, rgb);
    }

    @Benchmark
    public RgbImage separable() {
        return InputResizer.stretch(image, 512, 512);
    }

    @Benchmark
    public byte[] perPixel() {
        return PerPixelStretch.stretch(image, 512, 512);
    }
}
