/**
 * The post-deploy smoke test: one signed call to the HTTP API and one object through the bucket → function → table
 * flow, each reported as a step with a one-line reason when it fails.
 */
package dev.adlens.smoke;
