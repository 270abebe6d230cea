package dev.adlens.category;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the category engine adds to labeling: the Pitt topic fusion (on by default with the shipped models) and the
 * taxonomies asked for, each scored on every ad.
 */
public record Categories(Optional<TopicFusion> fusion, List<CategoryIndex> taxonomies) {
    public static final Categories NONE = new Categories(Optional.empty(), List.of());

    public Categories {
        taxonomies = List.copyOf(taxonomies);
    }

    /** {@code id@version} of each taxonomy, comma separated (part of the model version a record carries). */
    public String versions() {
        return taxonomies.stream().map(t -> t.taxonomy().id() + "@" + t.taxonomy().version())
                .collect(Collectors.joining(","));
    }

    public boolean any() {
        return fusion.isPresent() || !taxonomies.isEmpty();
    }
}
