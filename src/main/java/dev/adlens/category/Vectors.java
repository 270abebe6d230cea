package dev.adlens.category;

import java.util.List;

/** The vector arithmetic of the category engine: dot products, sums and unit length, on float arrays. */
final class Vectors {
    private Vectors() {
    }

    static float dot(float[] a, float[] b) {
        // four running sums: independent additions the CPU overlaps (a single sum waits on each add in turn); a
        // taxonomy's alignment is ~10^6 of these
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int n = Math.min(a.length, b.length);
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** The best dot product of {@code ad} with any of {@code vectors} (-1 for none). */
    static float best(float[][] vectors, float[] ad) {
        float best = -1;
        for (float[] v : vectors) {
            best = Math.max(best, dot(v, ad));
        }
        return best;
    }

    static void add(float[] into, float[] x) {
        for (int i = 0; i < into.length && i < x.length; i++) {
            into[i] += x[i];
        }
    }

    /** {@code v} scaled to unit length in place (a zero vector stays zero); returns it. */
    static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }

    /** The unit mean of {@code vectors}. */
    static float[] unitMean(List<float[]> vectors) {
        float[] sum = new float[vectors.get(0).length];
        vectors.forEach(x -> add(sum, x));
        return unit(sum);
    }
}
