package org.nightlight.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Role;
import org.nightlight.workflow.ItemState;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.WorkItem;

/**
 * The signed-in person's work, cut from the workflow overview: each queue lists what the {@link Policy} lets
 * this person do now and what waits for it to be done.
 */
public record Queues(List<WorkItem> toTranslate, List<WorkItem> toReview, List<WorkItem> toSignOff,
        List<WorkItem> changesRequested, List<WorkItem> readyToPublish, List<WorkItem> reviewDue) {

    static Queues of(Policy policy, Person me, List<WorkItem> all, LocalDate today) {
        Policy.Person who = Policy.Person.of(me);
        return new Queues(
                filter(all, w -> !w.sourceLanguage() && policy.edit(who, w.slot()).allowed()
                        && (Policy.needsTranslation(w.slot()) || mine(me, w) && w.state() == ItemState.DRAFT)),
                filter(all, w -> w.latest() != null && Policy.awaits(ReviewKind.LANGUAGE, w.slot(), w.latest())
                        && policy.review(who, ReviewKind.LANGUAGE, w.slot(), w.latest()).allowed()),
                filter(all, w -> w.latest() != null && Policy.awaits(ReviewKind.MEDICAL, w.slot(), w.latest())
                        && policy.review(who, ReviewKind.MEDICAL, w.slot(), w.latest()).allowed()),
                filter(all, w -> w.latest() != null && policy.edit(who, w.slot()).allowed()
                        && (mine(me, w) && w.state() == ItemState.CHANGES_REQUESTED
                            || Policy.updateRequested(w.slot(), w.latest()))),
                filter(all, w -> w.latest() != null && policy.publish(who, w.slot(), w.latest()).allowed()),
                // periodic clinical review is the editors' and clinicians' to arrange, not a workflow step
                filter(all, w -> (me.has(Role.EDITOR) || me.has(Role.CLINICIAN)) && w.reviewDueWithin30Days(today)));
    }

    /** A queue with its message-key name, for listing them in order. */
    public record Named(String key, List<WorkItem> items) {
    }

    public List<Named> named() {
        return List.of(new Named("toTranslate", toTranslate), new Named("toReview", toReview),
                new Named("toSignOff", toSignOff), new Named("changesRequested", changesRequested),
                new Named("readyToPublish", readyToPublish), new Named("reviewDue", reviewDue));
    }

    public int total() {
        return toTranslate.size() + toReview.size() + toSignOff.size() + changesRequested.size()
                + readyToPublish.size() + reviewDue.size();
    }

    private static boolean mine(Person me, WorkItem w) {
        return w.authorId() != null && w.authorId() == me.id();
    }

    private static List<WorkItem> filter(List<WorkItem> all, Predicate<WorkItem> keep) {
        return all.stream().filter(keep).toList();
    }
}
