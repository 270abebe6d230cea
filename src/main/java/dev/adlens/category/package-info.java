/**
 * The category engine: any taxonomy (IAB Ad Product 2.0, Pitt's topics read by their phrases, a user's own file) scored
 * against an ad's text with the shared sentence encoder, zero-shot from names, descriptions and phrases, few-shot from
 * example texts; the hierarchy respected (a child never scores above its parent); and the fusion of Pitt topic
 * evidence with the trained head.
 */
package dev.adlens.category;
