/**
 * A named tensor as the encoders produce it and the wire carries it ({@link dev.adlens.tensor.Tensor}: datatype,
 * shape, raw little-endian bytes) and a model's table of what it takes and gives ({@link dev.adlens.tensor.TensorSpec}).
 * Neutral ground: the in-process encoders build these from ONNX Runtime, the KServe codec reads and writes them,
 * and neither knows the other.
 */
package dev.adlens.tensor;
