package org.nightlight.content;

/** How soon a parent should act, most urgent first: each level is its own urgent-help block of a topic. */
public enum CareLevel {
    /** Call an emergency number now. */
    EMERGENCY,
    /** Get urgent advice today. */
    URGENT,
    /** See your doctor soon. */
    SOON
}
