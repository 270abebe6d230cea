/** Decoded images as the encoders consume them. */
package dev.adlens.image;
