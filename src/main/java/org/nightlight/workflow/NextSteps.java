package org.nightlight.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.nightlight.account.User;
import org.nightlight.workflow.Policy.Person;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;

/**
 * Who may take the next step on an item in a language, asked of the {@link Policy} inside the caller's
 * transaction (so it sees the step just taken, uncommitted): what notifications tell people has arrived in
 * their queue.
 */
public final class NextSteps {

    /** The work that waits, as the queues name it. */
    public enum Work { TO_TRANSLATE, TO_REVIEW, TO_SIGN_OFF, TO_PUBLISH }

    private final Policy policy;

    public NextSteps(Policy policy) {
        this.policy = policy;
    }

    /**
     * The people who may do what now waits on the newest text (user id → work), none when nothing waits. A
     * translation goes to its clinicians once its language review approved it, so each hand-off tells one group.
     */
    public Map<Long, Work> whoActsNext(Session s, long itemId, String languageCode) {
        Slot slot = Facts.slot(s, itemId, languageCode);
        if (slot == null) {
            return Map.of();
        }
        Rev latest = slot.latestRevisionId() == null ? null : Facts.rev(s, slot.latestRevisionId());
        Map<Long, Work> next = new LinkedHashMap<>();
        for (Person who : people(s)) {
            Work work = null;
            if (Policy.needsTranslation(slot)) {
                work = policy.edit(who, slot).allowed() ? Work.TO_TRANSLATE : null;
            } else if (latest == null) {
                work = null;
            } else if (Policy.state(slot, latest) == ItemState.APPROVED) {
                work = policy.publish(who, slot, latest).allowed() ? Work.TO_PUBLISH : null;
            } else if (Policy.awaits(ReviewKind.LANGUAGE, slot, latest)) {
                work = policy.review(who, ReviewKind.LANGUAGE, slot, latest).allowed() ? Work.TO_REVIEW : null;
            } else if (Policy.awaits(ReviewKind.MEDICAL, slot, latest)
                    && (slot.source() || latest.language() == Decision.APPROVED)) {
                work = policy.review(who, ReviewKind.MEDICAL, slot, latest).allowed() ? Work.TO_SIGN_OFF : null;
            }
            if (work != null) {
                next.put(who.id(), work);
            }
        }
        return next;
    }

    private static List<Person> people(Session s) {
        return s.createSelectionQuery("""
                select distinct u from User u left join fetch u.roles left join fetch u.qualifications
                where u.active = true""", User.class).getResultList().stream().map(Person::of).toList();
    }
}
