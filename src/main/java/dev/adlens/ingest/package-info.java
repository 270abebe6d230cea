/**
 * From "an object landed in a bucket" to "its record is in the table": the per-object flow ({@link
 * dev.adlens.ingest.ObjectIngest}) and the per-trigger policy ({@link dev.adlens.ingest.TriggerProcessor}): which
 * failures are recorded and acknowledged, which are handed back for a retry, and how each event source is told.
 */
package dev.adlens.ingest;
