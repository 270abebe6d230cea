package dev.adlens.time;

/**
 * When the current unit of work (one object of a Lambda invocation, one API request, one image's budget) must be
 * done, as a value passed along with the work — to the stages that wait (the decoder, Tesseract, the remote encoders
 * derive their timeouts from it), whatever thread they run on. {@link #NONE}: no limit (the CLI without a budget).
 */
public record Deadline(long atNanos) {
    public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    /** {@code millis} from now ({@code Long.MAX_VALUE}: none). */
    public static Deadline in(long millis) {
        if (millis == Long.MAX_VALUE) {
            return NONE;
        }
        long now = System.nanoTime();
        long at = now + Math.min(Math.max(0, millis), Long.MAX_VALUE / 4_000_000) * 1_000_000;
        return new Deadline(at);
    }

    public boolean isNone() {
        return atNanos == Long.MAX_VALUE;
    }

    /** Milliseconds left (0 once passed), or {@code Long.MAX_VALUE} for {@link #NONE}. */
    public long remainingMillis() {
        return isNone() ? Long.MAX_VALUE : Math.max(0, (atNanos - System.nanoTime()) / 1_000_000);
    }

    /** The earlier of the two. */
    public Deadline earlier(Deadline other) {
        return other.atNanos < atNanos ? other : this;
    }

    /** This deadline brought forward by {@code millis} (time kept back for what must follow the work). */
    public Deadline minusMillis(long millis) {
        return isNone() ? NONE : new Deadline(atNanos - millis * 1_000_000);
    }
}
