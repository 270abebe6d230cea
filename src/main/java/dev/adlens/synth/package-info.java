/** {@code adlens synth}: a synthetic ad corpus in the Pitt Ads format, an honest bootstrap for training. */
package dev.adlens.synth;
