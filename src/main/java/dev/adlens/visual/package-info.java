/** The visual encoder stage: whole-image feature and detected objects with their region features. */
package dev.adlens.visual;
