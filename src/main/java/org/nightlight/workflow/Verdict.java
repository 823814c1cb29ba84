package org.nightlight.workflow;

/**
 * The policy's answer to "may this person do this now": allowed, or the kind of refusal with its message key
 * (for the admin) and an English reason (for logs and tests).
 */
public record Verdict(Kind kind, String code, String reason) {

    public enum Kind {
        ALLOWED,
        /** lacks the role */
        NOT_PERMITTED,
        /** lacks the qualification in the language */
        NOT_QUALIFIED,
        /** four eyes */
        SELF_REVIEW,
        NOT_APPROVED,
        SIGN_OFF_EXPIRED,
        /** someone wrote a newer revision */
        STALE,
        /** the step does not fit the state */
        INVALID
    }

    static final Verdict ALLOWED = new Verdict(Kind.ALLOWED, null, null);

    public boolean allowed() {
        return kind == Kind.ALLOWED;
    }

    static Verdict notPermitted(String reason) {
        return new Verdict(Kind.NOT_PERMITTED, "workflow.error.notPermitted", reason);
    }

    static Verdict notQualified(String reason) {
        return new Verdict(Kind.NOT_QUALIFIED, "workflow.error.notQualified", reason);
    }

    static Verdict selfReview(String reason) {
        return new Verdict(Kind.SELF_REVIEW, "workflow.error.selfReview", reason);
    }

    static Verdict stale(String reason) {
        return new Verdict(Kind.STALE, "workflow.error.stale", reason);
    }

    static Verdict invalid(String code, String reason) {
        return new Verdict(Kind.INVALID, code, reason);
    }
}
