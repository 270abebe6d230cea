package dev.adlens.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile file through the decode gate: the expected typed failure (or a decoded image), within a bounded
 * allocation. The allocation bound is this thread's heap allocation as the JVM counts it, so it is exact rather than
 * timed: 64 MB is above the largest honest case here (a 10000x50 banner) and far below the gigabytes the container
 * lies asked for.
 */
@UnitTest
class HostileDecodeTest {
    private static final long MAX_ALLOCATED_BYTES = 64L << 20;
    private final ImageDecoder decoder = new ImageDecoder(ImageLimits.DEFAULT);

    static List<HostileCorpus.Case> cases() throws Exception {
        return HostileCorpus.all();
    }

    @org.junit.jupiter.api.Test
    void aWebpThatKeepsItsReaderBusyForSecondsFailsOnTime() throws Exception {
        // found by InputFuzzTest: 58 bytes, 64x48 lossless; the WebP reader ignores abort() and runs ~20 s here
        byte[] webp = Base64.getDecoder().decode(
                "UklGRjoAAABXRUJQVlA4TC0AAAAvP8ALAB8gEEjeHzqN+RcQFPwf3fxHZMSTSICegA/0pIlOjOj/BAyLvgWPvgEA");
        long start = System.nanoTime();
        ErrorCode got = null;
        try {
            decoder.decode(webp, 1_000);
        } catch (AdlensException e) {
            got = e.code();
        }
        assertThat(got).isEqualTo(ErrorCode.PROCESSING_TIMEOUT);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000); // on time, not after the decode
    }

    @org.junit.jupiter.api.Test
    void runawayWebpDecodesStopAtTheirDeadlineAndFreeTheirThreads() throws Exception {
        byte[] runaway = Base64.getDecoder().decode(
                "UklGRjoAAABXRUJQVlA4TC0AAAAvP8ALAB8gEEjeHzqN+RcQFPwf3fxHZMSTSICegA/0pIlOjOj/BAyLvgWPvgEA");
        // more runaways than the isolated pool has threads: each holding its thread to the end (~20 s) would leave
        // the good WebP queued behind them until its own deadline
        for (int i = 0; i < 4; i++) { // twice ImageDecoder.ISOLATED_THREADS
            ErrorCode got = null;
            try {
                decoder.decode(runaway, 300);
            } catch (AdlensException e) {
                got = e.code();
            }
            assertThat(got).isEqualTo(ErrorCode.PROCESSING_TIMEOUT);
        }
        byte[] good = Files.readAllBytes(Path.of("src/test/resources/images/quadrants.webp"));
        assertThat(decoder.decode(good, 10_000).image().width()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void endsTypedAndBounded(HostileCorpus.Case c) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = mx.getCurrentThreadAllocatedBytes();
        ErrorCode got = null;
        String message = "decoded";
        try {
            decoder.decode(c.bytes(), 20_000);
        } catch (AdlensException e) {
            got = e.code();
            message = e.getMessage();
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(got).as("%s: %s", c.name(), message).isEqualTo(c.expected());
        assertThat(allocated).as("%s allocated", c.name()).isLessThan(MAX_ALLOCATED_BYTES);
    }
}
