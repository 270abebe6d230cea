/** The {@code adlens} command line (picocli): wires the core pipeline directly, no framework boot. */
package dev.adlens.cli;
