package dev.adlens.pipeline;

import dev.adlens.category.Categories;
import dev.adlens.category.Category;
import dev.adlens.category.CategoryIndex;
import dev.adlens.category.CategoryTaxonomy;
import dev.adlens.category.SentenceEncoder;
import dev.adlens.category.Knowledge;
import dev.adlens.category.TopicFusion;
import dev.adlens.category.Transfer;
import dev.adlens.head.Head;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.text.TextEmbedder;
import dev.adlens.time.Deadline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the category engine ready: the taxonomies asked for (built-in ids or files; example images read through the
 * same decode + OCR + text path as any ad) and the Pitt topic fusion, all encoded with the labeler's own text
 * embedder so that categories and ads live in one vector space.
 */
public final class CategoryLoader {
    private static final Logger LOG = LoggerFactory.getLogger(CategoryLoader.class);
    /** The Pitt topics read by their phrases: the built-in taxonomy the topic fusion scores. */
    public static final String PITT_PHRASES = "pitt-topics";
    /** The built-in IAB taxonomy: part of the knowledge other taxonomies borrow from. */
    public static final String IAB = "iab-ad-product-2.0";
    /** Longest an example image may take to read (decode, OCR, text). */
    private static final long EXAMPLE_BUDGET_MS = 20_000;

    private CategoryLoader() {
    }

    /**
     * The text embedder's sentence vector as a {@link SentenceEncoder}: category texts are encoded in padded batches
     * (~8× faster than one by one; each vector within cosine 0.99 of the text alone), ads one by one as always.
     */
    public static SentenceEncoder sentences(TextEmbedder embedder) {
        return new SentenceEncoder() {
            @Override
            public List<float[]> encode(List<String> texts) throws AdlensException {
                List<List<String>> words = new ArrayList<>(texts.size());
                for (String t : texts) {
                    String s = t.strip();
                    words.add(s.isEmpty() ? List.of() : List.of(s.split("\\s+")));
                }
                return embedder.sentences(words);
            }

            @Override
            public String name() {
                return embedder.name();
            }
        };
    }

    /** A taxonomy as read (validated) and where it came from (example images are relative to it). */
    public record Source(String name, CategoryTaxonomy taxonomy) {
    }

    /**
     * Reads and validates every taxonomy before any model is loaded, so that a bad file fails in milliseconds.
     *
     * @param taxonomies built-in ids ({@link CategoryTaxonomy#BUILT_IN}) or taxonomy files
     * @throws AdlensException TAXONOMY_INVALID for a taxonomy that cannot be used, or one asked for twice
     */
    public static List<Source> read(List<String> taxonomies) throws AdlensException {
        List<Source> out = new ArrayList<>();
        for (String name : taxonomies) {
            CategoryTaxonomy t = CategoryTaxonomy.load(name);
            if (out.stream().anyMatch(s -> s.taxonomy().id().equals(t.id()))) {
                throw new AdlensException(ErrorCode.TAXONOMY_INVALID, "taxonomy " + t.id() + " asked for twice");
            }
            out.add(new Source(name, t));
        }
        return out;
    }

    /**
     * The taxonomies made ready and the Pitt topic fusion read ({@code fusion}: models/head/fusion.json, or empty for
     * the head alone). Category texts are encoded by {@code localText} — the text model in this process, never an endpoint: a
     * taxonomy's hundreds of phrases are not worth a round trip each, and an endpoint that is down must not stop a
     * start that could serve locally — or read from the vectors {@code shipped} with the models, and kept in {@code cache}
     * between starts ({@link CachedSentences}). With no
     * local text model (frozen word vectors) taxonomies are refused and the topic fusion is left out (the head alone);
     * so it is, with a warning, when the fusion was fitted for another head than {@code headVersion} (null: no check).
     *
     * @param taxonomies what {@link #read} returned
     * @param head       with it, a taxonomy of the user's borrows from adlens's knowledge ({@link Transfer}: the
     *                   built-in IAB and the fused Pitt topics, which need the fusion), its example ads read through
     *                   the head too; null borrows nothing
     * @param policyIab  the safety policy reads IAB categories: the built-in IAB is scored on every ad even when not
     *                   asked for ({@link Categories#policyIab()}); without a text encoder it is not (the policy's
     *                   category rules are then unmeasured)
     * @param reader     how {@code extractor} reads an image besides the head (the visual model, OCR settings): with
     *                   the head and the built-in knowledge it names an example's stored read ({@link ExampleReads},
     *                   kept beside the category vectors: {@code examples/} next to {@code shipped} and {@code cache})
     * @throws AdlensException TAXONOMY_INVALID for an example image that cannot be read (nothing is half-loaded),
     *                         MODEL_INVALID for a broken fusion file or taxonomies without a text encoder
     */
    public static Categories load(List<Source> taxonomies, Optional<Path> fusion, FeatureExtractor extractor,
                                  Optional<TextEmbedder> localText, Optional<Path> shipped, Optional<Path> cache,
                                  String headVersion, Head head, boolean policyIab, String reader)
            throws AdlensException {
        Categories c = load(taxonomies, fusion, extractor, localText, shipped, cache, headVersion, head,
                new ExampleReads(shipped.map(d -> d.resolveSibling("examples")),
                        cache.map(d -> d.resolveSibling("examples")), reader + "|head " + headVersion));
        if (!policyIab || localText.isEmpty() || localText.get().sentenceDim() == 0
                || taxonomies.stream().anyMatch(s -> s.taxonomy().id().equals(IAB))) {
            return c;
        }
        return c.withPolicyIab(CategoryIndex.build(CategoryTaxonomy.builtIn(IAB),
                new CachedSentences(sentences(localText.get()), shipped, cache)));
    }

    /** {@link #load(List, Optional, FeatureExtractor, Optional, Optional, Optional, String, Head, boolean, String)} for no policy. */
    private static Categories load(List<Source> taxonomies, Optional<Path> fusion, FeatureExtractor extractor,
                                   Optional<TextEmbedder> localText, Optional<Path> shipped, Optional<Path> cache,
                                   String headVersion, Head head, ExampleReads exampleReads)
            throws AdlensException {
        if (localText.isEmpty() || localText.get().sentenceDim() == 0) {
            if (!taxonomies.isEmpty()) {
                throw new AdlensException(ErrorCode.MODEL_INVALID, "taxonomies need the text encoder; these models "
                        + "read words with frozen word vectors");
            }
            fusion.ifPresent(f -> LOG.atWarn().log("{}: the topic fusion needs the text encoder; the head alone "
                    + "answers Pitt topics", f));
            return Categories.NONE;
        }
        SentenceEncoder encoder = new CachedSentences(sentences(localText.get()), shipped, cache);
        Optional<TopicFusion> topicFusion = Optional.empty();
        CategoryIndex pittPhrases = null;
        if (fusion.isPresent()) {
            pittPhrases = CategoryIndex.build(CategoryTaxonomy.builtIn(PITT_PHRASES), encoder);
            topicFusion = Optional.of(TopicFusion.read(fusion.get(), pittPhrases));
        }
        if (topicFusion.isPresent() && headVersion != null && !topicFusion.get().head().equals(headVersion)) {
            // a retrained head with the old fusion.json beside it: refit (models/train/fit_fusion.py); until then the
            // new head answers alone rather than every command failing
            LOG.atWarn().log("{} was fitted for head {}, not {}: the head alone answers Pitt topics until it is refitted",
                    fusion.get(), topicFusion.get().head(), headVersion);
            topicFusion = Optional.empty();
        }
        boolean borrowing = head != null && topicFusion.isPresent()
                && taxonomies.stream().anyMatch(s -> s.taxonomy().transfer().enabled());
        List<CategoryIndex> indexes = new ArrayList<>();
        List<Map<String, Example>> examples = new ArrayList<>();
        // what an example's stored read depends on beyond the reader's models: the built-in knowledge it was answered by
        ExampleReads store = exampleReads.readBy(CategoryTaxonomy.builtIn(IAB).version() + "|"
                + topicFusion.map(TopicFusion::version).orElse("no fusion") + "|" + encoder.name());
        CategoryIndex iab = null;
        for (Source s : taxonomies) {
            if (s.taxonomy().prototypes() != null && !CategoryIndex.prototypesUsable(s.taxonomy(), encoder.name())) {
                // another text encoder than the one that encoded the examples: their vectors mean nothing to it
                LOG.atWarn().log("{}: its example prototypes were made by text encoder {}, not {}: left out",
                        s.name(), s.taxonomy().prototypes().encoder(), encoder.name());
            }
            Map<String, Example> read = readExamples(s, extractor, store, borrowing
                    && s.taxonomy().transfer().enabled());
            examples.add(read);
            CategoryIndex index = CategoryIndex.build(withExampleImages(s.taxonomy(), read), encoder);
            if (s.taxonomy().id().equals(IAB)) {
                iab = index;
            }
            indexes.add(index);
        }
        if (!borrowing) {
            if (head == null || topicFusion.isEmpty()) {
                taxonomies.stream().filter(s -> s.taxonomy().transfer().enabled()).findFirst().ifPresent(s ->
                        LOG.atWarn().log("{}: borrows nothing from adlens's knowledge without the topic fusion", s.name()));
            }
            return new Categories(topicFusion, indexes);
        }
        if (iab == null) {
            iab = CategoryIndex.build(CategoryTaxonomy.builtIn(IAB), encoder);
        }
        Categories builtIns = new Categories(topicFusion, List.of(), Optional.of(new Knowledge(iab, pittPhrases)));
        List<CategoryIndex> borrowingIndexes = new ArrayList<>();
        for (int i = 0; i < indexes.size(); i++) {
            CategoryIndex index = indexes.get(i);
            Source s = taxonomies.get(i);
            if (s.taxonomy().transfer().enabled()) {
                index = index.withTransfer(Transfer.align(index, builtIns.knowledge().get(),
                        exampleKnowledge(s, examples.get(i), extractor, head, builtIns, store)));
            }
            borrowingIndexes.add(index);
        }
        return builtIns.withTaxonomies(borrowingIndexes);
    }

    /** Per category id, what the built-in knowledge says of each of its example ads (images and texts). */
    private static Map<String, List<float[]>> exampleKnowledge(Source s, Map<String, Example> read,
                                                               FeatureExtractor extractor, Head head,
                                                               Categories builtIns, ExampleReads store)
            throws AdlensException {
        Map<String, List<float[]>> out = new HashMap<>();
        for (Category c : s.taxonomy().categories()) {
            List<float[]> vectors = new ArrayList<>();
            for (String image : c.exampleImages()) {
                Example e = read.get(image);
                if (e.knowledge() == null) {
                    read.put(image, e = new Example(e.key(), e.text(), e.features(),
                            AdLabeler.knowledge(head, builtIns, e.features())));
                    store.keep(e.key(), e.text(), e.knowledge());
                }
                vectors.add(e.knowledge());
            }
            for (String text : c.exampleTexts()) {
                try {
                    vectors.add(AdLabeler.knowledge(head, builtIns, AdLabeler.textFeatures(extractor, head.spec(),
                            c.id(), text, Deadline.in(EXAMPLE_BUDGET_MS))));
                } catch (AdlensException e) {
                    if (e.code() != ErrorCode.BAD_REQUEST) { // an example text without words says nothing
                        throw e;
                    }
                }
            }
            if (!vectors.isEmpty()) {
                out.put(c.id(), vectors);
            }
        }
        return out;
    }

    /** Example images (paths relative to the taxonomy file) replaced by the OCR text adlens reads in them. */
    private static CategoryTaxonomy withExampleImages(CategoryTaxonomy t, Map<String, Example> read) {
        if (t.categories().stream().allMatch(c -> c.exampleImages().isEmpty())) {
            return t;
        }
        List<Category> resolved = new ArrayList<>();
        for (Category c : t.categories()) {
            List<String> texts = new ArrayList<>();
            for (String image : c.exampleImages()) {
                String text = read.get(image).text();
                if (!text.isBlank()) {
                    texts.add(text);
                }
            }
            resolved.add(c.withImageTexts(texts));
        }
        return t.withCategories(resolved);
    }

    /**
     * An example image as read: its entry's name in the store, its OCR text, and either its features (read now) or
     * its knowledge vector (from the store; null when it was stored without one).
     */
    private record Example(String key, String text, AdFeatures features, float[] knowledge) {
    }

    /**
     * Every example image of a taxonomy read once, by its path as the file gives it: from the store when it holds the
     * read ({@code knowledge}: with a knowledge vector), else through the pipeline (decode, visual, OCR, words).
     */
    private static Map<String, Example> readExamples(Source s, FeatureExtractor extractor, ExampleReads store,
                                                     boolean knowledge) throws AdlensException {
        Map<String, Example> out = new HashMap<>();
        Path base = Path.of(s.name()).toAbsolutePath().getParent();
        for (Category c : s.taxonomy().categories()) {
            for (String image : c.exampleImages()) {
                if (!out.containsKey(image)) {
                    byte[] bytes = exampleBytes(s.name(), base, image);
                    String key = store.key(bytes);
                    Optional<ExampleReads.Stored> hit = store.find(key, knowledge);
                    if (hit.isPresent()) {
                        out.put(image, new Example(key, hit.get().text(), null, hit.get().knowledge()));
                        continue;
                    }
                    AdFeatures f = readExample(s.name(), image, bytes, extractor);
                    out.put(image, new Example(key, f.ocr().text(), f, null));
                    if (!knowledge) {
                        store.keep(key, f.ocr().text(), null);
                    }
                }
            }
        }
        return out;
    }

    private static byte[] exampleBytes(String name, Path base, String image) throws AdlensException {
        Path file = base.resolve(image).normalize();
        if (!file.startsWith(base)) {
            throw new AdlensException(ErrorCode.TAXONOMY_INVALID, "taxonomy " + name + ": example image "
                    + image + " is outside the taxonomy's directory");
        }
        try {
            if (Files.size(file) > CategoryTaxonomy.MAX_BYTES * 5) {
                throw new AdlensException(ErrorCode.TAXONOMY_INVALID, "taxonomy " + name + ": example image "
                        + image + " is larger than " + CategoryTaxonomy.MAX_BYTES * 5 + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AdlensException(ErrorCode.TAXONOMY_INVALID, "taxonomy " + name + ": example image "
                    + image + " cannot be read: " + e.getMessage());
        }
    }

    private static AdFeatures readExample(String name, String image, byte[] bytes, FeatureExtractor extractor)
            throws AdlensException {
        try {
            return extractor.extract(image, bytes, Deadline.in(EXAMPLE_BUDGET_MS));
        } catch (AdlensException e) {
            if (e.code() == ErrorCode.TAXONOMY_INVALID) {
                throw e;
            }
            throw new AdlensException(ErrorCode.TAXONOMY_INVALID, "taxonomy " + name + ": example image "
                    + image + ": " + e.code() + " " + e.getMessage());
        }
    }
}
