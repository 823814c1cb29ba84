package org.nightlight.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.account.User;
import org.nightlight.checks.Report;
import org.nightlight.checks.TranslationChecks;
import org.nightlight.audit.AuditLog;
import org.nightlight.content.CareLevel;
import org.nightlight.content.ContentItem;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Language;
import org.nightlight.content.Publication;
import org.nightlight.content.ReadModel;
import org.nightlight.content.Revision;
import org.nightlight.content.RevisionText;
import org.nightlight.content.SourceChange;
import org.nightlight.db.SqlErrors;
import org.nightlight.workflow.Policy.Person;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;
import org.nightlight.workflow.WorkflowException.ChecksFailed;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.NotFound;
import org.nightlight.workflow.WorkflowException.NotPermitted;
import org.nightlight.workflow.WorkflowException.NotQualifiedForLanguage;
import org.nightlight.workflow.WorkflowException.RefusedByDatabase;
import org.nightlight.workflow.WorkflowException.RevisionNotApproved;
import org.nightlight.workflow.WorkflowException.SelfReviewRefused;
import org.nightlight.workflow.WorkflowException.SignOffExpired;
import org.nightlight.workflow.WorkflowException.StaleRevision;

/**
 * The sign-off workflow: write, submit, review, publish, withdraw, roll back. Every public method is one
 * transaction that locks the item first, asks the {@link Policy} whether the step is allowed, and writes its
 * audit event in the same transaction. The database refuses the same illegal states on its own (V2, V7, V8).
 */
public final class Workflow {

    private final SessionFactory sessions;
    private final Clock clock;
    private final AuditLog audit;
    private final Policy policy;
    private final PublicChange publicChanged;
    private final ReadModel readModel;
    private final Threads threads;
    private final Drafts drafts;
    private final TranslationChecks checks;

    /** What readers see of one item in one language changed (for source text: maybe in every language). */
    @FunctionalInterface
    public interface PublicChange {
        void changed(long itemId, String languageCode);
    }

    /**
     * {@code publicChanged} runs after each commit that changes what readers see, before the caller returns:
     * this instance's page cache drops the pages showing that item at once (other instances hear of it by NOTIFY).
     * {@code readModel} is refreshed inside each such transaction, so the public site never reads an old state.
     * {@code comments} hears of every comment written, in a thread or by a review decision, after its commit.
     */
    public Workflow(SessionFactory sessions, Clock clock, AuditLog audit, Period reviewPeriod,
            PublicChange publicChanged, ReadModel readModel, CommentListener comments, TranslationChecks checks) {
        this.sessions = sessions;
        this.clock = clock;
        this.audit = audit;
        this.policy = new Policy(clock, reviewPeriod);
        this.publicChanged = publicChanged;
        this.checks = checks;
        this.readModel = readModel;
        this.threads = new Threads(sessions, clock, audit, policy, comments);
        this.drafts = new Drafts(sessions, clock);
    }

    /** What people are typing in the editor, kept until they save it as a revision. */
    public Drafts drafts() {
        return drafts;
    }

    /** The rules this workflow enforces, for the pages and queues that show what a person may do. */
    public Policy policy() {
        return policy;
    }

    /** The conversations on items, under the same rules and audit. */
    public Threads threads() {
        return threads;
    }

    /** The automatic checks a translation must pass to go to review, for the pages that show their findings. */
    public TranslationChecks checks() {
        return checks;
    }

    // --- writing ---------------------------------------------------------------------------------------

    public long createTopic(Actor actor, RevisionText text, String note) {
        return createItem(actor, ItemKind.TOPIC, null, text, note);
    }

    public long createQuestion(Actor actor, long topicId, RevisionText text, String note) {
        return createItem(actor, ItemKind.QUESTION, topicId, text, note);
    }

    /**
     * One of the topic's urgent-help blocks, at a care level it does not have yet: written, reviewed and signed
     * like any text.
     */
    public long createUrgentHelp(Actor actor, long topicId, CareLevel level, RevisionText text, String note) {
        return createItem(actor, ItemKind.URGENT_HELP, topicId, level, text, note);
    }

    private long createItem(Actor actor, ItemKind kind, Long topicId, RevisionText text, String note) {
        return createItem(actor, kind, topicId, null, text, note);
    }

    private long createItem(Actor actor, ItemKind kind, Long topicId, CareLevel level, RevisionText text,
            String note) {
        return sessions.fromTransaction(s -> {
            User user = user(s, actor);
            require(s, policy.createItem(Person.of(user)), null);
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
            if (level != null && !s.createSelectionQuery("from ContentItem where topicId = :topic and careLevel = :level",
                    ContentItem.class).setParameter("topic", topicId).setParameter("level", level).getResultList()
                    .isEmpty()) {
                throw new InvalidTransition("workflow.error.careLevelTaken",
                        "topic " + topicId + " has a " + level + " block already");
            }
            ContentItem item = kind == ItemKind.TOPIC
                    ? ContentItem.newTopic(nextPosition(s, null))
                    : ContentItem.newChild(kind, topic, nextPosition(s, topicId), level);
            s.persist(item);
            Revision revision = new Revision(item, source, 1, text, note, user.id(), null, clock.instant());
            s.persist(revision);
            audit.record(s, actor, "ITEM_CREATED", item.id(), source, revision.id(),
                    level == null ? kind.name() : kind.name() + " " + level.name());
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
        return changing(() -> sessions.fromTransaction(s -> {
            lock(s, itemId);
            User user = user(s, actor);
            ContentItem item = item(s, itemId);
            Language language = language(s, languageCode);
            Slot slot = Facts.slot(s, itemId, languageCode);
            require(s, policy.edit(Person.of(user), slot), slot);
            Long base = language.isSource() ? null : slot.liveSourceRevisionId();
            Revision latest = latestRevision(s, itemId, languageCode);
            int latestNumber = latest == null ? 0 : latest.number();
            if (basedOn != latestNumber) {
                throw new StaleRevision("revision " + latestNumber + " was saved after revision " + basedOn,
                        RevisionRef.of(latest));
            }
            TextRules.check(item.kind(), text);
            TextRules.requireUniqueSlug(s, item.topicId(), item.kind(), languageCode, itemId, text.slug());
            requireChanged(latest, text, base, note);
            Revision revision = new Revision(item, languageCode, latestNumber + 1, text, note, user.id(), base,
                    clock.instant());
            s.persist(revision);
            s.flush();
            Drafts.delete(s, user.id(), itemId, languageCode);
            audit.record(s, actor, "REVISION_SAVED", itemId, languageCode, revision.id(),
                    "revision " + revision.number() + (note == null || note.isBlank() ? "" : ": " + note));
            return RevisionRef.of(revision);
        }), () -> {
            // Two saves on the same base: the database's unique key let exactly one win.
            RevisionRef winner = sessions.fromTransaction(s -> RevisionRef.of(latestRevision(s, itemId, languageCode)));
            return new StaleRevision("revision " + winner.number() + " was saved at the same time", winner);
        });
    }

    public void submit(Actor actor, long revisionId) {
        changing(() -> sessions.fromTransaction(s -> {
            Revision revision = lockedRevision(s, revisionId);
            User user = user(s, actor);
            Slot slot = Facts.slot(s, revision.itemId(), revision.languageCode());
            require(s, policy.submit(Person.of(user), slot, Facts.rev(s, revisionId)), slot);
            requireChecksPass(s, revision);
            s.persist(new Submission(revisionId, user.id(), clock.instant()));
            audit.record(s, actor, "SUBMITTED", revision.itemId(), revision.languageCode(), revisionId, "");
            return null;
        }), () -> new InvalidTransition("workflow.error.alreadySubmitted", "revision " + revisionId
                + " was submitted at the same time"));
    }

    /**
     * The same words as the newest revision make no new one: reviewers would be asked to decide again on what
     * they saw. A translation whose source moved on may keep its words, if its note says why they still fit.
     */
    private static void requireChanged(Revision latest, RevisionText text, Long base, String note) {
        if (latest == null || !latest.text().equals(text)) {
            return;
        }
        if (java.util.Objects.equals(latest.baseSourceRevisionId(), base)) {
            throw new InvalidTransition("workflow.error.unchanged", "the text is the same as revision "
                    + latest.number());
        }
        if (note == null || note.isBlank()) {
            throw new WorkflowException.InvalidText("note", "workflow.error.unchangedNeedsNote",
                    "the translation is unchanged for new source text; the note must say why it still fits");
        }
    }

    /**
     * Takes one's own submission back while no reviewer has decided on it: the revision is a draft again, out of
     * the reviewers' queues (the database refuses it once a review exists, V21).
     */
    public void withdrawSubmission(Actor actor, long revisionId) {
        changing(() -> sessions.fromTransaction(s -> {
            Revision revision = lockedRevision(s, revisionId);
            User user = user(s, actor);
            Slot slot = Facts.slot(s, revision.itemId(), revision.languageCode());
            Submission submission = s.find(Submission.class, revisionId);
            require(s, policy.withdrawSubmission(Person.of(user), slot, Facts.rev(s, revisionId),
                    submission == null ? null : submission.submittedBy()), slot);
            s.createMutationQuery("delete from Submission where revisionId = :id")
                    .setParameter("id", revisionId).executeUpdate();
            audit.record(s, actor, "SUBMISSION_WITHDRAWN", revision.itemId(), revision.languageCode(), revisionId,
                    "revision " + revision.number());
            return null;
        }), () -> new InvalidTransition("workflow.error.changedMeanwhile", "revision " + revisionId
                + " changed while its submission was being withdrawn"));
    }

    /**
     * A translation goes to review only when the blocking automatic checks pass against the source revision it
     * was made from. Source text has nothing to be compared with.
     */
    private void requireChecksPass(Session s, Revision translation) {
        if (translation.baseSourceRevisionId() == null) {
            return;
        }
        Revision source = revision(s, translation.baseSourceRevisionId());
        Report report = checks.check(source.text(), source.languageCode(), translation.text(),
                translation.languageCode());
        if (!report.passes()) {
            throw new ChecksFailed(report.failedChecks());
        }
    }

    // --- reviewing -------------------------------------------------------------------------------------

    /** A review that says nothing about the live text: enough for all but a medical refusal of the live text. */
    public void review(Actor actor, long revisionId, ReviewKind kind, Decision decision, String comment,
            String contentHash) {
        review(actor, revisionId, kind, decision, comment, contentHash, null);
    }

    /**
     * Records a decision on the exact text the reviewer saw ({@code contentHash}). Refused for the author
     * (four eyes), for someone not qualified in the language, and for a text that changed meanwhile. A medical
     * request for changes of the live text needs {@code liveOutcome}; UNSAFE takes the text down in this
     * transaction, and for source text its translations made from it or older source text too.
     */
    public void review(Actor actor, long revisionId, ReviewKind kind, Decision decision, String comment,
            String contentHash, LiveOutcome liveOutcome) {
        record Reviewed(Revision revision, CommentListener.Added comment) {
        }
        Reviewed reviewed = changing(() -> sessions.fromTransaction(s -> {
            Revision revision = lockedRevision(s, revisionId);
            User user = user(s, actor);
            String lang = revision.languageCode();
            Slot slot = Facts.slot(s, revision.itemId(), lang);
            Rev facts = Facts.rev(s, revisionId);
            require(s, policy.review(Person.of(user), kind, slot, facts), slot);
            if (!revision.contentHash().equals(contentHash)) {
                throw new StaleRevision("the text of revision " + revisionId + " is not the text reviewed",
                        RevisionRef.of(revision));
            }
            if (decision == Decision.CHANGES_REQUESTED && (comment == null || comment.isBlank())) {
                throw new WorkflowException.InvalidText("comment", "workflow.error.commentRequired",
                        "a request for changes needs a comment");
            }
            boolean asked = Policy.asksLiveOutcome(kind, decision, slot, facts);
            if (asked && liveOutcome == null) {
                throw new WorkflowException.InvalidText("liveOutcome", "workflow.error.liveOutcomeRequired",
                        "revision " + revisionId + " is live: say whether it may stay until replaced or is unsafe");
            }
            LiveOutcome outcome = asked ? liveOutcome : null;
            Review review = new Review(revision, kind, decision, comment, user.id(), clock.instant(), outcome);
            s.persist(review);
            s.flush();
            audit.record(s, actor, "REVIEWED", revision.itemId(), lang, revisionId,
                    kind + " " + decision + (outcome == null ? "" : " " + outcome)
                            + (review.comment().isEmpty() ? "" : ": " + review.comment()));
            // the decision's comment opens a topic in the item's conversation, in this transaction
            CommentListener.Added opened = threads.fromReview(s, actor, review);
            if (outcome == LiveOutcome.UNSAFE) {
                withdrawUnsafe(s, actor, revision);
            }
            // a new sign-off of live text changes its trust line too
            readModel.refresh(s, revision.itemId());
            return new Reviewed(revision, opened);
        }), () -> new InvalidTransition("workflow.error.changedMeanwhile", "revision " + revisionId
                + " changed while it was being reviewed"));
        if (liveOutcome == LiveOutcome.UNSAFE) {
            publicChanged.changed(reviewed.revision().itemId(), reviewed.revision().languageCode());
        }
        threads.told(reviewed.comment());
    }

    /** A clinician found the live text unsafe: it comes down now, and so do translations made from it or older. */
    private void withdrawUnsafe(Session s, Actor actor, Revision revision) {
        Instant now = clock.instant();
        Publication live = livePublication(s, revision.itemId(), revision.languageCode());
        live.withdraw(now, "A clinician found this text unsafe; it is being corrected.");
        audit.record(s, actor, "WITHDRAWN", revision.itemId(), revision.languageCode(), revision.id(),
                "refused as unsafe by a clinician");
        if (revision.languageCode().equals(sourceLanguage(s))) {
            for (Publication p : liveTranslations(s, revision.itemId(), revision.languageCode(), revision.number())) {
                p.withdraw(now, "The source text was found unsafe; this translation is being redone.");
                audit.record(s, actor, "WITHDRAWN", p.item().id(), p.languageCode(), p.revision().id(),
                        "source revision " + revision.number() + " refused as unsafe");
            }
        }
    }

    // --- publishing ------------------------------------------------------------------------------------

    /**
     * Makes an approved revision live. Source text that replaces live text, or that live translations would be
     * older than, needs {@code change}: MINOR leaves translations live (they show as outdated), SAFETY withdraws
     * them in this transaction.
     */
    public void publish(Actor actor, long revisionId, SourceChange change) {
        Revision published = changing(() -> sessions.fromTransaction(s -> {
            Revision revision = lockedRevision(s, revisionId);
            User user = user(s, actor);
            String lang = revision.languageCode();
            Slot slot = Facts.slot(s, revision.itemId(), lang);
            Rev facts = Facts.rev(s, revisionId);
            require(s, policy.publish(Person.of(user), slot, facts), slot);
            boolean asked = Policy.asksSourceChange(slot, facts);
            if (asked && change == null) {
                throw new InvalidTransition("workflow.error.changeKindRequired",
                        "say whether this source change is MINOR or SAFETY");
            }
            Instant now = clock.instant();
            Publication current = livePublication(s, revision.itemId(), lang);
            if (current != null) {
                current.end(now);
                s.flush();
            }
            s.persist(new Publication(revision, user.id(), now, policy.signOffDue(facts), asked ? change : null));
            audit.record(s, actor, "PUBLISHED", revision.itemId(), lang, revisionId,
                    asked ? "source change " + change : "");
            if (asked) {
                affectTranslations(s, actor, revision, change, now);
            }
            readModel.refresh(s, revision.itemId());
            return revision;
        }), Workflow::publishedMeanwhile);
        publicChanged.changed(published.itemId(), published.languageCode());
    }

    private void affectTranslations(Session s, Actor actor, Revision newSource, SourceChange change, Instant now) {
        for (Publication p : liveTranslations(s, newSource.itemId(), newSource.languageCode(), newSource.number())) {
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

    /** Live, not withdrawn translations of an item made from source revision {@code upTo} or older. */
    private static List<Publication> liveTranslations(Session s, long itemId, String source, int upTo) {
        return s.createSelectionQuery("""
                from Publication p join fetch p.revision r
                where p.item.id = :item and p.languageCode <> :source and p.endedAt is null
                  and p.withdrawnAt is null
                  and (select b.number from Revision b where b.id = r.baseSourceRevisionId) <= :upTo""",
                Publication.class)
                .setParameter("item", itemId)
                .setParameter("source", source)
                .setParameter("upTo", upTo)
                .getResultList();
    }

    /**
     * Two editors publishing the same item at the same instant: the database lets one win (one live
     * publication per item and language; an ended one cannot change) and the other is told, not failed.
     */
    private static WorkflowException publishedMeanwhile() {
        return new InvalidTransition("workflow.error.publishedMeanwhile",
                "someone else published this item in this language at the same time; check what is live now");
    }

    /** Takes an item off the public site in one language. */
    public void unpublish(Actor actor, long itemId, String languageCode, String reason) {
        changing(() -> sessions.fromTransaction(s -> {
            lock(s, itemId);
            User user = user(s, actor);
            Slot slot = Facts.slot(s, itemId, languageCode);
            if (slot == null) {
                throw new NotFound("item " + itemId + " does not exist in " + languageCode);
            }
            require(s, policy.unpublish(Person.of(user), slot), slot);
            Publication current = livePublication(s, itemId, languageCode);
            current.end(clock.instant());
            audit.record(s, actor, "UNPUBLISHED", itemId, languageCode, current.revision().id(),
                    reason == null ? "" : reason);
            readModel.refresh(s, itemId);
            return null;
        }), () -> new InvalidTransition("workflow.error.changedMeanwhile", "item " + itemId
                + " changed while it was being unpublished"));
        publicChanged.changed(itemId, languageCode);
    }

    /**
     * Republishes an earlier revision: only while its sign-off is within its review period, never one that was
     * withdrawn, never source text from before a SAFETY change.
     */
    public void rollback(Actor actor, long itemId, String languageCode, long revisionId) {
        changing(() -> sessions.fromTransaction(s -> {
            lock(s, itemId);
            User user = user(s, actor);
            Revision revision = revision(s, revisionId);
            if (revision.itemId() != itemId || !revision.languageCode().equals(languageCode)) {
                throw new NotFound("revision " + revisionId + " is not a version of item " + itemId + " in "
                        + languageCode);
            }
            Slot slot = Facts.slot(s, itemId, languageCode);
            Rev facts = Facts.rev(s, revisionId);
            require(s, policy.rollback(Person.of(user), slot, facts), slot);
            Instant now = clock.instant();
            Publication current = livePublication(s, itemId, languageCode);
            if (current != null) {
                current.end(now);
                s.flush();
            }
            s.persist(new Publication(revision, user.id(), now, policy.signOffDue(facts), null));
            audit.record(s, actor, "ROLLED_BACK", itemId, languageCode, revisionId,
                    current == null ? "" : "replaced revision " + current.revision().number());
            readModel.refresh(s, itemId);
            return null;
        }), Workflow::publishedMeanwhile);
        publicChanged.changed(itemId, languageCode);
    }

    /** Moves the questions of a topic into the given order. */
    public void reorder(Actor actor, long topicId, List<Long> itemIds) {
        sessions.inTransaction(s -> {
            require(s, policy.reorder(Person.of(user(s, actor))), null);
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

    /** The policy's refusal as the exception of its kind. */
    private static void require(Session s, Verdict verdict, Slot slot) {
        String why = verdict.reason();
        switch (verdict.kind()) {
            case ALLOWED -> {
                return;
            }
            case NOT_PERMITTED -> throw new NotPermitted(why);
            case NOT_QUALIFIED -> throw new NotQualifiedForLanguage(why);
            case SELF_REVIEW -> throw new SelfReviewRefused(why);
            case NOT_APPROVED -> throw new RevisionNotApproved(why);
            case SIGN_OFF_EXPIRED -> throw new SignOffExpired(why);
            case STALE -> throw new StaleRevision(why,
                    RevisionRef.of(latestRevision(s, slot.itemId(), slot.languageCode())));
            case INVALID -> throw new InvalidTransition(verdict.code(), why);
        }
    }

    /**
     * One item at a time: every state change of an item takes this transaction-scoped lock before it reads any
     * state, so two changes of one item never decide on the same old state (V8's lock_item; its triggers take
     * it again for SQL that bypasses the application).
     */
    private static void lock(Session s, long itemId) {
        s.doWork(c -> {
            try (var ps = c.prepareStatement("select lock_item(?)")) {
                ps.setLong(1, itemId);
                ps.execute();
            }
        });
    }

    /** The revision, loaded after its item is locked (a revision's item never changes, so reading it is safe). */
    private static Revision lockedRevision(Session s, long revisionId) {
        Long itemId = s.createSelectionQuery("select itemId from Revision where id = :id", Long.class)
                .setParameter("id", revisionId).getResultList().stream().findFirst().orElse(null);
        if (itemId == null) {
            throw new NotFound("revision " + revisionId + " does not exist");
        }
        lock(s, itemId);
        return revision(s, revisionId);
    }

    /**
     * Runs one state change. When the database refuses it, tells apart why: someone else changed the same rows
     * first ({@code meanwhile}, what the person is told), or a safeguard of the database refused it
     * ({@link RefusedByDatabase}, with the database's message for the log). Anything else is a bug and stays one.
     */
    private static <T> T changing(Supplier<T> change, Supplier<WorkflowException> meanwhile) {
        try {
            return change.get();
        } catch (WorkflowException e) {
            throw e;
        } catch (RuntimeException e) {
            switch (SqlErrors.kind(e)) {
                case CONFLICT -> throw meanwhile.get();
                case REFUSED -> throw new RefusedByDatabase(SqlErrors.message(e), e);
                default -> throw e;
            }
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
