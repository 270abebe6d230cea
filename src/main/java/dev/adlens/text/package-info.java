/** The text encoder: a pretrained transformer (ONNX) that reads the OCR words in context, in process or on an endpoint. */
package dev.adlens.text;
