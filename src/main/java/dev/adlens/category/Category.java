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
 * @param contrast      a second question the category's evidence depends on (optional, null when absent)
 */
public record Category(String id, String name, String parent, String description, List<String> phrases,
                       List<String> exampleTexts, List<String> exampleImages, Contrast contrast) {
    public Category {
        phrases = List.copyOf(phrases);
        exampleTexts = List.copyOf(exampleTexts);
        exampleImages = List.copyOf(exampleImages);
    }

    public Category(String id, String name, String parent, String description, List<String> phrases,
                    List<String> exampleTexts, List<String> exampleImages) {
        this(id, name, parent, description, phrases, exampleTexts, exampleImages, null);
    }

    /**
     * Evidence that is about who an ad speaks to rather than what it sells (IAB's Business and Industrial: a B2B
     * software ad is "business" whatever it sells): the category's similarity gains {@code weight} times (best match
     * among {@code forPhrases} − best match among {@code againstPhrases}).
     */
    public record Contrast(double weight, List<String> forPhrases, List<String> againstPhrases) {
        public Contrast {
            forPhrases = List.copyOf(forPhrases);
            againstPhrases = List.copyOf(againstPhrases);
        }
    }

    /** The same category with its example images replaced by the text read from them. */
    public Category withImageTexts(List<String> texts) {
        List<String> all = new java.util.ArrayList<>(exampleTexts);
        all.addAll(texts);
        return new Category(id, name, parent, description, phrases, all, List.of(), contrast);
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
