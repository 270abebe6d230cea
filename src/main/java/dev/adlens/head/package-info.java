/** The multimodal multitask head (head.onnx + head.json): attention fusion and the two multi-label heads. */
package dev.adlens.head;
