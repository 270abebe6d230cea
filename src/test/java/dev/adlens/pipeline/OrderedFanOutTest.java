package dev.adlens.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@UnitTest
class OrderedFanOutTest {
    @Test
    void resultsComeInInputOrderWithAtMostTheWindowInFlight() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger peak = new AtomicInteger();
            List<Integer> out = new ArrayList<>();
            List<Integer> inputs = IntStream.range(0, 50).boxed().toList();
            OrderedFanOut.run(inputs, pool, 3, i -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep((50 - i) % 7); // later inputs often finish first
                running.decrementAndGet();
                return i * 2;
            }, out::add);
            assertThat(out).isEqualTo(inputs.stream().map(i -> i * 2).toList());
            assertThat(peak.get()).isLessThanOrEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailingTaskEndsTheRunWithItsOwnException() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertThatThrownBy(() -> OrderedFanOut.run(List.of(1, 2, 3), pool, 2, i -> {
                if (i == 2) {
                    throw new IllegalStateException("boom " + i);
                }
                return i;
            }, o -> { })).isInstanceOf(IllegalStateException.class).hasMessage("boom 2");
        } finally {
            pool.shutdownNow();
        }
    }
}
