package dev.adlens.category;

import java.util.List;
import java.util.Map;

/**
 * How a taxonomy borrows what adlens knows ({@link Knowledge}: the built-in IAB categories with their phrases,
 * prototypes and Pitt bridge, and the fused Pitt topics): its file's {@code transfer} block and its categories'
 * {@code alignTo} lists. Every field is optional in the file; {@code "transfer": false} turns borrowing off.
 *
 * @param enabled      whether the taxonomy borrows at all (off for the built-in taxonomies, which are the knowledge)
 * @param weight       how much the borrowed evidence counts beside the category's own similarity (the log of the
 *                     borrowed probability is added times this)
 * @param pittWeight   how much a fused Pitt topic counts beside an IAB category of the same probability
 * @param temperature  softmax temperature of the alignment: how sharply a built-in category's evidence goes to the
 *                     user category most like it
 * @param exampleShare how far the example ads' own built-in answers replace the name-based alignment, for categories
 *                     that have examples
 * @param alignedFrom  best alignment (cosine) below which a category borrows nothing; also where "none of them" aligns
 * @param alignedAt    best alignment from which a category borrows fully (linear from {@code alignedFrom}); both on
 *                     the text encoder's cosine scale
 * @param alignTo      per category id, the built-in categories it borrows from ({@code "iab:1082"},
 *                     {@code "pitt:9"}; an IAB category with its subtree), replacing the automatic alignment; an
 *                     empty list turns borrowing off for that category
 */
public record TransferSettings(boolean enabled, double weight, double pittWeight, double temperature,
                               double exampleShare, double alignedFrom, double alignedAt,
                               Map<String, List<String>> alignTo) {
    /**
     * Weight 0.2, example share 0.6 and, on MiniLM's cosine scale, temperature 0.07 and alignment 0.45 → 0.60 were
     * chosen on web-ads train (models/README.md, "Any taxonomy"). The shipped encoder, bge-small, meets even unrelated
     * texts at ~0.6: the cosine values were carried to its scale by the linear map between the two encoders' best
     * alignments of IAB Content Taxonomy 3.1's 704 names (bge = 0.438 + 0.543 · MiniLM, r 0.92): temperature 0.04,
     * alignment 0.68 → 0.76. Pitt weight 1.5 (0.25 before) was refitted on two fitting sets and two wordings, web-ads
     * train with its product labels and Pitt symbols-fit with the Pitt topics named in a word or two: at 0.25 a
     * Pitt-like taxonomy borrowed mostly IAB's evidence and read Pitt-like text worse than borrowing nothing.
     */
    public static final TransferSettings DEFAULT = new TransferSettings(true, 0.2, 1.5, 0.04, 0.6, 0.68, 0.76,
            Map.of());
    public static final TransferSettings OFF = new TransferSettings(false, 0, 0, 1, 0, 1, 1, Map.of());

    public TransferSettings {
        if (weight < 0 || weight > 10 || pittWeight < 0 || pittWeight > 10 || !(temperature > 0) || temperature > 10
                || exampleShare < 0 || exampleShare > 1 || !(alignedFrom >= -1) || alignedAt > 1
                || !(alignedAt > alignedFrom) && enabled) {
            throw new IllegalArgumentException("transfer out of range: weight and pittWeight in [0, 10], temperature "
                    + "in (0, 10], exampleShare in [0, 1], -1 <= alignedFrom < alignedAt <= 1");
        }
        alignTo = Map.copyOf(alignTo);
    }

    public TransferSettings withAlignTo(Map<String, List<String>> alignTo) {
        return new TransferSettings(enabled, weight, pittWeight, temperature, exampleShare, alignedFrom, alignedAt,
                alignTo);
    }
}
