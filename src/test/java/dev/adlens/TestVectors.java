package dev.adlens;

/** Vector arithmetic the tests share. */
public final class TestVectors {
    private TestVectors() {
    }

    /** The cosine of the angle between {@code a} and {@code b} (same length). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
