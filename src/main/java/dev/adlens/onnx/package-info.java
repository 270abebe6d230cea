/** ONNX Runtime ownership: one environment per process, one session per model file. */
package dev.adlens.onnx;
