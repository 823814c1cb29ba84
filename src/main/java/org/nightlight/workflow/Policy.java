package org.nightlight.workflow;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Set;
import org.nightlight.account.Accounts;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.account.User;
import org.nightlight.workflow.Verdict.Kind;

/**
 * The workflow's rules, once: who may do what to which revision in which language, and what each state allows
 * next. Pure: it reads facts ({@link Slot}, {@link Rev}) and answers a {@link Verdict}. The service throws on a
 * refusal, the admin's buttons and the work queues show only what it allows; nothing else restates a rule.
 * The database enforces the same rules again in its triggers (V2, V7, V8).
 */
public final class Policy {

    /** A person as the rules see them: a deactivated account has no roles and no qualifications. */
    public record Person(long id, Set<Role> roles, Set<Qualification> qualifications) {

        public static Person of(Accounts.Person p) {
            return p.active() ? new Person(p.id(), p.roles(), p.qualifications()) : new Person(p.id(), Set.of(), Set.of());
        }

        public static Person of(User u) {
            return u.active() ? new Person(u.id(), Set.copyOf(u.roles()), Set.copyOf(u.qualifications()))
                    : new Person(u.id(), Set.of(), Set.of());
        }

        boolean has(Role role) {
            return roles.contains(role);
        }

        boolean can(Capability capability, String languageCode) {
            return qualifications.contains(new Qualification(languageCode, capability));
        }

        boolean wrote(Rev revision) {
            return revision.authorId() != null && revision.authorId() == id;
        }
    }

    /**
     * An item in one language. {@code liveSourceRevisionId} is the live, not withdrawn source text (what a
     * translation is made from); {@code newestSafetyNumber} the newest source revision published as a SAFETY
     * change; {@code oldestTranslationBase} the oldest source revision number any live or newest translation of
     * the item is based on.
     */
    public record Slot(long itemId, String languageCode, boolean source, Long latestRevisionId,
            Long latestBaseSourceRevisionId, Long liveRevisionId, boolean liveWithdrawn, Long liveSourceRevisionId,
            Integer newestSafetyNumber, Integer oldestTranslationBase) {

        /** A publication in this language that has not ended (it may be withdrawn). */
        public boolean hasPublication() {
            return liveRevisionId != null;
        }

        /** Readers see this language's own text. */
        public boolean live() {
            return liveRevisionId != null && !liveWithdrawn;
        }

        boolean isLatest(Rev r) {
            return latestRevisionId != null && latestRevisionId == r.id();
        }

        boolean isLive(Rev r) {
            return live() && liveRevisionId == r.id();
        }
    }

    /** One revision: its newest review of each kind decides (the highest id), and its publication history. */
    public record Rev(long id, int number, Long authorId, boolean submitted, Decision medical, Instant medicalAt,
            Decision language, boolean everPublished, boolean everWithdrawn, Long baseSourceRevisionId,
            Integer baseSourceNumber) {
    }

    private final Clock clock;
    private final Period reviewPeriod;

    public Policy(Clock clock, Period reviewPeriod) {
        this.clock = clock;
        this.reviewPeriod = reviewPeriod;
    }

    // --- where a text stands ---------------------------------------------------------------------------

    /** The state of the newest revision ({@code latest}, null when there is none) of a slot. */
    public static ItemState state(Slot slot, Rev latest) {
        if (latest == null) {
            return ItemState.MISSING;
        }
        if (slot.liveRevisionId() != null && slot.liveRevisionId() == latest.id()) {
            return slot.liveWithdrawn() ? ItemState.WITHDRAWN : ItemState.PUBLISHED;
        }
        if (latest.medical() == Decision.CHANGES_REQUESTED || latest.language() == Decision.CHANGES_REQUESTED) {
            return ItemState.CHANGES_REQUESTED;
        }
        if (approved(slot, latest)) {
            return ItemState.APPROVED;
        }
        return latest.submitted() ? ItemState.IN_REVIEW : ItemState.DRAFT;
    }

    /** Every approval the language needs, each the newest review of its kind. */
    static boolean approved(Slot slot, Rev r) {
        return r.medical() == Decision.APPROVED && (slot.source() || r.language() == Decision.APPROVED);
    }

    /** A translation whose newest revision is missing or made from older source text than the live one. */
    public static boolean needsTranslation(Slot slot) {
        return !slot.source() && slot.liveSourceRevisionId() != null
                && !slot.liveSourceRevisionId().equals(slot.latestBaseSourceRevisionId());
    }

    /** The newest text waits for a review of this kind that nobody has given yet. */
    public static boolean awaits(ReviewKind kind, Slot slot, Rev latest) {
        if (latest == null || state(slot, latest) != ItemState.IN_REVIEW) {
            return false;
        }
        return (kind == ReviewKind.MEDICAL ? latest.medical() : latest.language()) == null;
    }

    /** A clinician asked for changes to the text readers see now, and nobody has written a new one yet. */
    public static boolean updateRequested(Slot slot, Rev live) {
        return live != null && slot.isLive(live) && live.medical() == Decision.CHANGES_REQUESTED;
    }

    // --- transitions -----------------------------------------------------------------------------------

    public Verdict createItem(Person who) {
        return who.has(Role.EDITOR) ? Verdict.ALLOWED
                : Verdict.notPermitted(who.id() + " may not create content (needs the EDITOR role)");
    }

    /** Moving the questions of a topic into another order. */
    public Verdict reorder(Person who) {
        return who.has(Role.EDITOR) ? Verdict.ALLOWED
                : Verdict.notPermitted(who.id() + " may not reorder content (needs the EDITOR role)");
    }

    /** Keeping a language pair's glossary: editors, and the reviewers of the pair's target language. */
    public Verdict manageGlossary(Person who, String targetLanguageCode) {
        return who.has(Role.EDITOR) || who.can(Capability.LANGUAGE_REVIEW, targetLanguageCode) ? Verdict.ALLOWED
                : Verdict.notQualified(who.id() + " may not keep the glossary into " + targetLanguageCode
                        + " (needs the EDITOR role or LANGUAGE_REVIEW in that language)");
    }

    /** Writing the next revision: source text by editors, a translation by its qualified translators. */
    public Verdict edit(Person who, Slot slot) {
        if (slot.source()) {
            return who.has(Role.EDITOR) ? Verdict.ALLOWED
                    : Verdict.notPermitted(who.id() + " may not edit source text (needs the EDITOR role)");
        }
        if (!who.has(Role.TRANSLATOR)) {
            return Verdict.notPermitted(who.id() + " may not translate (needs the TRANSLATOR role)");
        }
        if (!who.can(Capability.TRANSLATE, slot.languageCode())) {
            return Verdict.notQualified(who.id() + " may not translate into " + slot.languageCode());
        }
        if (slot.liveSourceRevisionId() == null) {
            return Verdict.invalid("workflow.error.sourceNotPublished",
                    "item " + slot.itemId() + " has no published source text to translate from");
        }
        return Verdict.ALLOWED;
    }

    public Verdict submit(Person who, Slot slot, Rev r) {
        if (!slot.isLatest(r)) {
            return Verdict.stale("revision " + r.number() + " is no longer the newest");
        }
        boolean mayWrite = who.wrote(r) || who.has(Role.EDITOR)
                || who.has(Role.TRANSLATOR) && who.can(Capability.TRANSLATE, slot.languageCode());
        if (!mayWrite) {
            return Verdict.notPermitted(who.id() + " may not submit revision " + r.id());
        }
        if (r.submitted()) {
            return Verdict.invalid("workflow.error.alreadySubmitted", "revision " + r.id() + " is already in review");
        }
        return Verdict.ALLOWED;
    }

    /**
     * Taking one's own submission back before any reviewer has decided on it: the revision is a draft again.
     * Only the person who submitted it may; once a review exists the hand-off is history (the database agrees, V21).
     */
    public Verdict withdrawSubmission(Person who, Slot slot, Rev r, Long submittedBy) {
        if (!slot.isLatest(r)) {
            return Verdict.stale("revision " + r.number() + " is no longer the newest");
        }
        if (!r.submitted() || submittedBy == null) {
            return Verdict.invalid("workflow.error.notSubmitted", "revision " + r.id() + " has not been submitted");
        }
        if (submittedBy != who.id()) {
            return Verdict.notPermitted(who.id() + " did not submit revision " + r.id() + " and may not withdraw it");
        }
        if (r.medical() != null || r.language() != null) {
            return Verdict.invalid("workflow.error.alreadyReviewed", "revision " + r.id()
                    + " has been reviewed; its submission can no longer be withdrawn");
        }
        return Verdict.ALLOWED;
    }

    /**
     * A review of the newest revision once it is submitted, or a medical review of the text readers see now
     * (to ask for changes to it). Never by its author; LANGUAGE only for translations, by a qualified reviewer;
     * MEDICAL by a clinician qualified in the language.
     */
    public Verdict review(Person who, ReviewKind kind, Slot slot, Rev r) {
        boolean liveAndMedical = kind == ReviewKind.MEDICAL && slot.isLive(r);
        if (!slot.isLatest(r) && !liveAndMedical) {
            return Verdict.stale("revision " + r.number() + " is no longer the newest");
        }
        if (kind == ReviewKind.LANGUAGE && slot.source()) {
            return Verdict.invalid("workflow.error.noLanguageReviewOfSource",
                    "source text has no language review, only a medical one");
        }
        if (!r.submitted()) {
            return Verdict.invalid("workflow.error.notSubmitted", "revision " + r.id() + " has not been submitted");
        }
        if (r.everWithdrawn()) {
            return Verdict.invalid("workflow.error.withdrawnForGood", "revision " + r.id()
                    + " was withdrawn and can never be published again");
        }
        if (kind == ReviewKind.LANGUAGE && slot.isLive(r)) {
            return Verdict.invalid("workflow.error.alreadyPublished", "revision " + r.id() + " is already live");
        }
        if (who.wrote(r)) {
            return Verdict.selfReview(who.id() + " wrote revision " + r.id() + " and cannot review it");
        }
        if (kind == ReviewKind.MEDICAL) {
            if (!who.has(Role.CLINICIAN)) {
                return Verdict.notPermitted(who.id() + " may not sign off medically (needs the CLINICIAN role)");
            }
            return who.can(Capability.MEDICAL_REVIEW, slot.languageCode()) ? Verdict.ALLOWED
                    : Verdict.notQualified(who.id() + " is not qualified for MEDICAL_REVIEW in " + slot.languageCode());
        }
        return who.can(Capability.LANGUAGE_REVIEW, slot.languageCode()) ? Verdict.ALLOWED
                : Verdict.notQualified(who.id() + " is not qualified for LANGUAGE_REVIEW in " + slot.languageCode());
    }

    /**
     * A clinician who asks for changes to the text readers see now says what happens to it meanwhile: it may
     * stay until replaced (UPDATE_NEEDED) or must come down now (UNSAFE).
     */
    public static boolean asksLiveOutcome(ReviewKind kind, Decision decision, Slot slot, Rev r) {
        return kind == ReviewKind.MEDICAL && decision == Decision.CHANGES_REQUESTED && slot.isLive(r);
    }

    /** Making a revision live: an editor, every approval, never withdrawn, not older than a SAFETY change. */
    public Verdict publish(Person who, Slot slot, Rev r) {
        if (!who.has(Role.EDITOR)) {
            return Verdict.notPermitted(who.id() + " may not publish (needs the EDITOR role)");
        }
        Verdict fit = requireFitToGoLive(slot, r);
        if (!fit.allowed()) {
            return fit;
        }
        if (slot.isLive(r)) {
            return Verdict.invalid("workflow.error.alreadyPublished", "revision " + r.id() + " is already live");
        }
        return requireSignOffValid(r);
    }

    /**
     * Whether publishing this source revision must say MINOR or SAFETY: it replaces live source text, or a
     * translation (live or being written) would then be based on older source text. A rollback never asks: it
     * brings back text whose translations were already decided.
     */
    public static boolean asksSourceChange(Slot slot, Rev r) {
        if (!slot.source() || r.everPublished()) {
            return false;
        }
        return slot.hasPublication()
                || slot.oldestTranslationBase() != null && slot.oldestTranslationBase() < r.number();
    }

    public Verdict unpublish(Person who, Slot slot) {
        if (!who.has(Role.EDITOR)) {
            return Verdict.notPermitted(who.id() + " may not unpublish (needs the EDITOR role)");
        }
        if (!slot.hasPublication()) {
            return Verdict.invalid("workflow.error.notPublished", "item " + slot.itemId() + " is not published in "
                    + slot.languageCode());
        }
        return Verdict.ALLOWED;
    }

    /**
     * Republishing an earlier revision: only one that was published before, still approved, within its review
     * period, never withdrawn, and not from before a SAFETY change.
     */
    public Verdict rollback(Person who, Slot slot, Rev r) {
        if (!who.has(Role.EDITOR)) {
            return Verdict.notPermitted(who.id() + " may not roll back (needs the EDITOR role)");
        }
        if (!r.everPublished()) {
            return Verdict.invalid("workflow.error.neverPublished", "revision " + r.id()
                    + " was never published; publish it instead");
        }
        Verdict fit = requireFitToGoLive(slot, r);
        if (!fit.allowed()) {
            return fit;
        }
        Verdict valid = requireSignOffValid(r);
        if (!valid.allowed()) {
            return valid;
        }
        if (slot.isLive(r)) {
            return Verdict.invalid("workflow.error.alreadyPublished", "revision " + r.id() + " is already live");
        }
        return Verdict.ALLOWED;
    }

    /**
     * Writing in, or resolving, the conversation on an item in a language: editors anywhere, everyone else in the
     * languages they are qualified for (the people who write, review or sign that text).
     */
    public Verdict comment(Person who, String languageCode) {
        if (who.has(Role.EDITOR)
                || who.qualifications().stream().anyMatch(q -> q.languageCode().equals(languageCode))) {
            return Verdict.ALLOWED;
        }
        return who.qualifications().isEmpty() ? Verdict.notPermitted(who.id() + " works on no language")
                : Verdict.notQualified(who.id() + " works on no text in " + languageCode);
    }

    /**
     * The newest review of this kind already decided this revision, so a review screen offers no second one;
     * a medical refusal of the live text stays possible (the service allows both, the newest review decides).
     */
    public static boolean decided(ReviewKind kind, Slot slot, Rev r) {
        Decision newest = kind == ReviewKind.MEDICAL ? r.medical() : r.language();
        return newest != null && !(kind == ReviewKind.MEDICAL && slot.isLive(r));
    }

    /** What publish and rollback both need: every approval, nothing older than a SAFETY change, never withdrawn. */
    private static Verdict requireFitToGoLive(Slot slot, Rev r) {
        Verdict approval = requireApproved(slot, r);
        if (!approval.allowed()) {
            return approval;
        }
        Verdict safety = requireNoSafetyChangeSince(slot, r);
        if (!safety.allowed()) {
            return safety;
        }
        if (r.everWithdrawn()) {
            return Verdict.invalid("workflow.error.withdrawnForGood", "revision " + r.id()
                    + " was withdrawn and can never be published again");
        }
        return Verdict.ALLOWED;
    }

    /** A sign-off is good for one review period: after that the text needs a new medical review to go live. */
    private Verdict requireSignOffValid(Rev r) {
        LocalDate due = signOffDue(r);
        if (due.isBefore(LocalDate.now(clock.withZone(ZoneOffset.UTC)))) {
            return new Verdict(Kind.SIGN_OFF_EXPIRED, "workflow.error.signOffExpired", "the sign-off of revision "
                    + r.id() + " expired on " + due + "; it needs a new medical review before it can be published again");
        }
        return Verdict.ALLOWED;
    }

    /** When the clinical review of a text signed off by its newest medical review falls due. */
    public LocalDate signOffDue(Rev r) {
        return r.medicalAt().atZone(ZoneOffset.UTC).toLocalDate().plus(reviewPeriod);
    }

    private static Verdict requireApproved(Slot slot, Rev r) {
        if (r.medical() != Decision.APPROVED) {
            return new Verdict(Kind.NOT_APPROVED, "workflow.error.notApproved", "revision " + r.id()
                    + " has no medical sign-off");
        }
        if (!slot.source() && r.language() != Decision.APPROVED) {
            return new Verdict(Kind.NOT_APPROVED, "workflow.error.notApproved", "translation revision " + r.id()
                    + " has no language approval");
        }
        return Verdict.ALLOWED;
    }

    /**
     * A SAFETY change of the source declares older text unsafe: neither a translation made from older source
     * text nor older source text itself goes live again (by publish or rollback).
     */
    private static Verdict requireNoSafetyChangeSince(Slot slot, Rev r) {
        Integer safety = slot.newestSafetyNumber();
        if (safety == null) {
            return Verdict.ALLOWED;
        }
        if (slot.source()) {
            return r.number() < safety ? Verdict.invalid("workflow.error.olderThanSafetyChange", "revision " + r.id()
                    + " is older than the safety change in revision " + safety) : Verdict.ALLOWED;
        }
        if (r.baseSourceNumber() != null && r.baseSourceNumber() < safety) {
            return Verdict.invalid("workflow.error.safetyChangeSinceTranslated", "the source text of item "
                    + slot.itemId() + " changed for safety after revision " + r.id() + " was translated;"
                    + " translate the current source text and have it reviewed again");
        }
        return Verdict.ALLOWED;
    }
}
