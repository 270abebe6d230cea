package dev.adlens.safety;

import dev.adlens.category.CategoryScore;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.quality.QualityScores;
import dev.adlens.visual.AdultScores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an ad's signals into its {@link Safety} under one {@link Policy}. Pure and thread-safe.
 *
 * <p>What a category rule reads: the IAB Ad Product 2.0 categories <em>selected</em> for the ad (the category engine
 * selects only with evidence from the ad, a child only under its selected parent), with the category's probability
 * at least the rule's {@code minScore}. The probability of an unselected category is not read: the engine ranks every
 * ad against all 584 categories, and a sensitive one that merely scores second is not what the ad sells.
 *
 * <p>An adult rule reads {@link AdultScores#agreed}: where the first model's scores fired a rule and a second opinion
 * was asked, the lower of the two models' scores, so an adult flag needs both.
 *
 * <p>A policy may rule on one signal in tiers (porn at 0.5 to review, at 0.9 to block): of the rules on one signal
 * that fire, the strictest is the ad's flag for it, so each signal is flagged and listed as unmeasured once.
 */
public final class SafetyAssessor {
    private final Policy policy;

    public SafetyAssessor(Policy policy) {
        this.policy = policy;
    }

    public Policy policy() {
        return policy;
    }

    /**
     * @param iab the ad's answer in the IAB Ad Product 2.0 taxonomy; empty when it was not scored (no text encoder):
     *            then every category rule is unmeasured
     */
    public Safety assess(AdultScores adult, QualityScores quality, Optional<TaxonomyLabels> iab) {
        return assess(adult, quality, iab.map(List::of).orElse(List.of()));
    }

    /**
     * @param answers the ad's answers in the taxonomies it was labeled in (IAB's among them when a rule reads it and
     *                there is a text encoder to score it); a category rule whose taxonomy has no answer is unmeasured
     */
    public Safety assess(AdultScores adult, QualityScores quality, List<TaxonomyLabels> answers) {
        Map<String, Safety.Flag> flags = new LinkedHashMap<>();
        Set<String> unmeasured = new LinkedHashSet<>();
        for (Policy.AdultRule r : policy.adult()) {
            String c = r.adultClass();
            scored(flags, unmeasured, "adult", c, adult.measured() ? adult.agreed(c) : null, r.atLeast(), r.action(),
                    (p, at) -> adult.second().isEmpty()
                            ? String.format(Locale.ROOT, "image classified %s with probability %.2f (rule: at least %.2f)",
                            c, p, at)
                            : String.format(Locale.ROOT, "image classified %s with probability %.2f by MobileNetV2 and "
                            + "%.2f by InceptionV3 (rule: at least %.2f from both)", c, adult.score(c),
                            adult.second().get().score(c), at));
        }
        for (Policy.CategoryRule r : policy.categories()) {
            String name = r.flagName();
            Optional<TaxonomyLabels> answer = answers.stream().filter(a -> a.taxonomy().equals(r.taxonomy())).findFirst();
            if (answer.isEmpty()) {
                unmeasured.add(name);
                continue;
            }
            String which = r.taxonomy().equals(Policy.TAXONOMY) ? "IAB category" : r.taxonomy() + " category";
            for (CategoryScore c : answer.get().selected()) {
                if (c.id().equals(r.id()) && c.score() >= r.minScore()) {
                    flag(flags, new Safety.Flag(name, "category", c.name(), r.action(), c.score(), r.minScore(), String.format(
                            Locale.ROOT, "%s %s %s selected with probability %.2f%s", which, c.id(), c.name(),
                            c.score(), c.evidence() == null || c.evidence().isBlank() ? ""
                                    : ", evidence \"" + c.evidence() + "\"")));
                }
            }
        }
        for (Policy.QualityRule r : policy.quality()) {
            scored(flags, unmeasured, "quality", r.opinion(), quality.measured() ? quality.opinions().get(r.opinion())
                    : null, r.atLeast(), r.action(), (p, at) -> String.format(Locale.ROOT,
                    "%.0f%% of viewers would call it %s (rule: at least %.0f%%)", 100 * p, r.opinion(), 100 * at));
        }
        for (Policy.FormatRule r : policy.adFormats()) { // a text ad has no picture to tell its format by: unmeasured
            scored(flags, unmeasured, "adFormat", r.adFormat(), quality.measured() ? quality.formats().get(r.adFormat())
                    : null, r.atLeast(), r.action(), (p, at) -> String.format(Locale.ROOT,
                    "a %s unit with probability %.2f (rule: at least %.2f)", r.adFormat(), p, at));
        }
        Action verdict = unmeasured.isEmpty() ? Action.ALLOW : policy.whenUnmeasured();
        for (Safety.Flag f : flags.values()) {
            verdict = verdict.max(f.action());
        }
        return new Safety(verdict, policy.name(), policy.version(), List.copyOf(flags.values()), List.copyOf(unmeasured));
    }

    /**
     * Whether {@code first} — one model's adult scores — would fire an adult rule of the policy on its own: where the
     * visual stage asks for a second opinion ({@code visual.SecondOpinionVisualEncoder}).
     */
    public boolean adultRuleFires(AdultScores first) {
        return first.measured() && policy.adult().stream().anyMatch(r -> first.score(r.adultClass()) >= r.atLeast());
    }

    /** A rule's reason in words, from the score and the rule's threshold. */
    private interface Reason {
        String of(double score, double atLeast);
    }

    /**
     * A rule on a scored signal ({@code kind:subject}): unmeasured when {@code score} is null, flagged when it reaches
     * {@code atLeast}.
     */
    private static void scored(Map<String, Safety.Flag> flags, Set<String> unmeasured, String kind, String subject,
                               Double score, double atLeast, Action action, Reason reason) {
        String name = kind + ":" + subject;
        if (score == null) {
            unmeasured.add(name);
        } else if (score >= atLeast) {
            flag(flags, new Safety.Flag(name, kind, subject, action, score, atLeast, reason.of(score, atLeast)));
        }
    }

    /** Keeps the strictest fired rule per signal (a tiered policy fires its lower tiers too). */
    private static void flag(Map<String, Safety.Flag> flags, Safety.Flag f) {
        flags.merge(f.name(), f, (a, b) -> b.action().max(a.action()) == a.action() ? a : b);
    }
}
