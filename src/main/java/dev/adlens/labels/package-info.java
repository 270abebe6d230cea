/** The label taxonomy (official Pitt Ads topics and sentiments) and the labels adlens outputs. */
package dev.adlens.labels;
