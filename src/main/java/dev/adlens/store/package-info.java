/**
 * The DynamoDB label table: one item per image (the output contract plus where it came from), written with
 * conditional puts so that at-least-once delivery has an exactly-once effect, and paged queries on the GSIs.
 */
package dev.adlens.store;
