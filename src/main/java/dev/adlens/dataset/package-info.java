/** Training datasets written by {@code adlens features}: NumPy .npy arrays PyTorch reads without extra packages. */
package dev.adlens.dataset;
