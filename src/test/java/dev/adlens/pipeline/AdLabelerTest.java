package dev.adlens.pipeline;

import dev.adlens.IntegrationTest;
import dev.adlens.labels.LabelOutcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.TestModels;
import dev.adlens.error.ErrorCode;
import dev.adlens.head.HeadSpec;
import dev.adlens.head.OnnxHead;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.labels.AdLabels;
import dev.adlens.labels.ScoredLabel;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.ocr.OcrConfig;
import dev.adlens.ocr.TesseractOcr;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.visual.LocalOnnxVisualEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole pipeline with the real shipped models and real Tesseract, wired by constructor injection. */
@IntegrationTest
class AdLabelerTest {
    static OnnxModel visualModel;
    static OnnxModel headModel;
    static TesseractOcr ocr;
    static ExecutorService ocrPool;
    static AdLabeler labeler;
    static HeadSpec spec;
    static dev.adlens.text.LocalTextModel text;

    @BeforeAll
    static void wire() throws Exception {
        visualModel = OnnxModel.open(TestModels.visual(), OnnxModel.Options.threads(2));
        headModel = OnnxModel.open(TestModels.dir().resolve("head/head.onnx"), OnnxModel.Options.threads(1));
        spec = HeadSpec.read(TestModels.dir().resolve("head/head.json"));
        ocr = new TesseractOcr(new OcrConfig(TestModels.tessdata(), "eng", 2, 55f, 0.08));
        ocrPool = Executors.newFixedThreadPool(2);
        text = dev.adlens.text.LocalTextModel.open(TestModels.dir(), 1, spec.maxWords());
        FeatureExtractor extractor = new FeatureExtractor(new ImageDecoder(ImageLimits.DEFAULT),
                new LocalOnnxVisualEncoder(visualModel), ocr, text.embedder(null), ocrPool);
        labeler = new AdLabeler(extractor, new OnnxHead(headModel, spec), PittTaxonomy.official(), AdLabeler.DEFAULT_BUDGET);
    }

    @AfterAll
    static void close() throws Exception {
        ocrPool.shutdownNow();
        ocr.close();
        text.close();
        headModel.close();
        visualModel.close();
    }

    static byte[] sample(String name) throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/synth", name));
    }

    @Test
    void labelsAnAdWithRankedScoresEvidenceAndVersions() throws Exception {
        LabelOutcome outcome = labeler.label("synth-3.jpg", sample("synth-3.jpg"));
        assertThat(outcome).isInstanceOf(LabelOutcome.Labeled.class);
        AdLabels l = ((LabelOutcome.Labeled) outcome).labels();
        assertThat(l.topics()).hasSize(38).isSortedAccordingTo(Comparator.comparingDouble(ScoredLabel::score).reversed());
        assertThat(l.sentiments()).hasSize(30);
        assertThat(l.selectedTopics()).isNotEmpty();
        for (ScoredLabel s : l.topics()) {
            int i = spec.topicIds().indexOf(s.id());
            // selected exactly by threshold, except the top one which is always kept
            if (s != l.topics().get(0)) {
                assertThat(s.selected()).isEqualTo(s.score() >= spec.topicThresholds()[i]);
            }
        }
        assertThat(l.ocr().text().toLowerCase()).contains("computer");
        assertThat(l.topicAttention().text()).isGreaterThan(0f);
        float sum = l.topicAttention().image() + l.topicAttention().objects() + l.topicAttention().text();
        assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(l.models().head()).isEqualTo(spec.version());
        assertThat(l.models().visual()).isEqualTo("visual-1");
        assertThat(l.timings().totalMs()).isGreaterThanOrEqualTo(l.timings().visualMs());
    }

    @Test
    void badInputEndsAsATypedFailureNotAnException() throws Exception {
        LabelOutcome text = labeler.label("notes.txt", "hello".getBytes());
        assertThat(text).isEqualTo(new LabelOutcome.Failed("notes.txt", ErrorCode.UNSUPPORTED_FORMAT,
                ((LabelOutcome.Failed) text).message()));
        byte[] jpeg = sample("synth-0.jpg");
        LabelOutcome truncated = labeler.label("cut.jpg", java.util.Arrays.copyOf(jpeg, 60));
        assertThat(((LabelOutcome.Failed) truncated).code()).isEqualTo(ErrorCode.CORRUPT_IMAGE);
    }

    @Test
    void concurrentLabelingGivesTheSameAnswers() throws Exception {
        List<String> names = List.of("synth-0.jpg", "synth-2.jpg", "synth-3.jpg", "synth-6.jpg");
        List<String> sequential = new ArrayList<>();
        for (String n : names) {
            sequential.add(topKeys(labeler.label(n, sample(n))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String n : names) {
                futures.add(pool.submit(() -> topKeys(labeler.label(n, sample(n)))));
            }
            for (int i = 0; i < names.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    private static String topKeys(LabelOutcome o) {
        AdLabels l = ((LabelOutcome.Labeled) o).labels();
        return l.topics().subList(0, 3).stream().map(s -> s.key() + String.format("%.4f", s.score())).toList()
                + " " + l.ocr().text();
    }
}
