package dev.adlens.safety;

import java.util.Locale;

/**
 * What a rule asks for when it fires, and the verdict of an ad (the strictest action of its flags): ordered, so that
 * the verdict is the maximum. {@code ALLOW} on a rule reports the flag without acting on it.
 */
public enum Action {
    ALLOW, REVIEW, BLOCK;

    /** As the policy file and the JSON line spell it: {@code allow}, {@code review}, {@code block}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The action a policy file names, or null for none of them. */
    public static Action of(String key) {
        for (Action a : values()) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        return null;
    }

    public Action max(Action other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
