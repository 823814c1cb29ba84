package org.nightlight.notify;

/** What a notification tells of; each has a notify.event.* message in every bundle (V20 lists the same codes). */
public enum Event {
    TO_TRANSLATE, TO_REVIEW, TO_SIGN_OFF, TO_PUBLISH, APPROVED, SENT_BACK, COMMENTED, SAFETY, REVIEW_DUE;

    /** Mailed at once even to someone who chose the daily digest: readers of that language are affected now. */
    public boolean urgent() {
        return this == SAFETY;
    }

    public String messageKey() {
        return "notify.event." + name();
    }
}
