package org.nightlight.content;

public enum ItemKind {
    TOPIC,
    QUESTION,
    /** a topic's "when to get urgent help" block */
    URGENT_HELP
}
