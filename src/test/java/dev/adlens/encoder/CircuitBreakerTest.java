package dev.adlens.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The breaker's states on a clock the test moves. */
@UnitTest
class CircuitBreakerTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void opensAfterTheThresholdLetsOneTrialThroughAfterTheWaitAndClosesOnSuccess() {
        MovableClock clock = new MovableClock();
        CircuitBreaker b = new CircuitBreaker(3, Duration.ofSeconds(30), clock);
        b.failure();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.allow()).isTrue();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.allow()).isFalse();
        clock.now = clock.now.plusSeconds(31);
        assertThat(b.allow()).isTrue();          // the one trial
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(b.allow()).isFalse();         // nobody else while it runs
        b.success();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(b.allow()).isTrue();
    }

    @Test
    void aFailedTrialReopensAndASuccessResetsTheCount() {
        MovableClock clock = new MovableClock();
        CircuitBreaker b = new CircuitBreaker(2, Duration.ofSeconds(10), clock);
        b.failure();
        b.success();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.CLOSED); // the success reset the count
        b.trip();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.now = clock.now.plusSeconds(11);
        assertThat(b.allow()).isTrue();
        b.failure();
        assertThat(b.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(b.allow()).isFalse();
    }
}
