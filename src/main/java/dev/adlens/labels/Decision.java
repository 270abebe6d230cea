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
        List<ScoredLabel> out = new ArrayList<>(probs.length);
        boolean any = false;
        for (int i = 0; i < probs.length; i++) {
            LabelClass c = classesInOrder.get(i);
            boolean selected = probs[i] >= thresholds[i];
            any |= selected;
            out.add(new ScoredLabel(c.id(), c.key(), c.name(), probs[i], selected));
        }
        out.sort(Comparator.comparingDouble(ScoredLabel::score).reversed());
        if (!any && !out.isEmpty()) {
            ScoredLabel top = out.get(0);
            out.set(0, new ScoredLabel(top.id(), top.key(), top.name(), top.score(), true));
        }
        return out;
    }
}
