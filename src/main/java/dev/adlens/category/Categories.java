package dev.adlens.category;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the category engine adds to labeling: the Pitt topic fusion (on by default with the shipped models), the
 * taxonomies asked for, each scored on every ad, and the knowledge the taxonomies of users borrow from (present with
 * the fusion: it needs the fused Pitt topics), and the built-in IAB scored for the brand-safety policy alone
 * ({@code policyIab}: present when the policy reads IAB categories and IAB is not among the taxonomies asked for; its
 * answer is not part of the labels, only of their safety verdict).
 */
public record Categories(Optional<TopicFusion> fusion, List<CategoryIndex> taxonomies, Optional<Knowledge> knowledge,
                         Optional<CategoryIndex> policyIab) {
    public static final Categories NONE = new Categories(Optional.empty(), List.of(), Optional.empty());

    public Categories {
        taxonomies = List.copyOf(taxonomies);
    }

    public Categories(Optional<TopicFusion> fusion, List<CategoryIndex> taxonomies, Optional<Knowledge> knowledge) {
        this(fusion, taxonomies, knowledge, Optional.empty());
    }

    public Categories(Optional<TopicFusion> fusion, List<CategoryIndex> taxonomies) {
        this(fusion, taxonomies, Optional.empty());
    }

    /** {@code id@version} of each taxonomy, comma separated (part of the model version a record carries). */
    public String versions() {
        return taxonomies.stream().map(t -> t.taxonomy().id() + "@" + t.taxonomy().version())
                .collect(Collectors.joining(","));
    }

    public boolean any() {
        return fusion.isPresent() || !taxonomies.isEmpty();
    }

    /** Whether any taxonomy borrows (then every ad's knowledge vector is computed). */
    public boolean borrows() {
        return knowledge.isPresent() && taxonomies.stream().anyMatch(t -> t.transfer().isPresent());
    }

    public Categories withTaxonomies(List<CategoryIndex> more) {
        return new Categories(fusion, more, knowledge, policyIab);
    }

    /** With the built-in IAB scored for the safety policy (when it is not among the taxonomies already). */
    public Categories withPolicyIab(CategoryIndex iab) {
        return new Categories(fusion, taxonomies, knowledge, Optional.of(iab));
    }
}
