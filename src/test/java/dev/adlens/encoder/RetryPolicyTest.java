package dev.adlens.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@UnitTest
class RetryPolicyTest {
    @Test
    void backoffIsJitteredGrowsAndIsCapped() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(800), Duration.ofSeconds(1));
        for (int i = 0; i < 200; i++) {
            assertThat(p.backoffMillis(1)).isBetween(0L, 200L);
            assertThat(p.backoffMillis(10)).isBetween(0L, 800L); // capped, however many attempts
        }
        long distinct = IntStream.range(0, 50).mapToLong(i -> p.backoffMillis(3)).distinct().count();
        assertThat(distinct).isGreaterThan(5); // jitter: concurrent clients do not retry in lockstep
    }

    @Test
    void onlyTransientStatusesAreRetried() {
        for (int s : new int[]{429, 502, 503, 504}) {
            assertThat(RetryPolicy.retryable(s)).as("%d", s).isTrue();
        }
        for (int s : new int[]{400, 401, 403, 404, 413, 422, 500}) { // 500: the model failed on these inputs
            assertThat(RetryPolicy.retryable(s)).as("%d", s).isFalse();
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
