package org.nightlight.workflow;

/** Where the newest text of an item in a language stands. */
public enum ItemState {
    MISSING,
    DRAFT,
    IN_REVIEW,
    CHANGES_REQUESTED,
    APPROVED,
    PUBLISHED,
    /** the newest text was live and was taken down after a safety change of its source */
    WITHDRAWN
}
