package org.nightlight.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Capability;
import org.nightlight.account.Role;
import org.nightlight.workflow.ItemState;
import org.nightlight.workflow.WorkItem;

/** The signed-in person's work, cut from the workflow overview. */
public record Queues(List<WorkItem> toTranslate, List<WorkItem> toReview, List<WorkItem> toSignOff,
        List<WorkItem> changesRequested, List<WorkItem> readyToPublish, List<WorkItem> reviewDue) {

    static Queues of(Person me, List<WorkItem> all, LocalDate today) {
        boolean editor = me.has(Role.EDITOR);
        return new Queues(
                filter(all, w -> !w.sourceLanguage() && me.has(Role.TRANSLATOR)
                        && me.can(Capability.TRANSLATE, w.languageCode())
                        && (w.state() == ItemState.MISSING || w.outdated()
                            || mine(me, w) && (w.state() == ItemState.DRAFT))),
                filter(all, w -> !w.sourceLanguage() && me.can(Capability.LANGUAGE_REVIEW, w.languageCode())
                        && w.state() == ItemState.IN_REVIEW && w.language() == null && !mine(me, w)),
                filter(all, w -> me.has(Role.CLINICIAN) && me.can(Capability.MEDICAL_REVIEW, w.languageCode())
                        && w.state() == ItemState.IN_REVIEW && w.medical() == null && !mine(me, w)),
                filter(all, w -> mine(me, w) && w.state() == ItemState.CHANGES_REQUESTED),
                filter(all, w -> editor && w.state() == ItemState.APPROVED),
                filter(all, w -> (editor || me.has(Role.CLINICIAN)) && w.reviewDueWithin30Days(today)));
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
