package dev.adlens.report;

import dev.adlens.safety.Action;
import dev.adlens.safety.Safety;
import dev.adlens.category.CategoryScore;
import dev.adlens.category.TaxonomyLabels;
import dev.adlens.error.ErrorCode;
import dev.adlens.image.RgbImage;
import dev.adlens.labels.AdLabels;
import dev.adlens.quality.QualityScores;
import dev.adlens.visual.AdultScores;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.ModelVersions;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.StageTimings;
import dev.adlens.labels.TaskAttention;
import dev.adlens.ocr.OcrResult;
import dev.adlens.ocr.OcrWord;
import dev.adlens.visual.Detection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reports of many ads without running the models: outcomes shaped like real ones (38 topics, 30 sentiments, objects,
 * 20 OCR words, an IAB answer) and the pictures of the shipped samples, reused in turn.
 */
final class SyntheticAds {
    static final String[] TOPICS = {"travel", "cars", "restaurant", "financial", "healthcare", "clothing", "games"};

    private SyntheticAds() {
    }

    /** Ad {@code i} labeled: its top topic cycles through {@link #TOPICS}, every fifth is unclear. */
    static LabelOutcome labeled(String file, int i, String ocrText) {
        return labeled(file, i, ocrText, null);
    }

    /** The same, answered in {@code taxonomy} instead of the synthetic IAB answer (null: that one). */
    static LabelOutcome labeled(String file, int i, String ocrText, TaxonomyLabels taxonomy) {
        List<ScoredLabel> topics = new ArrayList<>();
        float top = 0.40f + (i * 37 % 60) / 100f;
        boolean unclear = i % 5 == 4;
        for (int t = 0; t < 38; t++) {
            String key = t == 0 ? TOPICS[i % TOPICS.length] : "topic-" + t;
            topics.add(new ScoredLabel(t, key, key, t == 0 ? top : top / (t + 2), t == 0 && !unclear));
        }
        List<ScoredLabel> sentiments = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            sentiments.add(new ScoredLabel(s, "sentiment-" + s, "Sentiment " + s, 0.7f / (s + 1), s == 0));
        }
        List<OcrWord> words = new ArrayList<>();
        List<TaskAttention.WordWeight> weights = new ArrayList<>();
        String[] text = ocrText.split(" ");
        for (int w = 0; w < text.length; w++) {
            words.add(new OcrWord(text[w], 90, 20 + 40 * (w % 8), 30 + 30 * (w / 8), 36, 20));
            weights.add(new TaskAttention.WordWeight(text[w], 1f / (w + 2)));
        }
        TaskAttention attention = new TaskAttention(0.0001f, 0.15f, 0.8499f, List.of(1f, 0.5f), weights);
        List<CategoryScore> categories = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            categories.add(new CategoryScore(String.valueOf(1000 + c), "Category " + c, null, 1, 0.9f / (c + 1),
                    0.5f, "evidence phrase " + c, c == 0 && !unclear));
        }
        TaxonomyLabels iab = taxonomy != null ? taxonomy
                : new TaxonomyLabels("iab-ad-product-2.0", "2.0", 1, categories, unclear);
        return new LabelOutcome.Labeled(new AdLabels(file, topics, sentiments,
                List.of(new Detection(1, "person", 0.9f, 0.1f, 0.1f, 0.5f, 0.9f),
                        new Detection(3, "car", 0.6f, 0.5f, 0.4f, 0.95f, 0.8f)),
                new OcrResult(words, List.of("luminance")), attention, attention,
                new ModelVersions("head-1", "visual-1", "text-1", "iab-ad-product-2.0@2.0"),
                new StageTimings(5, 200, 300, 40, 2, 420), List.of(iab), unclear, quality(i),
                AdultScores.UNMEASURED, safety(i)));
    }

    /** The first ad is a native unit viewers call clickbait; the others have no quality model. */
    static QualityScores quality(int i) {
        return i != 0 ? QualityScores.UNMEASURED : new QualityScores(Map.of("clickbait", 0.55, "deceptive", 0.3,
                "manipulative", 0.05, "distasteful", 0.01), Map.of("native", 0.91, "advertorial", 0.62, "image", 0.04,
                "googleResponsive", 0.02), true);
    }

    /** Every third ad goes to review on a sensitive category; the others are allowed. */
    static Safety safety(int i) {
        List<Safety.Flag> flags = i % 3 == 1 ? List.of(new Safety.Flag("category:1002", "category", "Alcohol",
                Action.REVIEW, 0.81, 0.5, "IAB category 1002 Alcohol selected with probability 0.81")) : List.of();
        return new Safety(flags.isEmpty() ? Action.ALLOW : Action.REVIEW, "adlens-default", "1", flags,
                List.of("adult:porn"));
    }

    static LabelOutcome failed(String file) {
        return new LabelOutcome.Failed(file, ErrorCode.CORRUPT_IMAGE, "not a decodable image");
    }

    /** The shipped samples' report pictures. */
    static List<HtmlReport.Thumbnail> sampleThumbnails() throws IOException {
        List<HtmlReport.Thumbnail> thumbs = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("samples"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                thumbs.add(HtmlReport.thumbnail(RgbImage.of(ImageIO.read(p.toFile()))));
            }
        }
        return thumbs;
    }

    /** A report of {@code n} ads, every tenth failed. */
    static HtmlReport report(int n) throws IOException {
        List<HtmlReport.Thumbnail> thumbs = sampleThumbnails();
        HtmlReport report = new HtmlReport();
        for (int i = 0; i < n; i++) {
            String file = String.format("ads/%s-%03d.jpg", TOPICS[i % TOPICS.length], i);
            if (i % 10 == 9) {
                report.add(failed(file), null);
            } else {
                report.add(labeled(file, i, "SUMMER SALE up to 50% off all flights book now and save on hotels "
                        + "cars and tours this week only terms apply"), thumbs.get(i % thumbs.size()));
            }
        }
        return report;
    }
}
