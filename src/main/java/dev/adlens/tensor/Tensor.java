package dev.adlens.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One named tensor: KServe datatype, shape, and the data as raw little-endian bytes (the binary extension's
 * layout; JSON data is converted to it on the way in).
 */
public record Tensor(String name, String datatype, long[] shape, byte[] data) {
    public Tensor {
        long expected = elements(shape) * elementSize(datatype);
        if (expected != data.length) {
            throw new IllegalArgumentException(name + ": " + data.length + " bytes for shape " + Arrays.toString(shape)
                    + " " + datatype + " (expected " + expected + ")");
        }
    }

    public static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Bytes per element; only the types adlens's contracts use. */
    public static int elementSize(String datatype) {
        return switch (datatype) {
            case "UINT8", "INT8", "BOOL" -> 1;
            case "FP32", "INT32" -> 4;
            case "FP64", "INT64" -> 8;
            default -> throw new IllegalArgumentException("unsupported datatype " + datatype);
        };
    }

    public static Tensor ofFloats(String name, long[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(name, "FP32", shape, b.array());
    }

    public static Tensor ofLongs(String name, long[] shape, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new Tensor(name, "INT64", shape, b.array());
    }

    public float[] floats() {
        if (!datatype.equals("FP32")) {
            throw new IllegalArgumentException(name + " is " + datatype + ", not FP32");
        }
        float[] out = new float[data.length / 4];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** INT64 or INT32 (Triton may narrow integer outputs) as longs. */
    public long[] longs() {
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        if (datatype.equals("INT64")) {
            long[] out = new long[data.length / 8];
            b.asLongBuffer().get(out);
            return out;
        }
        if (datatype.equals("INT32")) {
            int[] ints = new int[data.length / 4];
            b.asIntBuffer().get(ints);
            return Arrays.stream(ints).asLongStream().toArray();
        }
        throw new IllegalArgumentException(name + " is " + datatype + ", not an integer type");
    }

    @Override
    public String toString() {
        return name + " " + datatype + Arrays.toString(shape);
    }
}
