package org.nightlight.account;

/** What a person is qualified to do in one language. */
public enum Capability {
    TRANSLATE,
    LANGUAGE_REVIEW,
    MEDICAL_REVIEW
}
