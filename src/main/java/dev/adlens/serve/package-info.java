/**
 * {@code adlens serve-encoders}: visual.onnx behind the KServe v2 HTTP protocol (the subset Triton serves), with
 * dynamic batching and a bounded queue; the peer of the remote encoder client in tests and on GPU hosts without
 * Triton.
 */
package dev.adlens.serve;
