package org.nightlight.admin;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Role;
import org.nightlight.workflow.ItemState;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.WorkItem;

/**
 * The signed-in person's work, cut from the workflow overview: each queue lists what the {@link Policy} lets
 * this person do now and what waits for it to be done. An item in one language is in one queue per step: text
 * sent back is in "changes requested" only, a submitted text leaves "to translate" for "my work in review".
 * SAFETY work comes first in every queue.
 */
public record Queues(List<WorkItem> toTranslate, List<WorkItem> toReview, List<WorkItem> toSignOff,
        List<WorkItem> changesRequested, List<WorkItem> readyToPublish, List<WorkItem> reviewDue,
        List<WorkItem> inReview, LocalDate today) {

    static Queues of(Policy policy, Person me, List<WorkItem> all, LocalDate today) {
        Policy.Person who = Policy.Person.of(me);
        Predicate<WorkItem> changes = w -> w.latest() != null && policy.edit(who, w.slot()).allowed()
                && (w.state() == ItemState.CHANGES_REQUESTED || Policy.updateRequested(w.slot(), w.latest()));
        return new Queues(
                filter(all, w -> !w.sourceLanguage() && !changes.test(w) && policy.edit(who, w.slot()).allowed()
                        && (Policy.needsTranslation(w.slot()) && !handedOn(w)
                            || mine(me, w) && w.state() == ItemState.DRAFT)),
                filter(all, w -> w.latest() != null && Policy.awaits(ReviewKind.LANGUAGE, w.slot(), w.latest())
                        && policy.review(who, ReviewKind.LANGUAGE, w.slot(), w.latest()).allowed()),
                filter(all, w -> w.latest() != null && Policy.awaits(ReviewKind.MEDICAL, w.slot(), w.latest())
                        && policy.review(who, ReviewKind.MEDICAL, w.slot(), w.latest()).allowed()),
                filter(all, changes),
                filter(all, w -> w.latest() != null && policy.publish(who, w.slot(), w.latest()).allowed()),
                // periodic clinical review is the editors' and clinicians' to arrange, not a workflow step
                filter(all, w -> (me.has(Role.EDITOR) || me.has(Role.CLINICIAN)) && w.reviewDueWithin30Days(today)),
                filter(all, w -> mine(me, w) && w.state() == ItemState.IN_REVIEW),
                today);
    }

    /** Submitted or approved: the text is with its reviewers or editors now, not with its writers. */
    private static boolean handedOn(WorkItem w) {
        return w.state() == ItemState.IN_REVIEW || w.state() == ItemState.APPROVED;
    }

    /**
     * Only the work in {@code language} (all when blank) whose title, in its language or the source's, contains
     * {@code search} (ignoring case and accents; all when blank).
     */
    Queues filtered(String language, String search) {
        String lang = language == null ? "" : language.strip();
        String words = fold(search == null ? "" : search);
        Predicate<WorkItem> keep = w -> (lang.isEmpty() || w.languageCode().equals(lang))
                && (words.isEmpty() || fold(w.title()).contains(words) || fold(w.sourceTitle()).contains(words));
        return new Queues(keep(toTranslate, keep), keep(toReview, keep), keep(toSignOff, keep),
                keep(changesRequested, keep), keep(readyToPublish, keep), keep(reviewDue, keep),
                keep(inReview, keep), today);
    }

    /** A queue with its message-key name, for listing them in order. */
    public record Named(String key, List<WorkItem> items) {
    }

    public List<Named> named() {
        return List.of(new Named("toTranslate", toTranslate), new Named("toReview", toReview),
                new Named("toSignOff", toSignOff), new Named("changesRequested", changesRequested),
                new Named("readyToPublish", readyToPublish), new Named("inReview", inReview),
                new Named("reviewDue", reviewDue));
    }

    public int total() {
        return toTranslate.size() + toReview.size() + toSignOff.size() + changesRequested.size()
                + readyToPublish.size() + reviewDue.size() + inReview.size();
    }

    /** Whole days this work has waited (0 today), or -1 when nobody knows since when. */
    public long ageDays(WorkItem w) {
        return w.waitingSince() == null ? -1
                : ChronoUnit.DAYS.between(w.waitingSince().atZone(ZoneOffset.UTC).toLocalDate(), today);
    }

    private static boolean mine(Person me, WorkItem w) {
        return w.authorId() != null && w.authorId() == me.id();
    }

    /** SAFETY work first, the rest in the overview's order (topics, then their questions). */
    private static List<WorkItem> filter(List<WorkItem> all, Predicate<WorkItem> keep) {
        return all.stream().filter(keep).sorted(Comparator.comparing(w -> !w.safety())).toList();
    }

    private static List<WorkItem> keep(List<WorkItem> queue, Predicate<WorkItem> keep) {
        return queue.stream().filter(keep).toList();
    }

    private static String fold(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
    }
}
