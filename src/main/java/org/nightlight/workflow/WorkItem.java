package org.nightlight.workflow;

import java.time.Instant;
import java.time.LocalDate;
import org.nightlight.content.ItemKind;

/**
 * One item in one language as the work queues see it: its newest revision and where that stands, and the
 * live publication beside it. A language with no text yet has state MISSING and no revision.
 */
public record WorkItem(long itemId, ItemKind kind, Long topicId, int position, String languageCode,
        boolean sourceLanguage, Long revisionId, Integer number, String title, Long authorId, Instant savedAt,
        boolean submitted, Decision medical, Decision language, Long liveRevisionId, boolean withdrawn,
        LocalDate nextReviewDue, boolean outdated, String sourceTitle) {

    public ItemState state() {
        if (revisionId == null) {
            return ItemState.MISSING;
        }
        if (revisionId.equals(liveRevisionId)) {
            return withdrawn ? ItemState.WITHDRAWN : ItemState.PUBLISHED;
        }
        if (medical == Decision.CHANGES_REQUESTED || language == Decision.CHANGES_REQUESTED) {
            return ItemState.CHANGES_REQUESTED;
        }
        if (medical == Decision.APPROVED && (sourceLanguage || language == Decision.APPROVED)) {
            return ItemState.APPROVED;
        }
        return submitted ? ItemState.IN_REVIEW : ItemState.DRAFT;
    }

    public boolean live() {
        return liveRevisionId != null && !withdrawn;
    }

    public boolean reviewOverdue(LocalDate today) {
        return live() && nextReviewDue != null && nextReviewDue.isBefore(today);
    }

    public boolean reviewDueWithin30Days(LocalDate today) {
        return live() && nextReviewDue != null && !nextReviewDue.isAfter(today.plusDays(30));
    }
}
