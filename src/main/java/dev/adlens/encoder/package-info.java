/**
 * Dispatching visual.onnx to an inference endpoint: KServe v2 over HTTP (Triton, serve-encoders) or SageMaker
 * (Triton container), with deadline-derived timeouts, jittered retries, a circuit breaker and local fallback.
 */
package dev.adlens.encoder;
