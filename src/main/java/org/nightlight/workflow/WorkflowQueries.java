package org.nightlight.workflow;

import org.nightlight.db.SqlValues;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.content.Publication;
import org.nightlight.content.Revision;

/** Read-only views of the workflow: an item's status, what is due for review, where a live text came from. */
public final class WorkflowQueries {

    /** The state of an item in a language plus the flags beside it. */
    public record Status(ItemState state, RevisionRef latest, Long liveRevisionId, boolean outdated,
            boolean withdrawn, boolean reviewOverdue, LocalDate nextReviewDue, boolean needsTranslation,
            boolean updateRequested) {
    }

    /** One review as the history and provenance show it. */
    public record ReviewRecord(long revisionId, ReviewKind kind, Decision decision, String comment, long reviewerId,
            String reviewer, String credentials, Instant at, String contentHash, LiveOutcome liveOutcome) {
    }

    /** For a live text: who wrote it, who reviewed and signed it, who published it, and what it replaced. */
    public record Provenance(RevisionRef revision, String author, List<ReviewRecord> reviews, String publishedBy,
            Instant publishedAt, LocalDate nextReviewDue, RevisionRef replaced, RevisionRef translatedFrom) {
    }

    private final SessionFactory sessions;
    private final Clock clock;

    public WorkflowQueries(SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    public Status status(long itemId, String lang) {
        return sessions.fromTransaction(s -> status(s, itemId, lang));
    }

    Status status(Session s, long itemId, String lang) {
        Revision latest = Workflow.latestRevision(s, itemId, lang);
        Publication live = Workflow.livePublication(s, itemId, lang);
        String source = Workflow.sourceLanguage(s);
        boolean outdated = false;
        if (!lang.equals(source)) {
            Publication liveSource = Workflow.livePublication(s, itemId, source);
            Revision translation = live != null ? live.revision() : latest;
            outdated = liveSource != null && translation != null
                    && !liveSource.revision().id().equals(translation.baseSourceRevisionId());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        boolean overdue = live != null && !live.isWithdrawn() && live.nextReviewDue().isBefore(today);
        Policy.Slot slot = Facts.slot(s, itemId, lang);
        Policy.Rev latestFacts = latest == null ? null : Facts.rev(s, latest.id());
        Policy.Rev liveFacts = live == null ? null : Facts.rev(s, live.revision().id());
        return new Status(slot == null ? ItemState.MISSING : Policy.state(slot, latestFacts),
                latest == null ? null : RevisionRef.of(latest), live == null ? null : live.revision().id(), outdated,
                live != null && live.isWithdrawn(), overdue, live == null ? null : live.nextReviewDue(),
                slot != null && Policy.needsTranslation(slot), slot != null && Policy.updateRequested(slot, liveFacts));
    }

    /** The newest revision of each question of a topic in a language, in the topic's order. */
    public List<RevisionRef> questionsOf(long topicId, String lang) {
        return sessions.fromTransaction(s -> s.createSelectionQuery("""
                select r from Revision r join r.item i
                where i.topicId = :topic and i.kind = :kind and r.languageCode = :lang
                  and r.number = (select max(r2.number) from Revision r2
                                  where r2.itemId = r.itemId and r2.languageCode = r.languageCode)
                order by i.position, i.id""", Revision.class)
                .setParameter("topic", topicId)
                .setParameter("kind", org.nightlight.content.ItemKind.QUESTION)
                .setParameter("lang", lang)
                .getResultList().stream().map(RevisionRef::of).toList());
    }

    /**
     * Every item in every language with where it stands, in one query: the work queues, the content list
     * and the dashboard counts all filter this. Items without a live source text are listed only in the
     * source language (nothing to translate yet).
     */
    public List<WorkItem> overview() {
        return overview("");
    }

    /** The overview's rows of one item and of its topic, in one query whatever the size of the catalogue. */
    public List<WorkItem> overviewOf(long itemId) {
        return overview(" and (i.id = " + itemId + " or i.id = (select c.topic_id from content_items c where c.id = "
                + itemId + "))");
    }

    private List<WorkItem> overview(String andWhere) {
        return sessions.fromTransaction(s -> s.createNativeQuery("""
                select i.kind, i.topic_id, i.position, r.number, r.title, r.created_at, p.next_review_due,
                       (not l.is_source and sp.revision_id is not null
                        and coalesce(pr.base_source_revision_id, r.base_source_revision_id) is distinct from sp.revision_id
                        and (p.id is not null or r.id is not null)),
                       sr.title, sp.published_at,
                       (select su.submitted_at from submissions su where su.revision_id = r.id),
                """ + Facts.SLOT_COLUMNS + ", f.* " + Facts.SLOT_FROM + """
                left join revisions pr on pr.id = p.revision_id
                left join lateral (select v.title from revisions v where v.item_id = i.id
                                   and v.language_code = (select code from languages where is_source)
                                   order by v.number desc limit 1) sr on true
                where (l.is_source or sp.id is not null or r.id is not null)""" + andWhere + """
                order by coalesce(i.topic_id, i.id), i.topic_id nulls first, i.position, i.id, l.position, l.code
                """, Object[].class).getResultList().stream().map(WorkflowQueries::workItem).toList());
    }

    private static WorkItem workItem(Object[] row) {
        Policy.Slot slot = Facts.slot(row, 11);
        return new WorkItem(slot.itemId(), org.nightlight.content.ItemKind.valueOf((String) row[0]),
                row[1] == null ? null : ((Number) row[1]).longValue(), ((Number) row[2]).intValue(),
                row[3] == null ? null : ((Number) row[3]).intValue(), (String) row[4], SqlValues.instant(row[5]),
                SqlValues.localDate(row[6]), (Boolean) row[7], (String) row[8], slot,
                Facts.rev(row, 11 + Facts.SLOT_WIDTH), SqlValues.instant(row[9]), SqlValues.instant(row[10]));
    }

    /** An item in one language as the policy sees it, or null when either does not exist. */
    public Policy.Slot slot(long itemId, String lang) {
        return sessions.fromTransaction(s -> Facts.slot(s, itemId, lang));
    }

    /** One revision as the policy sees it, or null when there is none. */
    public Policy.Rev rev(long revisionId) {
        return sessions.fromTransaction(s -> Facts.rev(s, revisionId));
    }

    /** Who handed a revision to its reviewers, if it is submitted. */
    public java.util.Optional<Long> submittedBy(long revisionId) {
        return sessions.fromTransaction(s -> java.util.Optional.ofNullable(s.find(Submission.class, revisionId))
                .map(Submission::submittedBy));
    }

    /** Every revision of an item in a language, newest first. */
    public List<RevisionRef> history(long itemId, String lang) {
        return sessions.fromTransaction(s -> s.createSelectionQuery("""
                from Revision where itemId = :item and languageCode = :lang order by number desc""", Revision.class)
                .setParameter("item", itemId)
                .setParameter("lang", lang)
                .getResultList().stream().map(RevisionRef::of).toList());
    }

    /** The reviews of every revision of an item in a language, by revision id, oldest first: one query. */
    public java.util.Map<Long, List<ReviewRecord>> reviewsOf(long itemId, String lang) {
        return sessions.fromTransaction(s -> s.createSelectionQuery("""
                select r, u.displayName, u.credentials, v.id from Review r join r.revision v, User u
                where u.id = r.reviewerId and v.itemId = :item and v.languageCode = :lang
                order by r.id""", Object[].class)
                .setParameter("item", itemId)
                .setParameter("lang", lang)
                .getResultList().stream()
                .map(WorkflowQueries::reviewRecord)
                .collect(java.util.stream.Collectors.groupingBy(ReviewRecord::revisionId)));
    }

    /** Every revision of an item in a language as the policy sees it, by id: one query. */
    public java.util.Map<Long, Policy.Rev> revs(long itemId, String lang) {
        return sessions.fromTransaction(s -> s.createNativeQuery("select " + Facts.REV_COLUMNS
                + " from revisions v where v.item_id = :item and v.language_code = :lang", Object[].class)
                .setParameter("item", itemId)
                .setParameter("lang", lang)
                .getResultList().stream().map(row -> Facts.rev(row, 0))
                .collect(java.util.stream.Collectors.toMap(Policy.Rev::id, rev -> rev)));
    }

    private static ReviewRecord reviewRecord(Object[] row) {
        Review r = (Review) row[0];
        return new ReviewRecord((Long) row[3], r.kind(), r.decision(), r.comment(), r.reviewerId(),
                (String) row[1], (String) row[2], r.createdAt(), r.contentHash(), r.liveOutcome());
    }

    public List<ReviewRecord> reviews(long revisionId) {
        return sessions.fromTransaction(s -> reviews(s, revisionId));
    }

    private static List<ReviewRecord> reviews(Session s, long revisionId) {
        return s.createSelectionQuery("""
                select r, u.displayName, u.credentials from Review r, User u
                where u.id = r.reviewerId and r.revision.id = :rev order by r.id""", Object[].class)
                .setParameter("rev", revisionId)
                .getResultList().stream()
                .map(row -> {
                    Review r = (Review) row[0];
                    return new ReviewRecord(revisionId, r.kind(), r.decision(), r.comment(), r.reviewerId(),
                            (String) row[1], (String) row[2], r.createdAt(), r.contentHash(), r.liveOutcome());
                })
                .toList();
    }

    /** Where the live text of an item in a language came from, or null when nothing is live. */
    public Provenance provenance(long itemId, String lang) {
        return sessions.fromTransaction(s -> {
            Publication live = Workflow.livePublication(s, itemId, lang);
            if (live == null) {
                return null;
            }
            Revision revision = live.revision();
            Publication previous = s.createSelectionQuery("""
                    from Publication p join fetch p.revision
                    where p.item.id = :item and p.languageCode = :lang and p.endedAt is not null
                      and p.publishedAt <= :since
                    order by p.endedAt desc, p.id desc""", Publication.class)
                    .setParameter("item", itemId)
                    .setParameter("lang", lang)
                    .setParameter("since", live.publishedAt())
                    .setMaxResults(1)
                    .getResultList().stream().findFirst().orElse(null);
            Revision base = revision.baseSourceRevisionId() == null ? null
                    : s.find(Revision.class, revision.baseSourceRevisionId());
            return new Provenance(RevisionRef.of(revision), name(s, revision.authorId()),
                    reviews(s, revision.id()), name(s, live.publishedBy()), live.publishedAt(),
                    live.nextReviewDue(), previous == null ? null : RevisionRef.of(previous.revision()),
                    base == null ? null : RevisionRef.of(base));
        });
    }

    private static String name(Session s, Long userId) {
        if (userId == null) {
            return null;
        }
        return s.createSelectionQuery("select displayName from User where id = :id", String.class)
                .setParameter("id", userId).getSingleResult();
    }

    // --- for the admin's item and review pages --------------------------------------------------------

    /** One publication of an item in a language, as the history and the rollback choice show it. */
    public record PublicationRecord(long revisionId, int number, String publishedBy, Instant publishedAt,
            Instant endedAt, Instant withdrawnAt, LocalDate nextReviewDue,
            org.nightlight.content.SourceChange sourceChange) {

        public boolean live() {
            return endedAt == null;
        }
    }

    /** One revision by id, or empty when there is none. */
    public java.util.Optional<RevisionRef> revision(long revisionId) {
        return sessions.fromTransaction(s -> java.util.Optional.ofNullable(s.find(Revision.class, revisionId))
                .map(RevisionRef::of));
    }

    /** Every publication of an item in a language, newest first. */
    public List<PublicationRecord> publications(long itemId, String lang) {
        return sessions.fromTransaction(s -> s.createSelectionQuery("""
                select p, u.displayName from Publication p join fetch p.revision left join User u on u.id = p.publishedBy
                where p.item.id = :item and p.languageCode = :lang order by p.publishedAt desc, p.id desc""",
                Object[].class)
                .setParameter("item", itemId)
                .setParameter("lang", lang)
                .getResultList().stream()
                .map(row -> {
                    Publication p = (Publication) row[0];
                    return new PublicationRecord(p.revision().id(), p.revision().number(), (String) row[1],
                            p.publishedAt(), p.endedAt(), p.withdrawnAt(), p.nextReviewDue(), p.sourceChange());
                })
                .toList());
    }
}
