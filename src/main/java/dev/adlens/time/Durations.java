package dev.adlens.time;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations spelled as configuration spells them ("100ms", "20s", "5m"): a default is written once, as text, and both
 * the Java side and a {@code @WithDefault} read that one constant.
 */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m)");

    private Durations() {
    }

    /** @throws IllegalArgumentException for anything but digits followed by ms, s or m */
    public static Duration parse(String text) {
        Matcher m = SIMPLE.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration like 100ms, 20s or 5m: " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
