package dev.adlens.labels;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adlens.UnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@UnitTest
class DecisionTest {
    private final List<LabelClass> classes = List.of(new LabelClass(1, "a", "A"), new LabelClass(2, "b", "B"),
            new LabelClass(3, "c", "C"));

    @Test
    void selectsByPerClassThresholdAndRanksEveryClass() {
        List<ScoredLabel> out = Decision.decide(new float[]{0.30f, 0.70f, 0.45f}, new float[]{0.25f, 0.8f, 0.4f}, classes);
        assertThat(out).extracting(ScoredLabel::key).containsExactly("b", "c", "a");
        assertThat(out).extracting(ScoredLabel::selected).containsExactly(false, true, true);
    }

    @Test
    void alwaysSelectsTheTopClassWhenNoneReachesItsThreshold() {
        List<ScoredLabel> out = Decision.decide(new float[]{0.1f, 0.2f, 0.15f}, new float[]{0.5f, 0.5f, 0.5f}, classes);
        assertThat(out).filteredOn(ScoredLabel::selected).extracting(ScoredLabel::key).containsExactly("b");
    }
}
