package dev.adlens.category;

import java.util.List;

/**
 * An ad's answer in one taxonomy: the categories worth showing (every selected one, then the best others, highest
 * score first), and whether the evidence was too weak to choose ("unclear": nothing selected).
 *
 * @param cattax the AdCOM "Category Taxonomies" value when the taxonomy has one (OpenRTB {@code cattax}), else null
 * @param none   for a taxonomy that does not cover every ad ({@code "exhaustive": false}), the probability that the
 *               ad is none of its categories (when it is the likeliest answer, nothing is selected and the answer
 *               is not "unclear": it is "none of them"); null for one that covers every ad
 */
public record TaxonomyLabels(String taxonomy, String version, Integer cattax, List<CategoryScore> categories,
                             boolean unclear, Double none) {
    public TaxonomyLabels {
        categories = List.copyOf(categories);
    }

    public TaxonomyLabels(String taxonomy, String version, Integer cattax, List<CategoryScore> categories,
                          boolean unclear) {
        this(taxonomy, version, cattax, categories, unclear, null);
    }

    /** Whether the answer is "none of the categories" (only a taxonomy that does not cover every ad gives it). */
    public boolean noneOfThem() {
        return none != null && !unclear && selected().isEmpty();
    }

    public List<CategoryScore> selected() {
        return categories.stream().filter(CategoryScore::selected).toList();
    }
}
