/**
 * Measurement tooling, in a source set of its own (src/tools/java) so that what ships holds none of it:
 * {@code adlens bench} (the whole pipeline beside the tesseract CLI), {@code bench-encoders} (in-process vs
 * served encoders), {@code coldstart} (the function's first invocation through a local Lambda Runtime API
 * emulator). Registered by the command line; left out of function.zip.
 */
package dev.adlens.tools;
