package org.nightlight.account;

public enum Role {
    ADMIN,
    EDITOR,
    TRANSLATOR,
    CLINICIAN
}
