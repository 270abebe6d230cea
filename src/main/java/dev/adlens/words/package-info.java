/** Pretrained word vectors for OCR tokens: a memory-mapped packed matrix (GloVe) or a FastText .vec file. */
package dev.adlens.words;
