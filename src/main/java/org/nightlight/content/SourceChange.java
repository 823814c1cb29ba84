package org.nightlight.content;

/** How a new source text affects live translations: flagged outdated, or withdrawn at once. */
public enum SourceChange {
    MINOR,
    SAFETY
}
