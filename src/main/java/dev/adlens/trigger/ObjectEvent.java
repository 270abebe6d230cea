package dev.adlens.trigger;

import dev.adlens.bucket.ImageRef;

/** One object an event says was created, with the event's time (ISO-8601, may be null). */
public record ObjectEvent(ImageRef ref, String eventTime) {
}
