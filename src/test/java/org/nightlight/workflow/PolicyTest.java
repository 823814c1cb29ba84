package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.workflow.Policy.Person;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;

/**
 * The workflow policy without a database: every person (one per role and qualification that matters) tries
 * every action on the newest text of an item in every state, in the source language and in a translation,
 * and the answer is compared with the table of what the rules allow. Then the rules one by one.
 */
class PolicyTest {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Policy POLICY = new Policy(Clock.fixed(NOW, ZoneOffset.UTC), Period.ofMonths(12));

    enum Action { CREATE_ITEM, REORDER, EDIT, SUBMIT, LANGUAGE_REVIEW, MEDICAL_REVIEW, PUBLISH, UNPUBLISH, ROLLBACK }

    // the source text's author is "editor", the French translation's is "translator"
    static final Map<String, Person> PEOPLE = new LinkedHashMap<>();

    static {
        person("editor", 1, Set.of(Role.EDITOR));
        person("editor2", 2, Set.of(Role.EDITOR));
        person("clinician", 3, Set.of(Role.CLINICIAN), q("en", Capability.MEDICAL_REVIEW),
                q("fr", Capability.MEDICAL_REVIEW));
        person("translator", 4, Set.of(Role.TRANSLATOR), q("fr", Capability.TRANSLATE));
        person("reviewer", 5, Set.of(Role.TRANSLATOR), q("fr", Capability.TRANSLATE),
                q("fr", Capability.LANGUAGE_REVIEW));
        person("admin", 6, Set.of(Role.ADMIN));
        person("editorClinician", 7, Set.of(Role.EDITOR, Role.CLINICIAN), q("en", Capability.MEDICAL_REVIEW));
        person("translatorEs", 8, Set.of(Role.TRANSLATOR), q("es", Capability.TRANSLATE),
                q("es", Capability.LANGUAGE_REVIEW));
        person("clinicianRoleOnly", 9, Set.of(Role.CLINICIAN));
        person("qualifiedNoRole", 10, Set.of(), q("fr", Capability.TRANSLATE), q("fr", Capability.MEDICAL_REVIEW));
    }

    static final String EDITORS = "editor editor2 editorClinician";
    static final Set<ItemState> REVIEWABLE = EnumSet.of(ItemState.IN_REVIEW, ItemState.CHANGES_REQUESTED,
            ItemState.APPROVED);
    static final Set<ItemState> LIVE_OR_WITHDRAWN = EnumSet.of(ItemState.PUBLISHED, ItemState.WITHDRAWN);

    /** Who may do {@code action} to the newest text in {@code state}: the table the policy must match. */
    static Set<String> allowed(String lang, ItemState state, Action action) {
        boolean source = lang.equals("en");
        String who = switch (action) {
            case CREATE_ITEM, REORDER -> EDITORS;
            case EDIT -> source ? EDITORS : "translator reviewer";
            case SUBMIT -> state != ItemState.DRAFT ? "" : source ? EDITORS : EDITORS + " translator reviewer";
            case LANGUAGE_REVIEW -> !source && REVIEWABLE.contains(state) ? "reviewer" : "";
            // the live text too: a clinician can ask for changes to what readers see
            case MEDICAL_REVIEW -> REVIEWABLE.contains(state) || state == ItemState.PUBLISHED
                    ? (source ? "clinician editorClinician" : "clinician") : "";
            case PUBLISH -> state == ItemState.APPROVED ? EDITORS : "";
            case UNPUBLISH -> LIVE_OR_WITHDRAWN.contains(state) ? EDITORS : "";
            // the newest text is live already, was withdrawn for good, or was never published
            case ROLLBACK -> "";
        };
        return who.isBlank() ? Set.of() : Set.of(who.split(" "));
    }

    static Stream<Arguments> everyPersonActionStateAndLanguage() {
        List<Arguments> cases = new ArrayList<>();
        for (String lang : List.of("en", "fr")) {
            for (ItemState state : ItemState.values()) {
                for (Action action : Action.values()) {
                    for (String name : PEOPLE.keySet()) {
                        cases.add(Arguments.of(lang, state, action, name));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2} by {3}")
    @MethodSource("everyPersonActionStateAndLanguage")
    void thePolicy_answersAsTheTableOfRules(String lang, ItemState state, Action action, String name) {
        Slot slot = slot(lang, state);
        Rev latest = latest(lang, state);
        boolean expected = allowed(lang, state, action).contains(name);
        Verdict verdict = ask(PEOPLE.get(name), action, slot, latest);
        assertThat(verdict.allowed()).as("%s %s: %s by %s (%s)", lang, state, action, name, verdict.reason())
                .isEqualTo(expected);
        if (!verdict.allowed()) {
            assertThat(verdict.code()).as("a refusal names its message").startsWith("workflow.error.");
        }
    }

    @ParameterizedTest
    @EnumSource(ItemState.class)
    void theFixtures_areInTheStateTheyAreNamedFor(ItemState state) {
        assertThat(Policy.state(slot("en", state), latest("en", state))).isEqualTo(state);
        assertThat(Policy.state(slot("fr", state), latest("fr", state))).isEqualTo(state);
    }

    static Verdict ask(Person who, Action action, Slot slot, Rev latest) {
        if (latest == null && EnumSet.of(Action.SUBMIT, Action.LANGUAGE_REVIEW, Action.MEDICAL_REVIEW, Action.PUBLISH,
                Action.ROLLBACK).contains(action)) {
            return Verdict.invalid("workflow.error.notFound", "no revision");
        }
        return switch (action) {
            case CREATE_ITEM -> POLICY.createItem(who);
            case REORDER -> POLICY.reorder(who);
            case EDIT -> POLICY.edit(who, slot);
            case SUBMIT -> POLICY.submit(who, slot, latest);
            case LANGUAGE_REVIEW -> POLICY.review(who, ReviewKind.LANGUAGE, slot, latest);
            case MEDICAL_REVIEW -> POLICY.review(who, ReviewKind.MEDICAL, slot, latest);
            case PUBLISH -> POLICY.publish(who, slot, latest);
            case UNPUBLISH -> POLICY.unpublish(who, slot);
            case ROLLBACK -> POLICY.rollback(who, slot, latest);
        };
    }

    // --- the rules one by one --------------------------------------------------------------------------

    @Test
    void fourEyes_aClinicianWhoWroteTheText_cannotSignItOff() {
        Rev own = new Rev(20, 1, 7L, true, null, null, null, false, false, null, null);
        Verdict verdict = POLICY.review(PEOPLE.get("editorClinician"), ReviewKind.MEDICAL,
                slot("en", ItemState.IN_REVIEW), own);
        assertThat(verdict.kind()).isEqualTo(Verdict.Kind.SELF_REVIEW);
    }

    @Test
    void aTranslation_cannotBeWritten_beforeTheSourceIsLive() {
        Slot noSource = new Slot(1, "fr", false, null, null, null, false, null, null, null);
        Verdict verdict = POLICY.edit(PEOPLE.get("translator"), noSource);
        assertThat(verdict.code()).isEqualTo("workflow.error.sourceNotPublished");
        assertThat(POLICY.edit(PEOPLE.get("translatorEs"), slot("fr", ItemState.DRAFT)).kind())
                .isEqualTo(Verdict.Kind.NOT_QUALIFIED);
        assertThat(POLICY.edit(PEOPLE.get("qualifiedNoRole"), slot("fr", ItemState.DRAFT)).kind())
                .isEqualTo(Verdict.Kind.NOT_PERMITTED);
    }

    @Test
    void aClinicianWithoutTheQualification_isNotQualified_andAQualificationWithoutTheRole_isNotPermitted() {
        Slot slot = slot("fr", ItemState.IN_REVIEW);
        Rev rev = latest("fr", ItemState.IN_REVIEW);
        assertThat(POLICY.review(PEOPLE.get("clinicianRoleOnly"), ReviewKind.MEDICAL, slot, rev).kind())
                .isEqualTo(Verdict.Kind.NOT_QUALIFIED);
        assertThat(POLICY.review(PEOPLE.get("qualifiedNoRole"), ReviewKind.MEDICAL, slot, rev).kind())
                .isEqualTo(Verdict.Kind.NOT_PERMITTED);
    }

    @Test
    void theLiveOutcome_isAsked_onlyOfAMedicalRequestForChangesOfTheLiveText() {
        Slot live = slot("en", ItemState.PUBLISHED);
        Rev rev = latest("en", ItemState.PUBLISHED);
        assertThat(Policy.asksLiveOutcome(ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED, live, rev)).isTrue();
        assertThat(Policy.asksLiveOutcome(ReviewKind.MEDICAL, Decision.APPROVED, live, rev)).isFalse();
        assertThat(Policy.asksLiveOutcome(ReviewKind.LANGUAGE, Decision.CHANGES_REQUESTED, live, rev)).isFalse();
        assertThat(Policy.asksLiveOutcome(ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                slot("en", ItemState.APPROVED), latest("en", ItemState.APPROVED))).isFalse();
        assertThat(Policy.asksLiveOutcome(ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                slot("en", ItemState.WITHDRAWN), latest("en", ItemState.WITHDRAWN))).isFalse();
    }

    @Test
    void theLiveText_canBeSignedOffAgainOrRefused_evenWhenANewerDraftExists() {
        Rev live = latest("en", ItemState.PUBLISHED);
        Slot withDraft = new Slot(1, "en", true, 21L, null, 20L, false, 20L, null, null);
        assertThat(POLICY.review(PEOPLE.get("clinician"), ReviewKind.MEDICAL, withDraft, live).allowed()).isTrue();
        Rev older = new Rev(19, 0, 1L, true, Decision.APPROVED, NOW, null, true, false, null, null);
        assertThat(POLICY.review(PEOPLE.get("clinician"), ReviewKind.MEDICAL, withDraft, older).kind())
                .isEqualTo(Verdict.Kind.STALE);
    }

    @Test
    void anUpdateRequested_onTheLiveText_isShown_andItsPublicationIsRefused() {
        Slot slot = slot("en", ItemState.PUBLISHED);
        Rev refused = new Rev(20, 1, 1L, true, Decision.CHANGES_REQUESTED, NOW, null, true, false, null, null);
        assertThat(Policy.updateRequested(slot, refused)).isTrue();
        assertThat(Policy.updateRequested(slot, latest("en", ItemState.PUBLISHED))).isFalse();
        Slot unpublished = new Slot(1, "en", true, 20L, null, null, false, null, null, null);
        assertThat(POLICY.publish(PEOPLE.get("editor"), unpublished, refused).kind())
                .isEqualTo(Verdict.Kind.NOT_APPROVED);
        assertThat(POLICY.rollback(PEOPLE.get("editor"), unpublished, refused).kind())
                .isEqualTo(Verdict.Kind.NOT_APPROVED);
    }

    @Test
    void minorOrSafety_isAsked_whenTranslationsWouldBeBasedOnOlderSource_evenWithNoSourceLive() {
        Rev second = new Rev(22, 2, 1L, true, Decision.APPROVED, NOW, null, false, false, null, null);
        Slot unpublishedWithOlderTranslations = new Slot(1, "en", true, 22L, null, null, false, null, null, 1);
        assertThat(Policy.asksSourceChange(unpublishedWithOlderTranslations, second)).isTrue();
        Slot replacingLiveSource = new Slot(1, "en", true, 22L, null, 20L, false, 20L, null, null);
        assertThat(Policy.asksSourceChange(replacingLiveSource, second)).isTrue();
        Slot nothingElse = new Slot(1, "en", true, 22L, null, null, false, null, null, null);
        assertThat(Policy.asksSourceChange(nothingElse, second)).isFalse();
        Slot translationsOnThisSource = new Slot(1, "en", true, 22L, null, null, false, null, null, 2);
        assertThat(Policy.asksSourceChange(translationsOnThisSource, second)).isFalse();
        Rev publishedBefore = new Rev(22, 2, 1L, true, Decision.APPROVED, NOW, null, true, false, null, null);
        assertThat(Policy.asksSourceChange(replacingLiveSource, publishedBefore)).as("a rollback").isFalse();
        assertThat(Policy.asksSourceChange(slot("fr", ItemState.APPROVED), latest("fr", ItemState.APPROVED)))
                .as("translations are never a source change").isFalse();
    }

    @Test
    void nothingFromBeforeASafetyChange_goesLiveAgain_byPublishOrRollback() {
        Person editor = PEOPLE.get("editor");
        Slot source = new Slot(1, "en", true, 23L, null, 23L, false, 23L, 3, null);
        Rev beforeSafety = new Rev(21, 2, 1L, true, Decision.APPROVED, NOW, null, true, false, null, null);
        assertThat(POLICY.rollback(editor, source, beforeSafety).code())
                .isEqualTo("workflow.error.olderThanSafetyChange");
        assertThat(POLICY.publish(editor, source, beforeSafety).code())
                .isEqualTo("workflow.error.olderThanSafetyChange");
        Slot french = new Slot(1, "fr", false, 31L, 21L, null, false, 23L, 3, null);
        Rev translatedBefore = new Rev(31, 1, 4L, true, Decision.APPROVED, NOW, Decision.APPROVED, false, false, 21L, 2);
        assertThat(POLICY.publish(editor, french, translatedBefore).code())
                .isEqualTo("workflow.error.safetyChangeSinceTranslated");
        Rev translatedAfter = new Rev(31, 1, 4L, true, Decision.APPROVED, NOW, Decision.APPROVED, false, false, 23L, 3);
        assertThat(POLICY.publish(editor, french, translatedAfter).allowed()).isTrue();
    }

    @Test
    void aWithdrawnRevision_isNeverPublishedAgain() {
        Person editor = PEOPLE.get("editor");
        Slot slot = new Slot(1, "en", true, 21L, null, null, false, null, null, null);
        Rev withdrawn = new Rev(21, 2, 1L, true, Decision.APPROVED, NOW, null, true, true, null, null);
        assertThat(POLICY.publish(editor, slot, withdrawn).code()).isEqualTo("workflow.error.withdrawnForGood");
        assertThat(POLICY.rollback(editor, slot, withdrawn).code()).isEqualTo("workflow.error.withdrawnForGood");
    }

    @Test
    void rollback_toAnEarlierPublishedRevision_isAllowed_untilItsSignOffExpires() {
        Person editor = PEOPLE.get("editor");
        Slot slot = new Slot(1, "en", true, 22L, null, 22L, false, 22L, null, null);
        Rev earlier = new Rev(21, 1, 1L, true, Decision.APPROVED, NOW.minus(Period.ofDays(300)), null, true, false,
                null, null);
        assertThat(POLICY.rollback(editor, slot, earlier).allowed()).isTrue();
        assertThat(POLICY.rollback(PEOPLE.get("clinician"), slot, earlier).kind())
                .isEqualTo(Verdict.Kind.NOT_PERMITTED);
        Rev expired = new Rev(21, 1, 1L, true, Decision.APPROVED, NOW.minus(Period.ofDays(400)), null, true, false,
                null, null);
        assertThat(POLICY.rollback(editor, slot, expired).kind()).isEqualTo(Verdict.Kind.SIGN_OFF_EXPIRED);
        Rev neverPublished = new Rev(21, 1, 1L, true, Decision.APPROVED, NOW, null, false, false, null, null);
        assertThat(POLICY.rollback(editor, slot, neverPublished).code()).isEqualTo("workflow.error.neverPublished");
    }

    @Test
    void publish_ofATextSignedOffLongerAgoThanTheReviewPeriod_isRefused() {
        Slot slot = new Slot(1, "en", true, 21L, null, null, false, null, null, null);
        Rev stale = new Rev(21, 1, 1L, true, Decision.APPROVED, NOW.minus(Period.ofDays(400)), null, false, false,
                null, null);
        assertThat(POLICY.publish(PEOPLE.get("editor"), slot, stale).kind()).isEqualTo(Verdict.Kind.SIGN_OFF_EXPIRED);
    }

    @Test
    void aTranslationApprovedAgainstTheNewSource_needsNoTranslating_whileTheOldOneIsStillLive() {
        // live French revision 30 made from source 20; newest French revision 31 made from the live source 22
        Slot updated = new Slot(1, "fr", false, 31L, 22L, 30L, false, 22L, null, null);
        assertThat(Policy.needsTranslation(updated)).isFalse();
        Slot stale = new Slot(1, "fr", false, 30L, 20L, 30L, false, 22L, null, null);
        assertThat(Policy.needsTranslation(stale)).isTrue();
        Slot missing = new Slot(1, "fr", false, null, null, null, false, 22L, null, null);
        assertThat(Policy.needsTranslation(missing)).isTrue();
        assertThat(Policy.needsTranslation(slot("en", ItemState.DRAFT))).isFalse();
    }

    @Test
    void awaits_onlyAReviewNobodyGaveYet_ofATextInReview() {
        Slot slot = slot("fr", ItemState.IN_REVIEW);
        Rev languageDone = new Rev(20, 1, 4L, true, null, null, Decision.APPROVED, false, false, 10L, 1);
        assertThat(Policy.awaits(ReviewKind.LANGUAGE, slot, languageDone)).isFalse();
        assertThat(Policy.awaits(ReviewKind.MEDICAL, slot, languageDone)).isTrue();
        assertThat(Policy.awaits(ReviewKind.MEDICAL, slot("fr", ItemState.DRAFT), latest("fr", ItemState.DRAFT)))
                .isFalse();
    }

    // --- fixtures --------------------------------------------------------------------------------------

    /** Item 1 in a language; the source is live as revision 10 (number 1) for translations. */
    static Slot slot(String lang, ItemState state) {
        boolean source = lang.equals("en");
        Long latest = state == ItemState.MISSING ? null : 20L;
        Long live = LIVE_OR_WITHDRAWN.contains(state) ? 20L : null;
        boolean withdrawn = state == ItemState.WITHDRAWN;
        Long liveSource = source ? (state == ItemState.PUBLISHED ? Long.valueOf(20) : null) : Long.valueOf(10);
        Long base = source || latest == null ? null : 10L;
        return new Slot(1, lang, source, latest, base, live, withdrawn, liveSource, null, null);
    }

    /** Revision 20 (number 1 in its language) in the state, written by the language's author. */
    static Rev latest(String lang, ItemState state) {
        if (state == ItemState.MISSING) {
            return null;
        }
        boolean source = lang.equals("en");
        long author = source ? 1 : 4;
        boolean submitted = state != ItemState.DRAFT;
        Decision medical = switch (state) {
            case APPROVED, PUBLISHED, WITHDRAWN -> Decision.APPROVED;
            case CHANGES_REQUESTED -> Decision.CHANGES_REQUESTED;
            default -> null;
        };
        Decision language = source || medical != Decision.APPROVED ? null : Decision.APPROVED;
        boolean published = LIVE_OR_WITHDRAWN.contains(state);
        return new Rev(20, 1, author, submitted, medical, medical == null ? null : NOW, language, published,
                state == ItemState.WITHDRAWN, source ? null : 10L, source ? null : 1);
    }

    private static void person(String name, long id, Set<Role> roles, Qualification... qualifications) {
        PEOPLE.put(name, new Person(id, roles, Set.copyOf(Arrays.asList(qualifications))));
    }

    private static Qualification q(String lang, Capability capability) {
        return new Qualification(lang, capability);
    }
}
