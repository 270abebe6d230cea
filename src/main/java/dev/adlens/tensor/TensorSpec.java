package dev.adlens.tensor;

import java.util.Arrays;

/**
 * A tensor a model takes or gives: name, KServe datatype and shape, -1 where the size varies (the batch). One table of
 * these per model is what the local encoder checks outputs against, what the server publishes as model metadata and
 * what the remote client compares that metadata with.
 */
public record TensorSpec(String name, String datatype, long... shape) {
    public TensorSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The shape with every variable dimension set to {@code n} (a batch of n). */
    public long[] shapeFor(long n) {
        long[] s = shape.clone();
        for (int i = 0; i < s.length; i++) {
            if (s[i] < 0) {
                s[i] = n;
            }
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec t && name.equals(t.name) && datatype.equals(t.datatype)
                && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + datatype.hashCode()) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Arrays.toString(shape);
    }
}
