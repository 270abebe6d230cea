package dev.adlens.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The dispatch policy alone: no model, no server, a clock the test moves. */
@UnitTest
class DispatcherTest {
    static final AdlensException DOWN = new AdlensException(ErrorCode.ENCODER_UNAVAILABLE, "endpoint down");

    @Test
    void autoFallsBackOpensTheBreakerAndRecoversThroughOneTrial() throws Exception {
        RemoteEncoderResilienceTest.MutableClock clock = new RemoteEncoderResilienceTest.MutableClock();
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        Dispatcher d = new Dispatcher("text", EncoderMode.AUTO, "http://gpu:8000", breaker, true);
        AtomicInteger remoteCalls = new AtomicInteger();
        Dispatcher.Call<String> failing = () -> {
            remoteCalls.incrementAndGet();
            throw DOWN;
        };
        assertThat(d.dispatch(1, failing, () -> "local")).isEqualTo("local");   // fallback 1
        assertThat(d.dispatch(1, failing, () -> "local")).isEqualTo("local");   // fallback 2: breaker opens
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(d.dispatch(3, failing, () -> "local")).isEqualTo("local");   // open: the endpoint is not called
        assertThat(remoteCalls).hasValue(2);
        clock.advance(Duration.ofSeconds(31));                                    // half-open: one trial
        assertThat(d.dispatch(1, () -> "remote", () -> "local")).isEqualTo("remote");
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(d.stats()).isEqualTo(new Dispatcher.Stats(1, 2, 3, 0));
        assertThat(d.takeStats()).isEqualTo(new Dispatcher.Stats(1, 2, 3, 0));
        assertThat(d.takeStats()).isEqualTo(new Dispatcher.Stats(0, 0, 0, 0));
    }

    @Test
    void remoteFailsTypedAndFastOnceOpen() throws Exception {
        RemoteEncoderResilienceTest.MutableClock clock = new RemoteEncoderResilienceTest.MutableClock();
        CircuitBreaker breaker = new CircuitBreaker(1, Duration.ofSeconds(30), clock);
        Dispatcher d = new Dispatcher("visual", EncoderMode.REMOTE, "http://gpu:8000", breaker, false);
        assertThatThrownBy(() -> d.dispatch(2, () -> { throw DOWN; }, () -> "never"))
                .isSameAs(DOWN);
        AtomicInteger called = new AtomicInteger();
        assertThatThrownBy(() -> d.dispatch(1, () -> "x" + called.incrementAndGet(), () -> "never"))
                .isInstanceOf(AdlensException.class).hasMessageContaining("circuit open")
                .satisfies(e -> assertThat(((AdlensException) e).code().retryable()).isTrue());
        assertThat(called).hasValue(0);
        assertThat(d.stats().failed()).isEqualTo(3);
    }

    @Test
    void autoWithoutALocalEncoderIsRefused() {
        assertThatThrownBy(() -> new Dispatcher("text", EncoderMode.AUTO, "u",
                new CircuitBreaker(1, Duration.ofSeconds(1), Clock.systemUTC()), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Dispatcher("text", EncoderMode.LOCAL, "u",
                new CircuitBreaker(1, Duration.ofSeconds(1), Clock.systemUTC()), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tripOpensAtOnce() {
        RemoteEncoderResilienceTest.MutableClock clock = new RemoteEncoderResilienceTest.MutableClock();
        CircuitBreaker breaker = new CircuitBreaker(5, Duration.ofSeconds(30), clock);
        breaker.trip();
        assertThat(breaker.allow()).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(breaker.allow()).isTrue();   // the one trial
        assertThat(breaker.allow()).isFalse();  // only one at a time
    }
}
