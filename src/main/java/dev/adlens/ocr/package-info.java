/** OCR of ad text with Tesseract (Tess4J over the system libtesseract): words with confidence and boxes. */
package dev.adlens.ocr;
