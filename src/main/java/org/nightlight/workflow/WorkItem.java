package org.nightlight.workflow;

import java.time.Instant;
import java.time.LocalDate;
import org.nightlight.content.ItemKind;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;

/**
 * One item in one language as the work queues see it: its newest revision and where that stands, and the
 * live publication beside it. A language with no text yet has state MISSING and no revision. {@link #slot()}
 * and {@link #latest()} are the facts the {@link Policy} decides on.
 */
public record WorkItem(long itemId, ItemKind kind, Long topicId, int position, Integer number, String title,
        Instant savedAt, LocalDate nextReviewDue, boolean outdated, String sourceTitle, Slot slot, Rev latest,
        Instant sourcePublishedAt, Instant submittedAt) {

    public String languageCode() {
        return slot.languageCode();
    }

    public boolean sourceLanguage() {
        return slot.source();
    }

    public Long revisionId() {
        return slot.latestRevisionId();
    }

    public Long authorId() {
        return latest == null ? null : latest.authorId();
    }

    public boolean submitted() {
        return latest != null && latest.submitted();
    }

    public Decision medical() {
        return latest == null ? null : latest.medical();
    }

    public Decision language() {
        return latest == null ? null : latest.language();
    }

    public Long liveRevisionId() {
        return slot.liveRevisionId();
    }

    public boolean withdrawn() {
        return slot.liveWithdrawn();
    }

    public ItemState state() {
        return Policy.state(slot, latest);
    }

    public boolean live() {
        return slot.live();
    }

    /**
     * Work that a SAFETY change made urgent: the text readers had was taken down (they now read the source
     * language, or nothing), or a translation is made from source text older than the newest SAFETY change.
     */
    public boolean safety() {
        if (slot.liveWithdrawn()) {
            return true;
        }
        Integer safety = slot.newestSafetyNumber();
        return !slot.source() && safety != null && latest != null && latest.baseSourceNumber() != null
                && latest.baseSourceNumber() < safety;
    }

    /**
     * Since when this work has waited: a translation to make or redo since its source text went live, a
     * submitted text since it was submitted, anything else since its newest revision was saved.
     */
    public Instant waitingSince() {
        if (Policy.needsTranslation(slot) && sourcePublishedAt != null) {
            return sourcePublishedAt;
        }
        if (submitted() && submittedAt != null) {
            return submittedAt;
        }
        return savedAt != null ? savedAt : sourcePublishedAt;
    }

    public boolean reviewOverdue(LocalDate today) {
        return live() && nextReviewDue != null && nextReviewDue.isBefore(today);
    }

    public boolean reviewDueWithin30Days(LocalDate today) {
        return live() && nextReviewDue != null && !nextReviewDue.isAfter(today.plusDays(30));
    }
}
