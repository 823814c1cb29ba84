package org.nightlight.admin;

import java.util.Set;

/**
 * The one-line message after a redirect ("Saved.", or why a follow-up step was refused), carried in the
 * address as a known key only: anything else in the parameter is ignored, so it cannot inject text.
 */
final class Flash {

    private static final Set<String> DONE = Set.of("saved", "submitted", "reviewed", "published", "unpublished",
            "rolledBack", "reordered", "created", "withdrawn", "draftDiscarded");

    /** Every refusal code the workflow service throws; each has a workflow.error.* message in every bundle. */
    static final Set<String> WORKFLOW_CODES = Set.of("notPermitted", "notQualified", "selfReview", "notApproved",
            "stale", "signOffExpired", "notFound", "alreadySubmitted", "notSubmitted", "noLanguageReviewOfSource",
            "sourceNotPublished", "alreadyPublished", "changeKindRequired", "notPublished", "neverPublished",
            "reorderMismatch", "commentRequired", "titleRequired", "titleTooLong", "slugInvalid", "slugTaken",
            "bodyRequired", "bodyTooLong", "safetyChangeSinceTranslated", "publishedMeanwhile", "withdrawnForGood",
            "olderThanSafetyChange", "refusedByDatabase", "changedMeanwhile", "liveOutcomeRequired", "careLevelTaken",
            "commentEmpty", "commentTooLong", "alreadyResolved", "unchanged", "unchangedNeedsNote",
            "alreadyReviewed", "checksFailed");

    private Flash() {
    }

    /** The message key for a completed action, or null. */
    static String done(String value) {
        return value != null && DONE.contains(value) ? "admin.done." + value : null;
    }

    /** The message key of a workflow refusal code, or null. */
    static String refused(String value) {
        return value != null && value.startsWith("workflow.error.")
                && WORKFLOW_CODES.contains(value.substring("workflow.error.".length())) ? value : null;
    }
}
