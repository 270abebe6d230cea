/**
 * The KServe v2 / Open Inference Protocol subset adlens speaks (as NVIDIA Triton serves it): tensors, the JSON
 * request and response, and the binary tensor extension. One codec for the client and for serve-encoders.
 */
package dev.adlens.kserve;
