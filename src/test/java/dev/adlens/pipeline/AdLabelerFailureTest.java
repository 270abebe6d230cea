package dev.adlens.pipeline;

import dev.adlens.labels.LabelOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.TestModels;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.head.HeadSpec;
import dev.adlens.head.OnnxHead;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.image.RgbImage;
import dev.adlens.labels.Taxonomy;
import dev.adlens.ocr.OcrResult;
import dev.adlens.onnx.OnnxModel;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unit test of AdLabeler's failure policy with stand-in encoders (one class under test). */
class AdLabelerFailureTest {
    static VisualEncoder encoder(VisualContract contract, RuntimeException failure) {
        return new VisualEncoder() {
            @Override
            public VisualContract contract() {
                return contract;
            }

            @Override
            public List<VisualFeatures> encode(List<RgbImage> images) {
                throw failure;
            }
        };
    }

    @Test
    void anUnexpectedDefectBecomesAFailedOutcomeNotACrash() throws Exception {
        HeadSpec spec = HeadSpec.read(TestModels.dir().resolve("head/head.json"));
        VisualContract contract = new VisualContract("visual-1", 512, 512, spec.globalDim(), spec.objectDim(),
                spec.topL(), Map.of(1, "person"));
        try (OnnxModel head = OnnxModel.open(TestModels.dir().resolve("head/head.onnx"), 1);
             dev.adlens.text.LocalTextModel text = dev.adlens.text.LocalTextModel.open(TestModels.dir(), 1,
                     spec.maxWords())) {
            FeatureExtractor extractor = new FeatureExtractor(new ImageDecoder(ImageLimits.DEFAULT),
                    encoder(contract, new IllegalStateException("native crash")), (img, deadline) -> new OcrResult(List.of(), List.of()),
                    text.embedder(null), Runnable::run);
            AdLabeler labeler = new AdLabeler(extractor, new OnnxHead(head, spec), Taxonomy.official(), AdLabeler.DEFAULT_BUDGET);
            LabelOutcome o = labeler.label("a.jpg", Files.readAllBytes(Path.of("src/test/resources/synth/synth-0.jpg")));
            assertThat(o).isInstanceOf(LabelOutcome.Failed.class);
            assertThat(((LabelOutcome.Failed) o).code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(((LabelOutcome.Failed) o).message()).contains("native crash");
        }
    }

    /** OCR that takes {@code ocrMillis} (on its own thread, as in the pipeline) against an image budget. */
    private static LabelOutcome labelWithSlowOcr(long ocrMillis, long budgetMillis, long callerDeadlineMillis)
            throws Exception {
        HeadSpec spec = HeadSpec.read(TestModels.dir().resolve("head/head.json"));
        VisualContract contract = new VisualContract(spec.visualVersion(), 512, 512, spec.globalDim(), spec.objectDim(),
                spec.topL(), Map.of(1, "person"));
        VisualEncoder zeros = new VisualEncoder() {
            @Override
            public VisualContract contract() {
                return contract;
            }

            @Override
            public List<VisualFeatures> encode(List<RgbImage> images) {
                List<dev.adlens.visual.Detection> none = new java.util.ArrayList<>();
                for (int i = 0; i < spec.topL(); i++) {
                    none.add(new dev.adlens.visual.Detection(0, "none", 0f, 0, 0, 0, 0));
                }
                return List.of(new VisualFeatures(new float[spec.globalDim()], new float[spec.topL()][spec.objectDim()],
                        none));
            }
        };
        java.util.concurrent.ExecutorService ocrPool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (OnnxModel head = OnnxModel.open(TestModels.dir().resolve("head/head.onnx"), 1);
             dev.adlens.text.LocalTextModel text = dev.adlens.text.LocalTextModel.open(TestModels.dir(), 1,
                     spec.maxWords())) {
            FeatureExtractor extractor = new FeatureExtractor(new ImageDecoder(ImageLimits.DEFAULT), zeros,
                    (img, deadline) -> {
                        try {
                            Thread.sleep(ocrMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return new OcrResult(List.of(), List.of());
                    }, text.embedder(null), ocrPool);
            AdLabeler labeler = new AdLabeler(extractor, new OnnxHead(head, spec), Taxonomy.official(),
                    java.time.Duration.ofMillis(budgetMillis));
            byte[] bytes = Files.readAllBytes(Path.of("src/test/resources/synth/synth-0.jpg"));
            return labeler.label("slow.jpg", bytes, dev.adlens.time.Deadline.in(callerDeadlineMillis));
        } finally {
            ocrPool.shutdownNow();
        }
    }

    @Test
    void anImagePastItsBudgetFailsProcessingTimeoutAndOneCutShortByTheCallerIsRetryable() throws Exception {
        LabelOutcome own = labelWithSlowOcr(5_000, 300, Long.MAX_VALUE);
        assertThat(own).isInstanceOfSatisfying(LabelOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.PROCESSING_TIMEOUT));
        assertThat(ErrorCode.PROCESSING_TIMEOUT.retryable()).isFalse();
        LabelOutcome caller = labelWithSlowOcr(5_000, 300, 100); // less invocation time left than the budget
        assertThat(caller).isInstanceOfSatisfying(LabelOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
        // the same stages inside a budget they fit in label (20 s: decode, text encoder and head take well under 1 s)
        assertThat(labelWithSlowOcr(0, 20_000, Long.MAX_VALUE)).isInstanceOf(LabelOutcome.Labeled.class);
    }

    @Test
    void refusesAHeadTrainedOnOtherEncoders() throws Exception {
        HeadSpec spec = HeadSpec.read(TestModels.dir().resolve("head/head.json"));
        VisualContract other = new VisualContract("visual-2", 512, 512, spec.globalDim(), spec.objectDim(), spec.topL(),
                Map.of());
        try (OnnxModel head = OnnxModel.open(TestModels.dir().resolve("head/head.onnx"), 1);
             dev.adlens.text.LocalTextModel text = dev.adlens.text.LocalTextModel.open(TestModels.dir(), 1,
                     spec.maxWords())) {
            FeatureExtractor extractor = new FeatureExtractor(new ImageDecoder(ImageLimits.DEFAULT),
                    encoder(other, new IllegalStateException()), (img, deadline) -> new OcrResult(List.of(), List.of()),
                    text.embedder(null), Runnable::run);
            assertThatThrownBy(() -> new AdLabeler(extractor, new OnnxHead(head, spec), Taxonomy.official(), AdLabeler.DEFAULT_BUDGET))
                    .isInstanceOf(AdlensException.class)
                    .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.MODEL_INVALID);
        }
    }
}
