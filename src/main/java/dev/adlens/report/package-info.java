/**
 * The report of a labeling run: one self-contained HTML page (an overview table to sort, filter and export, then each
 * ad's details: image with boxes, label bars, and the attention under "why") and the same overview as CSV.
 */
package dev.adlens.report;
