package dev.adlens.head;

/**
 * One image's head inputs, flattened row-major: global [Dg], objects [L*Do], objectMask [L], words [M*Dw],
 * wordMask [M], sentence [Ds] (empty when the head has no sentence input). {@link #toString()} leaves the vectors out.
 */
public record HeadInput(float[] global, float[] objects, float[] objectMask, float[] words, float[] wordMask,
                        float[] sentence) {
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
