package dev.adlens.encoder;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bounded retries with "full jitter" exponential backoff: attempt k waits a uniform random time in
 * [0, min(maxBackoff, base·2^k)], so many clients retrying at once spread out instead of stampeding.
 *
 * @param attemptTimeout the longest one attempt may take (further capped by the caller's deadline)
 */
public record RetryPolicy(int maxAttempts, Duration baseBackoff, Duration maxBackoff, Duration attemptTimeout) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1");
        }
    }

    public long backoffMillis(int attempt) {
        long cap = Math.min(maxBackoff.toMillis(), baseBackoff.toMillis() << Math.min(attempt, 20));
        return cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
    }

    /** Statuses worth another attempt: throttled, overloaded, or a gateway in between timed out. */
    public static boolean retryable(int status) {
        return status == 429 || status == 502 || status == 503 || status == 504;
    }
}
