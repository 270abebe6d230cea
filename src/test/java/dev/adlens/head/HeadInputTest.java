package dev.adlens.head;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import dev.adlens.visual.Detection;
import dev.adlens.visual.VisualFeatures;
import dev.adlens.words.WordSequence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link HeadInput#of}: region features row by row, objects masked in from the spec's score threshold, words as embedded. */
@UnitTest
class HeadInputTest {
    /** 3 objects of 2 dims, 2 words of 2 dims, a sentence of 2, objects in at score 0.5. */
    private static final HeadSpec SPEC = new HeadSpec("h", 4, 3, 2, 2, 2, 2, 0.5f, "visual-1", "w", List.of(1),
            List.of(1), new float[1], new float[1]);

    @Test
    void packsRowsAndMasksObjectsBelowTheThreshold() {
        VisualFeatures v = new VisualFeatures(new float[] {9, 8, 7, 6}, new float[][] {{1, 2}, {3, 4}, {5, 6}},
                List.of(new Detection(1, "person", 0.9f, 0, 0, 1, 1), new Detection(3, "car", 0.5f, 0, 0, 1, 1),
                        new Detection(1, "person", 0.49f, 0, 0, 1, 1)));
        WordSequence words = new WordSequence(List.of("buy"), new float[] {0.1f, 0.2f, 0, 0}, 2, 2, 0,
                new float[] {0.6f, 0.8f});

        HeadInput in = HeadInput.of(v, words, SPEC);

        assertThat(in.global()).containsExactly(9, 8, 7, 6);
        assertThat(in.objects()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(in.objectMask()).containsExactly(1, 1, 0);
        assertThat(in.words()).containsExactly(0.1f, 0.2f, 0, 0);
        assertThat(in.wordMask()).containsExactly(words.mask());
        assertThat(in.sentence()).containsExactly(0.6f, 0.8f);
    }
}
