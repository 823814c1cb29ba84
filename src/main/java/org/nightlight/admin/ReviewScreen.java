package org.nightlight.admin;

import java.util.List;
import java.util.Map;
import org.nightlight.account.Accounts.Person;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ItemState;
import org.nightlight.workflow.LiveOutcome;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.WorkItem;
import org.nightlight.workflow.WorkflowQueries.ReviewRecord;

/**
 * What the review screen adds so that a review picks up where the reviewer left off and ends somewhere: the
 * changes since the revision this reviewer last decided on, and after a decision what happens next and the
 * next text waiting in the same queue.
 */
final class ReviewScreen {

    /** The revision this reviewer last reviewed (or refused) before this one, and the changes since. */
    record SinceMine(RevisionRef seen, Map<String, String> diff, boolean isLive) {
    }

    /** After a decision: a message key for what happens next, and the next revision to review (or null). */
    record NextSteps(String messageKey, WorkItem next) {
    }

    private ReviewScreen() {
    }

    /**
     * The newest earlier revision {@code me} reviewed, diffed against {@code revision}; null when they never
     * reviewed an earlier one. {@code history} is newest first, {@code reviews} by revision id.
     */
    static SinceMine sinceMine(long me, RevisionRef revision, RevisionRef live, List<RevisionRef> history,
            Map<Long, List<ReviewRecord>> reviews) {
        for (RevisionRef r : history) {
            if (r.number() < revision.number() && reviews.getOrDefault(r.id(), List.of()).stream()
                    .anyMatch(v -> v.reviewerId() == me)) {
                return new SinceMine(r, diff(r, revision), live != null && live.id() == r.id());
            }
        }
        return null;
    }

    static Map<String, String> diff(RevisionRef from, RevisionRef to) {
        return Map.of(
                "title", WordDiff.html(from.text().title(), to.text().title()),
                "body", WordDiff.html(from.text().body(), to.text().body()),
                "sources", WordDiff.html(from.text().sources(), to.text().sources()));
    }

    /**
     * What the decision just made ({@code decided}, the newest review of its kind) leads to, from where the text
     * stands now, and the first other text waiting for the same kind of review from this person.
     */
    static NextSteps after(ReviewRecord decided, ItemState state, Queues queues, RevisionRef revision) {
        String key;
        if (decided.decision() == Decision.CHANGES_REQUESTED) {
            key = decided.liveOutcome() == LiveOutcome.UNSAFE ? "admin.next.withdrawn"
                    : decided.liveOutcome() == LiveOutcome.UPDATE_NEEDED ? "admin.next.liveUpdateNeeded"
                    : "admin.next.changesRequested";
        } else {
            key = switch (state == null ? ItemState.MISSING : state) {
                case APPROVED -> "admin.next.approved";
                case IN_REVIEW -> decided.kind() == ReviewKind.LANGUAGE ? "admin.next.awaitsMedical"
                        : "admin.next.awaitsLanguage";
                default -> "admin.next.recorded";
            };
        }
        List<WorkItem> queue = decided.kind() == ReviewKind.LANGUAGE ? queues.toReview() : queues.toSignOff();
        WorkItem next = queue.stream().filter(w -> w.revisionId() != null && w.revisionId() != revision.id())
                .findFirst().orElse(null);
        return new NextSteps(key, next);
    }

    static Queues queues(ContentViews views, Person me) {
        return Queues.of(views.policy(), me, views.queries.overview(), views.today());
    }
}
