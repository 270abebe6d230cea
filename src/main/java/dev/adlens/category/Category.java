package dev.adlens.category;

import java.util.List;

/**
 * One category of a taxonomy as its file gives it.
 *
 * @param id            unique within the taxonomy (IAB's numeric ids are kept as strings)
 * @param parent        the parent's id, or null for a top-level (tier-1) category
 * @param description   what is advertised, in words an ad would use (optional)
 * @param phrases       short phrases such ads carry; each is matched on its own (optional)
 * @param exampleTexts  text of example ads (few-shot; optional)
 * @param exampleImages example ad images, paths relative to the taxonomy file (read by OCR at load; optional)
 */
public record Category(String id, String name, String parent, String description, List<String> phrases,
                       List<String> exampleTexts, List<String> exampleImages) {
    public Category {
        phrases = List.copyOf(phrases);
        exampleTexts = List.copyOf(exampleTexts);
        exampleImages = List.copyOf(exampleImages);
    }

    /** The same category with its example images replaced by the text read from them. */
    public Category withImageTexts(List<String> texts) {
        List<String> all = new java.util.ArrayList<>(exampleTexts);
        all.addAll(texts);
        return new Category(id, name, parent, description, phrases, all, List.of());
    }

    /** What is matched zero-shot: the name, the description and every phrase (blank ones left out). */
    public List<String> matchTexts() {
        List<String> out = new java.util.ArrayList<>();
        out.add(name);
        if (description != null && !description.isBlank()) {
            out.add(description);
        }
        out.addAll(phrases);
        return out;
    }
}
