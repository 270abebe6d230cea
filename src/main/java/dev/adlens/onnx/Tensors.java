package dev.adlens.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.adlens.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** {@link Tensor} (little-endian bytes, a KServe datatype) to and from ORT's native tensors. */
final class Tensors {
    private Tensors() {
    }

    /** A native tensor holding {@code t}'s bytes: the caller closes it. */
    static OnnxTensor onnx(OrtEnvironment env, Tensor t) throws OrtException {
        // Tensor holds little-endian bytes; a direct buffer in native order is handed to ORT without another copy
        ByteBuffer data = ByteBuffer.allocateDirect(t.data().length).order(ByteOrder.nativeOrder());
        if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
            data.put(t.data());
        } else {
            throw new OrtException("big-endian hosts are not supported"); // ORT's Java builds are little-endian only
        }
        data.flip();
        return OnnxTensor.createTensor(env, data, t.shape(), javaType(t.datatype()));
    }

    /** An output as a {@link Tensor} named {@code name}, its bytes copied out of native memory. */
    static Tensor tensor(String name, OnnxValue value) throws OrtException {
        if (!(value instanceof OnnxTensor t)) {
            throw new OrtException("output " + name + " is not a tensor");
        }
        ByteBuffer b = t.getByteBuffer().order(ByteOrder.LITTLE_ENDIAN); // a copy in native (= little-endian) order
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new Tensor(name, datatype(t.getInfo().type), t.getInfo().getShape(), bytes);
    }

    static OnnxJavaType javaType(String datatype) throws OrtException {
        return switch (datatype) {
            case "FP32" -> OnnxJavaType.FLOAT;
            case "FP64" -> OnnxJavaType.DOUBLE;
            case "INT64" -> OnnxJavaType.INT64;
            case "INT32" -> OnnxJavaType.INT32;
            case "INT8" -> OnnxJavaType.INT8;
            case "UINT8" -> OnnxJavaType.UINT8;
            case "BOOL" -> OnnxJavaType.BOOL;
            default -> throw new OrtException("unsupported datatype " + datatype);
        };
    }

    /** ORT's element type as KServe names it. */
    static String datatype(OnnxJavaType type) {
        return switch (type) {
            case FLOAT -> "FP32";
            case DOUBLE -> "FP64";
            case INT64 -> "INT64";
            case INT32 -> "INT32";
            case INT8 -> "INT8";
            case UINT8 -> "UINT8";
            case BOOL -> "BOOL";
            default -> type.name();
        };
    }
}
