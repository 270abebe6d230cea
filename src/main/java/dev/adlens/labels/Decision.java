package dev.adlens.labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns probabilities into ranked, selected labels: a class is selected when its score reaches its calibrated
 * threshold (head.json); when none does, the top-scoring class is selected, because every ad has at least one
 * topic and one sentiment (Pitt annotators always give one). Stateless.
 */
public final class Decision {
    private Decision() {
    }

    public static List<ScoredLabel> decide(float[] probs, float[] thresholds, List<LabelClass> classesInOrder) {
        return decide(probs, thresholds, classesInOrder, false);
    }

    /**
     * The same; {@code unclear}: the evidence was too weak to choose, every class is ranked and none is selected
     * (Pitt's answer 39, "unclear").
     */
    public static List<ScoredLabel> decide(float[] probs, float[] thresholds, List<LabelClass> classesInOrder,
                                           boolean unclear) {
        List<ScoredLabel> out = new ArrayList<>(probs.length);
        boolean any = false;
        for (int i = 0; i < probs.length; i++) {
            LabelClass c = classesInOrder.get(i);
            boolean selected = !unclear && probs[i] >= thresholds[i];
            any |= selected;
            out.add(new ScoredLabel(c.id(), c.key(), c.name(), probs[i], selected));
        }
        out.sort(Comparator.comparingDouble(ScoredLabel::score).reversed());
        if (!any && !unclear && !out.isEmpty()) {
            ScoredLabel top = out.get(0);
            out.set(0, new ScoredLabel(top.id(), top.key(), top.name(), top.score(), true));
        }
        return out;
    }
}
