package dev.adlens.store;

/** The effect of a conditional put. */
public enum WriteResult {
    /** The item was written (new image, newer object revision, or another model version). */
    WRITTEN,
    /** The table already holds this revision with this model (a duplicate or concurrent delivery). */
    DUPLICATE,
    /** The table holds a newer revision of the object: this older one is not written over it. */
    SUPERSEDED
}
