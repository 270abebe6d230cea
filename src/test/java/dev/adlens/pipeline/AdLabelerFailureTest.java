package dev.adlens.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adlens.UnitTest;
import dev.adlens.error.AdlensException;
import dev.adlens.error.ErrorCode;
import dev.adlens.head.Head;
import dev.adlens.head.HeadInput;
import dev.adlens.head.HeadOutput;
import dev.adlens.head.HeadSpec;
import dev.adlens.image.ImageDecoder;
import dev.adlens.image.ImageLimits;
import dev.adlens.image.RgbImage;
import dev.adlens.labels.LabelOutcome;
import dev.adlens.labels.PittTaxonomy;
import dev.adlens.ocr.Ocr;
import dev.adlens.ocr.OcrResult;
import dev.adlens.text.TextEmbedder;
import dev.adlens.time.Deadline;
import dev.adlens.visual.Detection;
import dev.adlens.visual.VisualContract;
import dev.adlens.visual.VisualEncoder;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.words.WordSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * AdLabeler's failure policy on fake ports (no model, no Tesseract): a defect in a stage becomes a FAILED outcome, the
 * image budget and the caller's deadline fail with their own codes, a head trained on other encoders is refused.
 */
@UnitTest
class AdLabelerFailureTest {
    private static final PittTaxonomy TAXONOMY = PittTaxonomy.official();
    /** A small head: 2 objects of 3 dims, 4 words of 5 dims, no sentence vector, every official class. */
    private static final HeadSpec SPEC = new HeadSpec("fake-head-1", 4, 2, 3, 4, 5, 0, 0.5f, "visual-1", "fake-words",
            TAXONOMY.topics().stream().map(c -> c.id()).toList(), TAXONOMY.sentiments().stream().map(c -> c.id()).toList(),
            new float[TAXONOMY.topics().size()], new float[TAXONOMY.sentiments().size()]);
    private static final VisualContract CONTRACT = new VisualContract("visual-1", 512, 512, SPEC.globalDim(),
            SPEC.objectDim(), SPEC.topL(), Map.of(1, "person"));

    /** Answers each input with the same probabilities (topic i at (i+1)/100), counting runs. */
    static class FakeHead implements Head {
        int runs;

        @Override
        public HeadSpec spec() {
            return SPEC;
        }

        @Override
        public List<HeadOutput> run(List<HeadInput> batch) throws AdlensException {
            runs++;
            List<HeadOutput> out = new ArrayList<>();
            int t = SPEC.topicIds().size();
            int s = SPEC.sentimentIds().size();
            for (HeadInput ignored : batch) {
                float[] topics = new float[t];
                IntStream.range(0, t).forEach(i -> topics[i] = (i + 1) / 100f);
                out.add(new HeadOutput(topics, new float[s], new float[3], new float[3], new float[SPEC.topL()],
                        new float[SPEC.maxWords()], new float[SPEC.topL()], new float[SPEC.maxWords()]));
            }
            return out;
        }
    }

    /** Zero vectors for any words, with the head's dims. */
    static final class FakeEmbedder implements TextEmbedder {
        @Override
        public WordSequence embed(List<String> words) {
            return new WordSequence(List.of(), new float[SPEC.maxWords() * SPEC.wordDim()], SPEC.maxWords(),
                    SPEC.wordDim(), 0, new float[0]);
        }

        @Override
        public String name() {
            return "fake-words";
        }

        @Override
        public int dim() {
            return SPEC.wordDim();
        }

        @Override
        public int capacity() {
            return SPEC.maxWords();
        }

        @Override
        public int sentenceDim() {
            return 0;
        }
    }

    static VisualEncoder visual(VisualContract contract, RuntimeException failure) {
        return new VisualEncoder() {
            @Override
            public VisualContract contract() {
                return contract;
            }

            @Override
            public List<VisualFeatures> encode(List<RgbImage> images) {
                if (failure != null) {
                    throw failure;
                }
                List<Detection> none = new ArrayList<>();
                for (int i = 0; i < SPEC.topL(); i++) {
                    none.add(new Detection(0, "none", 0f, 0, 0, 0, 0));
                }
                return images.stream().map(i -> new VisualFeatures(new float[SPEC.globalDim()],
                        new float[SPEC.topL()][SPEC.objectDim()], none)).toList();
            }
        };
    }

    static Ocr slowOcr(long millis) {
        return (img, deadline) -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new OcrResult(List.of(), List.of());
        };
    }

    private static byte[] ad() throws Exception {
        return Files.readAllBytes(Path.of("src/test/resources/synth/synth-0.jpg"));
    }

    private static LabelOutcome label(VisualEncoder visual, Ocr ocr, Head head, long budgetMillis, long deadlineMillis)
            throws Exception {
        ExecutorService ocrPool = Executors.newSingleThreadExecutor();
        try {
            FeatureExtractor extractor = new FeatureExtractor(new ImageDecoder(ImageLimits.DEFAULT), visual, ocr,
                    new FakeEmbedder(), ocrPool);
            AdLabeler labeler = new AdLabeler(extractor, head, TAXONOMY, Duration.ofMillis(budgetMillis));
            return labeler.label("ad.jpg", ad(), Deadline.in(deadlineMillis));
        } finally {
            ocrPool.shutdownNow();
        }
    }

    @Test
    void theFakesLabelWhenNothingFails() throws Exception {
        FakeHead head = new FakeHead();
        LabelOutcome o = label(visual(CONTRACT, null), slowOcr(0), head, 20_000, Long.MAX_VALUE);
        assertThat(o).isInstanceOf(LabelOutcome.Labeled.class);
        assertThat(head.runs).isEqualTo(1);
    }

    @Test
    void anUnexpectedDefectBecomesAFailedOutcomeNotACrash() throws Exception {
        FakeHead head = new FakeHead();
        LabelOutcome o = label(visual(CONTRACT, new IllegalStateException("native crash")), slowOcr(0), head, 20_000,
                Long.MAX_VALUE);
        assertThat(o).isInstanceOfSatisfying(LabelOutcome.Failed.class, f -> {
            assertThat(f.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
            assertThat(f.message()).contains("native crash");
        });
        assertThat(head.runs).isZero();
    }

    @Test
    void aHeadThatFailsFailsTheImageWithItsCode() throws Exception {
        Head failing = new FakeHead() {
            @Override
            public List<HeadOutput> run(List<HeadInput> batch) throws AdlensException {
                throw new AdlensException(ErrorCode.HEAD_FAILED, "head.onnx failed: bad input");
            }
        };
        LabelOutcome o = label(visual(CONTRACT, null), slowOcr(0), failing, 20_000, Long.MAX_VALUE);
        assertThat(o).isInstanceOfSatisfying(LabelOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.HEAD_FAILED));
    }

    @Test
    void anImagePastItsBudgetFailsProcessingTimeoutAndOneCutShortByTheCallerIsRetryable() throws Exception {
        LabelOutcome own = label(visual(CONTRACT, null), slowOcr(5_000), new FakeHead(), 300, Long.MAX_VALUE);
        assertThat(own).isInstanceOfSatisfying(LabelOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.PROCESSING_TIMEOUT));
        assertThat(ErrorCode.PROCESSING_TIMEOUT.retryable()).isFalse();
        // less invocation time left than the budget: the caller's deadline, retried elsewhere
        LabelOutcome caller = label(visual(CONTRACT, null), slowOcr(5_000), new FakeHead(), 300, 100);
        assertThat(caller).isInstanceOfSatisfying(LabelOutcome.Failed.class,
                f -> assertThat(f.code()).isEqualTo(ErrorCode.DEADLINE_EXCEEDED));
        assertThat(ErrorCode.DEADLINE_EXCEEDED.retryable()).isTrue();
    }

    @Test
    void refusesAHeadTrainedOnOtherEncoders() {
        VisualContract other = new VisualContract("visual-2", 512, 512, SPEC.globalDim(), SPEC.objectDim(), SPEC.topL(),
                Map.of());
        FeatureExtractor extractor = new FeatureExtractor(new ImageDecoder(ImageLimits.DEFAULT), visual(other, null),
                slowOcr(0), new FakeEmbedder(), Runnable::run);
        assertThatThrownBy(() -> new AdLabeler(extractor, new FakeHead(), TAXONOMY, AdLabeler.DEFAULT_BUDGET))
                .isInstanceOf(AdlensException.class)
                .extracting(e -> ((AdlensException) e).code()).isEqualTo(ErrorCode.MODEL_INVALID);
    }
}
