package org.nightlight.workflow;

public enum Decision {
    APPROVED,
    CHANGES_REQUESTED
}
