package org.nightlight.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.exception.ConstraintViolationException;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.Role;
import org.nightlight.account.User;
import org.nightlight.audit.AuditLog;
import org.nightlight.content.ContentItem;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Language;
import org.nightlight.content.Publication;
import org.nightlight.content.Revision;
import org.nightlight.content.RevisionText;
import org.nightlight.content.SourceChange;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.NotFound;
import org.nightlight.workflow.WorkflowException.NotPermitted;
import org.nightlight.workflow.WorkflowException.NotQualifiedForLanguage;
import org.nightlight.workflow.WorkflowException.RevisionNotApproved;
import org.nightlight.workflow.WorkflowException.SelfReviewRefused;
import org.nightlight.workflow.WorkflowException.SignOffExpired;
import org.nightlight.workflow.WorkflowException.StaleRevision;

/**
 * The sign-off workflow: write, submit, review, publish, withdraw, roll back. Every public method is one
 * transaction, checks the person's role and language qualification, and writes its audit event in the
 * same transaction. The database refuses the same illegal states on its own (V2 migration).
 */
public final class Workflow {

    private final SessionFactory sessions;
    private final Clock clock;
    private final AuditLog audit;
    private final Period reviewPeriod;

    public Workflow(SessionFactory sessions, Clock clock, AuditLog audit, Period reviewPeriod) {
        this.sessions = sessions;
        this.clock = clock;
        this.audit = audit;
        this.reviewPeriod = reviewPeriod;
    }

    public Period reviewPeriod() {
        return reviewPeriod;
    }

    // --- writing ---------------------------------------------------------------------------------------

    public long createTopic(Actor actor, RevisionText text, String note) {
        return createItem(actor, ItemKind.TOPIC, null, text, note);
    }

    public long createQuestion(Actor actor, long topicId, RevisionText text, String note) {
        return createItem(actor, ItemKind.QUESTION, topicId, text, note);
    }

    /** The topic's "when to get urgent help" block: written, reviewed and signed like any text. */
    public long createUrgentHelp(Actor actor, long topicId, RevisionText text, String note) {
        return createItem(actor, ItemKind.URGENT_HELP, topicId, text, note);
    }

    private long createItem(Actor actor, ItemKind kind, Long topicId, RevisionText text, String note) {
        return sessions.fromTransaction(s -> {
            User user = user(s, actor);
            requireRole(user, Role.EDITOR, "create content");
            String source = sourceLanguage(s);
            ContentItem topic = null;
            if (topicId != null) {
                topic = s.find(ContentItem.class, topicId);
                if (topic == null || topic.kind() != ItemKind.TOPIC) {
                    throw new NotFound("topic " + topicId + " does not exist");
                }
            }
            TextRules.check(kind, text);
            TextRules.requireUniqueSlug(s, topicId, kind, source, null, text.slug());
            ContentItem item = kind == ItemKind.TOPIC
                    ? ContentItem.newTopic(nextPosition(s, null))
                    : ContentItem.newChild(kind, topic, nextPosition(s, topicId));
            s.persist(item);
            Revision revision = new Revision(item, source, 1, text, note, user.id(), null, clock.instant());
            s.persist(revision);
            audit.record(s, actor, "ITEM_CREATED", item.id(), source, revision.id(), kind.name());
            return item.id();
        });
    }

    /**
     * Saves new text for an item in a language as the next revision. {@code basedOn} is the revision number
     * the writer started from (0 for a first translation); if someone saved in between, nothing is written
     * and {@link StaleRevision} carries their revision so both can be shown.
     */
    public RevisionRef saveRevision(Actor actor, long itemId, String languageCode, int basedOn, RevisionText text,
            String note) {
        try {
            return sessions.fromTransaction(s -> {
                User user = user(s, actor);
                ContentItem item = item(s, itemId);
                Language language = language(s, languageCode);
                Revision base = null;
                if (language.isSource()) {
                    requireRole(user, Role.EDITOR, "edit source text");
                } else {
                    requireRole(user, Role.TRANSLATOR, "translate");
                    requireQualified(user, Capability.TRANSLATE, languageCode);
                    Publication liveSource = livePublication(s, itemId, sourceLanguage(s));
                    if (liveSource == null) {
                        throw new InvalidTransition("workflow.error.sourceNotPublished",
                                "item " + itemId + " has no published source text to translate from");
                    }
                    base = liveSource.revision();
                }
                Revision latest = latestRevision(s, itemId, languageCode);
                int latestNumber = latest == null ? 0 : latest.number();
                if (basedOn != latestNumber) {
                    throw new StaleRevision("revision " + latestNumber + " was saved after revision " + basedOn,
                            RevisionRef.of(latest));
                }
                TextRules.check(item.kind(), text);
                TextRules.requireUniqueSlug(s, item.topicId(), item.kind(), languageCode, itemId, text.slug());
                Revision revision = new Revision(item, languageCode, latestNumber + 1, text, note, user.id(), base,
                        clock.instant());
                s.persist(revision);
                s.flush();
                audit.record(s, actor, "REVISION_SAVED", itemId, languageCode, revision.id(),
                        "revision " + revision.number() + (note == null || note.isBlank() ? "" : ": " + note));
                return RevisionRef.of(revision);
            });
        } catch (ConstraintViolationException e) {
            // Two saves on the same base: the database's unique key let exactly one win.
            RevisionRef winner = sessions.fromTransaction(s -> RevisionRef.of(latestRevision(s, itemId, languageCode)));
            throw new StaleRevision("revision " + winner.number() + " was saved at the same time", winner);
        }
    }

    public void submit(Actor actor, long revisionId) {
        sessions.inTransaction(s -> {
            User user = user(s, actor);
            Revision revision = revision(s, revisionId);
            requireLatest(s, revision);
            boolean mayTranslate = user.has(Role.TRANSLATOR) && user.can(Capability.TRANSLATE, revision.languageCode());
            if (!user.id().equals(revision.authorId()) && !user.has(Role.EDITOR) && !mayTranslate) {
                throw new NotPermitted(user.username() + " may not submit revision " + revisionId);
            }
            if (s.find(Submission.class, revisionId) != null) {
                throw new InvalidTransition("workflow.error.alreadySubmitted", "revision " + revisionId
                        + " is already in review");
            }
            s.persist(new Submission(revisionId, user.id(), clock.instant()));
            audit.record(s, actor, "SUBMITTED", revision.itemId(), revision.languageCode(), revisionId, "");
        });
    }

    // --- reviewing -------------------------------------------------------------------------------------

    /**
     * Records a decision on the exact text the reviewer saw ({@code contentHash}). Refused for the author
     * (four eyes), for someone not qualified in the language, and for a text that changed meanwhile.
     */
    public void review(Actor actor, long revisionId, ReviewKind kind, Decision decision, String comment,
            String contentHash) {
        sessions.inTransaction(s -> {
            User user = user(s, actor);
            Revision revision = revision(s, revisionId);
            requireLatest(s, revision);
            if (!revision.contentHash().equals(contentHash)) {
                throw new StaleRevision("the text of revision " + revisionId + " is not the text reviewed",
                        RevisionRef.of(revision));
            }
            String lang = revision.languageCode();
            boolean source = lang.equals(sourceLanguage(s));
            if (kind == ReviewKind.LANGUAGE && source) {
                throw new InvalidTransition("workflow.error.noLanguageReviewOfSource",
                        "source text has no language review, only a medical one");
            }
            if (s.find(Submission.class, revisionId) == null) {
                throw new InvalidTransition("workflow.error.notSubmitted", "revision " + revisionId
                        + " has not been submitted for review");
            }
            if (user.id().equals(revision.authorId())) {
                throw new SelfReviewRefused(user.username() + " wrote revision " + revisionId
                        + " and cannot review it");
            }
            if (kind == ReviewKind.MEDICAL) {
                requireRole(user, Role.CLINICIAN, "sign off medically");
                requireQualified(user, Capability.MEDICAL_REVIEW, lang);
            } else {
                requireQualified(user, Capability.LANGUAGE_REVIEW, lang);
            }
            if (decision == Decision.CHANGES_REQUESTED && (comment == null || comment.isBlank())) {
                throw new WorkflowException.InvalidText("comment", "workflow.error.commentRequired",
                        "a request for changes needs a comment");
            }
            Review review = new Review(revision, kind, decision, comment, user.id(), clock.instant());
            s.persist(review);
            audit.record(s, actor, "REVIEWED", revision.itemId(), lang, revisionId,
                    kind + " " + decision + (review.comment().isEmpty() ? "" : ": " + review.comment()));
        });
    }

    // --- publishing ------------------------------------------------------------------------------------

    /**
     * Makes an approved revision live. Publishing new source text over a live one needs {@code change}:
     * MINOR leaves translations live (they show as outdated), SAFETY withdraws them in this transaction.
     */
    public void publish(Actor actor, long revisionId, SourceChange change) {
        oneAtATime(() -> sessions.inTransaction(s -> {
            User user = user(s, actor);
            requireRole(user, Role.EDITOR, "publish");
            Revision revision = revision(s, revisionId);
            String lang = revision.languageCode();
            String source = sourceLanguage(s);
            Instant signedOn = requireApproved(s, revision, source);
            requireNoSafetyChangeSince(s, revision, source);
            Publication current = livePublication(s, revision.itemId(), lang);
            if (current != null && current.revision().id().equals(revisionId) && !current.isWithdrawn()) {
                throw new InvalidTransition("workflow.error.alreadyPublished", "revision " + revisionId
                        + " is already live");
            }
            boolean sourceReplaced = lang.equals(source) && current != null;
            if (sourceReplaced && change == null) {
                throw new InvalidTransition("workflow.error.changeKindRequired",
                        "say whether this source change is MINOR or SAFETY");
            }
            Instant now = clock.instant();
            if (current != null) {
                current.end(now);
                s.flush();
            }
            LocalDate due = signedOn.atZone(ZoneOffset.UTC).toLocalDate().plus(reviewPeriod);
            s.persist(new Publication(revision, user.id(), now, due, sourceReplaced ? change : null));
            audit.record(s, actor, "PUBLISHED", revision.itemId(), lang, revisionId,
                    sourceReplaced ? "source change " + change : "");
            if (sourceReplaced) {
                affectTranslations(s, actor, revision, change, now);
            }
        }));
    }

    private void affectTranslations(Session s, Actor actor, Revision newSource, SourceChange change, Instant now) {
        List<Publication> translations = s.createSelectionQuery("""
                from Publication p join fetch p.revision r
                where p.item.id = :item and p.languageCode <> :source and p.endedAt is null
                  and p.withdrawnAt is null""", Publication.class)
                .setParameter("item", newSource.itemId())
                .setParameter("source", newSource.languageCode())
                .getResultList();
        for (Publication p : translations) {
            if (change == SourceChange.SAFETY) {
                p.withdraw(now, "The source text changed for safety; this translation is being redone.");
                audit.record(s, actor, "WITHDRAWN", p.item().id(), p.languageCode(), p.revision().id(),
                        "safety change of the source (revision " + newSource.number() + ")");
            } else {
                audit.record(s, actor, "OUTDATED", p.item().id(), p.languageCode(), p.revision().id(),
                        "minor change of the source (revision " + newSource.number() + ")");
            }
        }
    }

    /**
     * Two editors publishing the same item at the same instant: the database lets one win (one live
     * publication per item and language; an ended one cannot change) and the other is told, not failed.
     */
    private static void oneAtATime(Runnable publishing) {
        try {
            publishing.run();
        } catch (ConstraintViolationException e) {
            throw new InvalidTransition("workflow.error.publishedMeanwhile",
                    "someone else published this item in this language at the same time; check what is live now");
        }
    }

    /** Takes an item off the public site in one language. */
    public void unpublish(Actor actor, long itemId, String languageCode, String reason) {
        sessions.inTransaction(s -> {
            User user = user(s, actor);
            requireRole(user, Role.EDITOR, "unpublish");
            Publication current = livePublication(s, itemId, languageCode);
            if (current == null) {
                throw new InvalidTransition("workflow.error.notPublished", "item " + itemId + " is not published in "
                        + languageCode);
            }
            current.end(clock.instant());
            audit.record(s, actor, "UNPUBLISHED", itemId, languageCode, current.revision().id(),
                    reason == null ? "" : reason);
        });
    }

    /** Republishes an earlier revision, only while its sign-off is still within its review period. */
    public void rollback(Actor actor, long itemId, String languageCode, long revisionId) {
        oneAtATime(() -> sessions.inTransaction(s -> {
            User user = user(s, actor);
            requireRole(user, Role.EDITOR, "roll back");
            Revision revision = revision(s, revisionId);
            if (revision.itemId() != itemId || !revision.languageCode().equals(languageCode)) {
                throw new NotFound("revision " + revisionId + " is not a version of item " + itemId + " in "
                        + languageCode);
            }
            Long publishedBefore = s.createSelectionQuery(
                    "select count(*) from Publication where revision.id = :r", Long.class)
                    .setParameter("r", revisionId).getSingleResult();
            if (publishedBefore == 0) {
                throw new InvalidTransition("workflow.error.neverPublished", "revision " + revisionId
                        + " was never published; publish it instead");
            }
            Instant signedOn = requireApproved(s, revision, sourceLanguage(s));
            requireNoSafetyChangeSince(s, revision, sourceLanguage(s));
            LocalDate due = signedOn.atZone(ZoneOffset.UTC).toLocalDate().plus(reviewPeriod);
            LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
            if (due.isBefore(today)) {
                throw new SignOffExpired("the sign-off of revision " + revisionId + " expired on " + due
                        + "; it needs a new medical review before it can be published again");
            }
            Publication current = livePublication(s, itemId, languageCode);
            if (current != null && current.revision().id().equals(revisionId) && !current.isWithdrawn()) {
                throw new InvalidTransition("workflow.error.alreadyPublished", "revision " + revisionId
                        + " is already live");
            }
            Instant now = clock.instant();
            if (current != null) {
                current.end(now);
                s.flush();
            }
            s.persist(new Publication(revision, user.id(), now, due, null));
            audit.record(s, actor, "ROLLED_BACK", itemId, languageCode, revisionId,
                    current == null ? "" : "replaced revision " + current.revision().number());
        }));
    }

    /** Moves the questions of a topic into the given order. */
    public void reorder(Actor actor, long topicId, List<Long> itemIds) {
        sessions.inTransaction(s -> {
            requireRole(user(s, actor), Role.EDITOR, "reorder");
            List<ContentItem> children = s.createSelectionQuery("from ContentItem where topicId = :t",
                    ContentItem.class).setParameter("t", topicId).getResultList();
            if (children.size() != itemIds.size()
                    || !children.stream().map(ContentItem::id).allMatch(itemIds::contains)) {
                throw new InvalidTransition("workflow.error.reorderMismatch",
                        "the new order must list every item of topic " + topicId + " once");
            }
            for (ContentItem child : children) {
                child.moveTo(itemIds.indexOf(child.id()) + 1);
            }
            audit.record(s, actor, "REORDERED", topicId, null, null, itemIds.toString());
        });
    }

    // --- rules -----------------------------------------------------------------------------------------

    /** The date of the medical sign-off that makes this exact revision publishable. */
    private static Instant requireApproved(Session s, Revision revision, String source) {
        Review medical = latestReview(s, revision.id(), ReviewKind.MEDICAL);
        if (medical == null || medical.decision() != Decision.APPROVED) {
            throw new RevisionNotApproved("revision " + revision.id() + " has no medical sign-off");
        }
        if (!revision.languageCode().equals(source)) {
            Review language = latestReview(s, revision.id(), ReviewKind.LANGUAGE);
            if (language == null || language.decision() != Decision.APPROVED) {
                throw new RevisionNotApproved("translation revision " + revision.id() + " has no language approval");
            }
        }
        return medical.createdAt();
    }

    /**
     * A translation made from source text older than a SAFETY change of that source stays off the site until
     * it is redone from the current source and signed again: neither publish nor rollback brings it back.
     */
    private static void requireNoSafetyChangeSince(Session s, Revision revision, String source) {
        if (revision.languageCode().equals(source) || revision.baseSourceRevisionId() == null) {
            return;
        }
        Long safetyChanges = s.createSelectionQuery("""
                select count(*) from Publication p, Revision base
                where base.id = :base and p.item.id = :item and p.languageCode = :source
                  and p.sourceChange = :safety and p.revision.number > base.number""", Long.class)
                .setParameter("base", revision.baseSourceRevisionId())
                .setParameter("item", revision.itemId())
                .setParameter("source", source)
                .setParameter("safety", SourceChange.SAFETY)
                .getSingleResult();
        if (safetyChanges > 0) {
            throw new InvalidTransition("workflow.error.safetyChangeSinceTranslated", "the source text of item "
                    + revision.itemId() + " changed for safety after revision " + revision.id() + " was translated;"
                    + " translate the current source text and have it reviewed again");
        }
    }

    static Review latestReview(Session s, long revisionId, ReviewKind kind) {
        return s.createSelectionQuery("""
                from Review where revision.id = :r and kind = :k order by createdAt desc, id desc""", Review.class)
                .setParameter("r", revisionId)
                .setParameter("k", kind)
                .setMaxResults(1)
                .getResultList().stream().findFirst().orElse(null);
    }

    private static void requireRole(User user, Role role, String what) {
        if (!user.has(role)) {
            throw new NotPermitted(user.username() + " may not " + what + " (needs the " + role + " role)");
        }
    }

    private static void requireQualified(User user, Capability capability, String lang) {
        if (!user.can(capability, lang)) {
            throw new NotQualifiedForLanguage(user.username() + " is not qualified for " + capability + " in "
                    + lang);
        }
    }

    private static void requireLatest(Session s, Revision revision) {
        Revision latest = latestRevision(s, revision.itemId(), revision.languageCode());
        if (latest.number() != revision.number()) {
            throw new StaleRevision("revision " + revision.number() + " was replaced by revision "
                    + latest.number(), RevisionRef.of(latest));
        }
    }

    // --- lookups ---------------------------------------------------------------------------------------

    private static User user(Session s, Actor actor) {
        User user = s.find(User.class, actor.userId());
        if (user == null || !user.active()) {
            throw new NotPermitted("user " + actor.userId() + " does not exist or is deactivated");
        }
        return user;
    }

    private static ContentItem item(Session s, long itemId) {
        ContentItem item = s.find(ContentItem.class, itemId);
        if (item == null) {
            throw new NotFound("item " + itemId + " does not exist");
        }
        return item;
    }

    private static Revision revision(Session s, long revisionId) {
        Revision revision = s.find(Revision.class, revisionId);
        if (revision == null) {
            throw new NotFound("revision " + revisionId + " does not exist");
        }
        return revision;
    }

    private static Language language(Session s, String code) {
        Language language = s.find(Language.class, code);
        if (language == null) {
            throw new NotFound("language " + code + " does not exist");
        }
        return language;
    }

    static String sourceLanguage(Session s) {
        return s.createSelectionQuery("select code from Language where isSource", String.class).getSingleResult();
    }

    static Revision latestRevision(Session s, long itemId, String lang) {
        return s.createSelectionQuery("""
                from Revision where itemId = :item and languageCode = :lang order by number desc""", Revision.class)
                .setParameter("item", itemId)
                .setParameter("lang", lang)
                .setMaxResults(1)
                .getResultList().stream().findFirst().orElse(null);
    }

    static Publication livePublication(Session s, long itemId, String lang) {
        return s.createSelectionQuery("""
                from Publication p join fetch p.revision
                where p.item.id = :item and p.languageCode = :lang and p.endedAt is null""", Publication.class)
                .setParameter("item", itemId)
                .setParameter("lang", lang)
                .getResultList().stream().findFirst().orElse(null);
    }

    private static int nextPosition(Session s, Long topicId) {
        Integer max = topicId == null
                ? s.createSelectionQuery("select max(position) from ContentItem where kind = :k", Integer.class)
                        .setParameter("k", ItemKind.TOPIC).getSingleResult()
                : s.createSelectionQuery("select max(position) from ContentItem where topicId = :t", Integer.class)
                        .setParameter("t", topicId).getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
