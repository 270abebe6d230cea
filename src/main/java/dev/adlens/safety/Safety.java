package dev.adlens.safety;

import java.util.List;

/**
 * One ad's brand-safety answer under a policy: the verdict (the strictest action of its flags, or the policy's
 * {@code whenUnmeasured} when a rule could not be read), the flags that fired, and the rules whose signal was not
 * measured (never read as safe: listed, so that "allow" with nothing measured is told apart from a clean allow).
 */
public record Safety(Action verdict, String policy, String policyVersion, List<Flag> flags, List<String> unmeasured) {
    /**
     * One rule that fired.
     *
     * @param name      {@code adult:porn}, {@code category:1002}, {@code quality:clickbait}
     * @param kind      {@code adult}, {@code category}, {@code quality} or {@code adFormat}
     * @param subject   what fired, in words: the adult class, the category's name, the opinion
     * @param score     the signal's score (image probability, category probability, share of viewers)
     * @param threshold the rule's threshold it reached
     * @param reason    the evidence in words: the category and the phrase of the ad that matched, the image score, the
     *                  share of viewers
     */
    public record Flag(String name, String kind, String subject, Action action, double score, double threshold,
                       String reason) {
    }

    public Safety {
        flags = List.copyOf(flags);
        unmeasured = List.copyOf(unmeasured);
    }
}
