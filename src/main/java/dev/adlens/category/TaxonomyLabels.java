package dev.adlens.category;

import java.util.List;

/**
 * An ad's answer in one taxonomy: the categories worth showing (every selected one, then the best others, highest
 * score first), and whether the evidence was too weak to choose ("unclear": nothing selected).
 *
 * @param cattax the AdCOM "Category Taxonomies" value when the taxonomy has one (OpenRTB {@code cattax}), else null
 */
public record TaxonomyLabels(String taxonomy, String version, Integer cattax, List<CategoryScore> categories,
                             boolean unclear) {
    public TaxonomyLabels {
        categories = List.copyOf(categories);
    }

    public List<CategoryScore> selected() {
        return categories.stream().filter(CategoryScore::selected).toList();
    }
}
