package dev.adlens.head;

import dev.adlens.visual.VisualFeatures;
import dev.adlens.words.WordSequence;

/**
 * One image's head inputs, flattened row-major: global [Dg], objects [L*Do], objectMask [L], words [M*Dw],
 * wordMask [M], sentence [Ds] (empty when the head has no sentence input). {@link #toString()} leaves the vectors out.
 */
public record HeadInput(float[] global, float[] objects, float[] objectMask, float[] words, float[] wordMask,
                        float[] sentence) {
    /**
     * Packs one image's features in the shapes {@code spec} was trained on: the top-L detections' region features,
     * each masked in when its detection score reaches the spec's object threshold, and the words as embedded.
     */
    public static HeadInput of(VisualFeatures visual, WordSequence words, HeadSpec spec) {
        float[] objects = new float[spec.topL() * spec.objectDim()];
        float[] objectMask = new float[spec.topL()];
        for (int i = 0; i < spec.topL(); i++) {
            System.arraycopy(visual.objects()[i], 0, objects, i * spec.objectDim(), spec.objectDim());
            if (visual.detections().get(i).score() >= spec.objectScoreThreshold()) {
                objectMask[i] = 1f;
            }
        }
        return new HeadInput(visual.global(), objects, objectMask, words.vectors(), words.mask(), words.sentence());
    }

    @Override
    public String toString() {
        int objectsOn = 0;
        for (float m : objectMask) {
            objectsOn += m > 0 ? 1 : 0;
        }
        int wordsOn = 0;
        for (float m : wordMask) {
            wordsOn += m > 0 ? 1 : 0;
        }
        return "HeadInput[objects=" + objectsOn + ", words=" + wordsOn + "]";
    }
}
