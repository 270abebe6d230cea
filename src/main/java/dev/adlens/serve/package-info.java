/**
 * The HTTP servers, on the JDK's {@code HttpServer}. {@code adlens serve-encoders}: visual.onnx behind the KServe v2
 * HTTP protocol (the subset Triton serves), with dynamic batching and a bounded queue; the peer of the remote encoder
 * client in tests and on GPU hosts without Triton. {@code adlens serve}: {@link dev.adlens.serve.ApiServer}, the labels
 * API on localhost for trying a client before a deploy.
 */
package dev.adlens.serve;
