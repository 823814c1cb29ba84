package org.nightlight.workflow;

/**
 * A clinician's answer, when asking for changes to a text readers see now, to "what happens to it meanwhile".
 */
public enum LiveOutcome {
    /** it may stay live until a corrected revision replaces it */
    UPDATE_NEEDED,
    /** it comes down now, in the same transaction (for source text, with its translations) */
    UNSAFE
}
