/** The labeling pipeline: decode, visual encoder and OCR in parallel, words, head, decision. */
package dev.adlens.pipeline;
