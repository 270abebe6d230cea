/**
 * The event shapes that start a labeling, parsed from their JSON with Jackson's tree model (no Joda-based event
 * classes: they fail in native images): S3 notifications, SQS messages carrying them, EventBridge "Object Created"
 * and S3 Batch Operations (schema 2.0).
 */
package dev.adlens.trigger;
