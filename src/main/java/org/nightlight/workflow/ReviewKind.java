package org.nightlight.workflow;

/** LANGUAGE: is the translation faithful. MEDICAL: is it clinically right (the sign-off). */
public enum ReviewKind {
    LANGUAGE,
    MEDICAL
}
