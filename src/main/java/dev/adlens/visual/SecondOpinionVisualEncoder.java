package dev.adlens.visual;

import dev.adlens.error.AdlensException;
import dev.adlens.image.RgbImage;
import dev.adlens.time.Deadline;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A visual encoder whose adult scores get a second opinion ({@link AdultCheck}) where {@code ask} says the first
 * model's alone would fire a rule: the cascade that keeps nsfwjs's MobileNetV2 false positives (a wine still life, a
 * medical native unit) from becoming adult flags, at no cost for the other ads. Scores that were not measured (an
 * endpoint without the adult output) are never asked about. Where the second model cannot answer (a broken or
 * mismatched file: {@link AdultCheck} says why) the first scores stand, with a warning. The in-process second opinion
 * is bounded by its fixed input size, not by the caller's deadline (its first call also opens the model, ~0.3 s).
 * Thread-safe when both parts are.
 */
public final class SecondOpinionVisualEncoder implements VisualEncoder {
    private static final Logger LOG = LoggerFactory.getLogger(SecondOpinionVisualEncoder.class);
    private final VisualEncoder first;
    private final AdultCheck check;
    private final Predicate<AdultScores> ask;

    public SecondOpinionVisualEncoder(VisualEncoder first, AdultCheck check, Predicate<AdultScores> ask) {
        this.first = first;
        this.check = check;
        this.ask = ask;
    }

    @Override
    public VisualContract contract() {
        return first.contract();
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images) throws AdlensException {
        return confirmed(images, first.encode(images));
    }

    @Override
    public List<VisualFeatures> encode(List<RgbImage> images, Deadline deadline) throws AdlensException {
        return confirmed(images, first.encode(images, deadline));
    }

    private List<VisualFeatures> confirmed(List<RgbImage> images, List<VisualFeatures> features)
            throws AdlensException {
        List<Integer> asked = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            AdultScores a = features.get(i).adult();
            if (a.measured() && ask.test(a)) {
                asked.add(i);
            }
        }
        if (asked.isEmpty()) {
            return features;
        }
        List<AdultScores> second;
        try {
            second = check.scores(asked.stream().map(images::get).toList());
        } catch (AdlensException e) {
            // the ads are not lost for it: their first scores stand, and a rule fires on them as it did before the
            // second opinion existed (the cautious side)
            LOG.atWarn().log("adult second opinion unavailable, the first model's scores stand for {} image(s): {}",
                    asked.size(), e.getMessage());
            return features;
        }
        List<VisualFeatures> out = new ArrayList<>(features);
        for (int j = 0; j < asked.size(); j++) {
            VisualFeatures f = out.get(asked.get(j));
            out.set(asked.get(j), f.withAdult(f.adult().withSecondOpinion(second.get(j))));
        }
        return out;
    }
}
