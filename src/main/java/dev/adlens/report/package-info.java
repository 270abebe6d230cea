/** The self-contained HTML report of a labeling run (images with boxes, label bars, attention). */
package dev.adlens.report;
