package org.nightlight.workflow;

import java.util.List;
import java.util.stream.Collectors;
import org.nightlight.checks.Check;

/**
 * A refused workflow transition. Each kind has a stable {@link #code()} the admin turns into a message in
 * the user's language; {@link #getMessage()} is the English explanation for logs and tests.
 */
public abstract class WorkflowException extends RuntimeException {

    private final String code;

    WorkflowException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The person lacks the role for this action. */
    public static final class NotPermitted extends WorkflowException {
        NotPermitted(String message) {
            super("workflow.error.notPermitted", message);
        }
    }

    public static final class NotQualifiedForLanguage extends WorkflowException {
        NotQualifiedForLanguage(String message) {
            super("workflow.error.notQualified", message);
        }
    }

    /** Four eyes: nobody reviews or signs off their own text. */
    public static final class SelfReviewRefused extends WorkflowException {
        SelfReviewRefused(String message) {
            super("workflow.error.selfReview", message);
        }
    }

    public static final class RevisionNotApproved extends WorkflowException {
        RevisionNotApproved(String message) {
            super("workflow.error.notApproved", message);
        }
    }

    /** Someone saved first; {@link #latest()} is their revision so both versions can be shown. */
    public static final class StaleRevision extends WorkflowException {
        private final RevisionRef latest;

        StaleRevision(String message, RevisionRef latest) {
            super("workflow.error.stale", message);
            this.latest = latest;
        }

        public RevisionRef latest() {
            return latest;
        }
    }

    /** Rollback to a text whose sign-off is past its review date. */
    public static final class SignOffExpired extends WorkflowException {
        SignOffExpired(String message) {
            super("workflow.error.signOffExpired", message);
        }
    }

    /** The step does not fit the item's state (submitting twice, reviewing a draft, ...). */
    public static final class InvalidTransition extends WorkflowException {
        InvalidTransition(String code, String message) {
            super(code, message);
        }
    }

    /**
     * A translation whose blocking automatic checks fail against the source it was made from: it stays a draft
     * until they pass. {@link #failed()} names the checks; the pages list what each found.
     */
    public static final class ChecksFailed extends WorkflowException {
        private final List<Check> failed;

        ChecksFailed(List<Check> failed) {
            super("workflow.error.checksFailed", "blocking checks failed: "
                    + failed.stream().map(Check::code).collect(Collectors.joining(", ")));
            this.failed = List.copyOf(failed);
        }

        public List<Check> failed() {
            return failed;
        }
    }

    /** Text a form must show again with the problem named next to its field. */
    public static final class InvalidText extends WorkflowException {
        private final String field;

        InvalidText(String field, String code, String message) {
            super(code, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * The database's safeguards (a trigger, a check, a missing grant) refused a change the service let through:
     * the rule lives in both places and the database had the last word. The message is the database's own.
     */
    public static final class RefusedByDatabase extends WorkflowException {
        RefusedByDatabase(String message, Throwable cause) {
            super("workflow.error.refusedByDatabase", message);
            initCause(cause);
        }
    }

    public static final class NotFound extends WorkflowException {
        NotFound(String message) {
            super("workflow.error.notFound", message);
        }
    }
}
