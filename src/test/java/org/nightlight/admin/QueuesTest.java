package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.content.ItemKind;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;
import org.nightlight.workflow.WorkItem;

/**
 * The work queues, for every role and every state of a text: an item is in exactly the queues its state and the
 * person's qualifications say, once per step. One row per state; the people not named have nothing to do.
 */
class QueuesTest {

    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    static final Policy POLICY = new Policy(Clock.fixed(NOW, ZoneOffset.UTC), Period.ofMonths(12));

    static final Person EDITOR = person(1, "editor", Set.of(Role.EDITOR), Set.of());
    static final Person CLINICIAN = person(2, "clinician", Set.of(Role.CLINICIAN),
            Set.of(new Qualification("en", Capability.MEDICAL_REVIEW), new Qualification("fr", Capability.MEDICAL_REVIEW)));
    static final Person TRANSLATOR_FR = person(3, "translator-fr", Set.of(Role.TRANSLATOR),
            Set.of(new Qualification("fr", Capability.TRANSLATE)));
    static final Person OTHER_TRANSLATOR_FR = person(4, "other-translator-fr", Set.of(Role.TRANSLATOR),
            Set.of(new Qualification("fr", Capability.TRANSLATE)));
    static final Person REVIEWER_FR = person(5, "reviewer-fr", Set.of(Role.TRANSLATOR),
            Set.of(new Qualification("fr", Capability.LANGUAGE_REVIEW)));
    static final Person TRANSLATOR_ES = person(6, "translator-es", Set.of(Role.TRANSLATOR),
            Set.of(new Qualification("es", Capability.TRANSLATE)));
    static final Person ADMIN = person(7, "admin", Set.of(Role.ADMIN), Set.of());
    static final List<Person> EVERYONE = List.of(EDITOR, CLINICIAN, TRANSLATOR_FR, OTHER_TRANSLATOR_FR, REVIEWER_FR,
            TRANSLATOR_ES, ADMIN);

    // the English source: revision 2 (id 10) live; after a SAFETY change, revision 3 (id 11)
    static final long SOURCE = 10;
    static final long SAFETY_SOURCE = 11;

    record Case(String state, WorkItem item, Map<String, Set<String>> expected) {
    }

    @Test
    void everyRoleInEveryState_seesTheItemInExactlyTheQueuesThePolicySays() {
        List<Case> cases = List.of(
                new Case("fr not translated yet", french(null, false, null, null, false, SOURCE, null),
                        Map.of("translator-fr", Set.of("toTranslate"), "other-translator-fr", Set.of("toTranslate"))),
                new Case("fr draft of the translator", french(rev(20, TRANSLATOR_FR, false, null, null, SOURCE, 2),
                        false, null, null, false, SOURCE, null),
                        Map.of("translator-fr", Set.of("toTranslate"))),
                new Case("fr submitted", french(rev(20, TRANSLATOR_FR, true, null, null, SOURCE, 2), false, null, null,
                        false, SOURCE, null),
                        Map.of("translator-fr", Set.of("inReview"), "reviewer-fr", Set.of("toReview"),
                                "clinician", Set.of("toSignOff"))),
                new Case("fr language-approved", french(rev(20, TRANSLATOR_FR, true, null, Decision.APPROVED, SOURCE, 2),
                        false, null, null, false, SOURCE, null),
                        Map.of("translator-fr", Set.of("inReview"), "clinician", Set.of("toSignOff"))),
                new Case("fr sent back", french(rev(20, TRANSLATOR_FR, true, Decision.CHANGES_REQUESTED, null, SOURCE, 2),
                        false, null, null, false, SOURCE, null),
                        Map.of("translator-fr", Set.of("changesRequested"),
                                "other-translator-fr", Set.of("changesRequested"))),
                new Case("fr sent back, and the source moved on since", french(rev(20, TRANSLATOR_FR, true,
                        Decision.CHANGES_REQUESTED, null, SOURCE, 2), false, null, null, false, SAFETY_SOURCE, null),
                        Map.of("translator-fr", Set.of("changesRequested"),
                                "other-translator-fr", Set.of("changesRequested"))),
                new Case("fr approved", french(rev(20, TRANSLATOR_FR, true, Decision.APPROVED, Decision.APPROVED, SOURCE,
                        2), false, null, null, false, SOURCE, null),
                        Map.of("editor", Set.of("readyToPublish"))),
                new Case("fr published", french(rev(20, TRANSLATOR_FR, true, Decision.APPROVED, Decision.APPROVED,
                        SOURCE, 2), true, 20L, SOURCE, false, SOURCE, null), Map.of()),
                new Case("fr published, source changed (minor)", french(rev(20, TRANSLATOR_FR, true, Decision.APPROVED,
                        Decision.APPROVED, SOURCE, 2), true, 20L, SOURCE, false, SAFETY_SOURCE, null),
                        Map.of("translator-fr", Set.of("toTranslate"), "other-translator-fr", Set.of("toTranslate"))),
                new Case("fr withdrawn by a SAFETY change", french(rev(20, TRANSLATOR_FR, true, Decision.APPROVED,
                        Decision.APPROVED, SOURCE, 2), true, 20L, SOURCE, true, SAFETY_SOURCE, 3),
                        Map.of("translator-fr", Set.of("toTranslate"), "other-translator-fr", Set.of("toTranslate"))),
                new Case("en draft of the editor", english(rev(30, EDITOR, false, null, null, null, null), null, false),
                        Map.of()),
                new Case("en submitted", english(rev(30, EDITOR, true, null, null, null, null), null, false),
                        Map.of("editor", Set.of("inReview"), "clinician", Set.of("toSignOff"))),
                new Case("en sent back", english(rev(30, EDITOR, true, Decision.CHANGES_REQUESTED, null, null, null),
                        null, false), Map.of("editor", Set.of("changesRequested"))),
                new Case("en approved", english(rev(30, EDITOR, true, Decision.APPROVED, null, null, null), null, false),
                        Map.of("editor", Set.of("readyToPublish"))),
                new Case("en live, a clinician asked for an update", english(rev(30, EDITOR, true,
                        Decision.CHANGES_REQUESTED, null, null, null), 30L, false),
                        Map.of("editor", Set.of("changesRequested"))));

        List<String> problems = new ArrayList<>();
        for (Case c : cases) {
            for (Person p : EVERYONE) {
                Set<String> actual = queuesOf(Queues.of(POLICY, p, List.of(c.item()), TODAY));
                Set<String> expected = c.expected().getOrDefault(p.username(), Set.of());
                if (!actual.equals(expected)) {
                    problems.add(c.state() + " / " + p.username() + ": expected " + new TreeSet<>(expected) + ", got "
                            + actual);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void safetyWork_comesFirst_isMarked_andHasItsAge() {
        WorkItem minor = french(rev(20, TRANSLATOR_FR, true, Decision.APPROVED, Decision.APPROVED, SOURCE, 2), true,
                20L, SOURCE, false, SAFETY_SOURCE, null);
        WorkItem safety = withItem(french(rev(21, TRANSLATOR_FR, true, Decision.APPROVED, Decision.APPROVED, SOURCE, 2),
                true, 21L, SOURCE, true, SAFETY_SOURCE, 3), 2);
        Queues queues = Queues.of(POLICY, TRANSLATOR_FR, List.of(minor, safety), TODAY);
        assertThat(queues.toTranslate()).extracting(WorkItem::itemId).containsExactly(2L, 1L);
        assertThat(queues.toTranslate().get(0).safety()).isTrue();
        assertThat(queues.toTranslate().get(1).safety()).isFalse();
        // waiting since the new source text went live, three days ago
        assertThat(queues.ageDays(queues.toTranslate().get(0))).isEqualTo(3);
    }

    @Test
    void eachQueue_filtersByLanguage_andSearchesTitles_ignoringCaseAndAccents() {
        WorkItem fr = french(null, false, null, null, false, SOURCE, null);
        Person both = person(8, "both", Set.of(Role.TRANSLATOR), Set.of(new Qualification("fr", Capability.TRANSLATE),
                new Qualification("es", Capability.TRANSLATE)));
        WorkItem es = withLanguage(withItem(fr, 2), "es", "Mioclonía del sueño");
        Queues queues = Queues.of(POLICY, both, List.of(withTitle(fr, "Le sommeil de bébé"), es), TODAY);
        assertThat(queues.toTranslate()).hasSize(2);
        assertThat(queues.filtered("es", "").toTranslate()).extracting(WorkItem::languageCode).containsExactly("es");
        assertThat(queues.filtered("", "MIOCLONIA").toTranslate()).extracting(WorkItem::itemId).containsExactly(2L);
        assertThat(queues.filtered("fr", "mioclonía").total()).isZero();
    }

    // --- building the facts -----------------------------------------------------------------------------

    static Set<String> queuesOf(Queues queues) {
        Set<String> names = new TreeSet<>();
        queues.named().forEach(q -> {
            if (!q.items().isEmpty()) {
                names.add(q.key());
            }
        });
        return names;
    }

    static Rev rev(long id, Person author, boolean submitted, Decision medical, Decision language, Long base,
            Integer baseNumber) {
        return new Rev(id, 1, author.id(), submitted, medical, medical == null ? null : NOW.minusSeconds(3600),
                language, false, false, base, baseNumber);
    }

    /** Item 1 in French; {@code liveSource} is the live English revision (SOURCE, or SAFETY_SOURCE after it). */
    static WorkItem french(Rev latest, boolean live, Long liveId, Long liveBase, boolean withdrawn, long liveSource,
            Integer safetyNumber) {
        Rev r = latest == null ? null : live ? published(latest) : latest;
        Slot slot = new Slot(1, "fr", false, r == null ? null : r.id(), r == null ? null : r.baseSourceRevisionId(),
                liveId, withdrawn, liveSource, safetyNumber, r == null ? null : r.baseSourceNumber());
        return item(1, slot, r, "Le sommeil", live ? TODAY.plusMonths(11) : null);
    }

    static WorkItem english(Rev latest, Long liveId, boolean withdrawn) {
        Rev r = liveId == null ? latest : published(latest);
        Slot slot = new Slot(1, "en", true, r.id(), null, liveId, withdrawn, liveId, null, null);
        return item(1, slot, r, "Sleep", liveId == null ? null : TODAY.plusMonths(11));
    }

    static Rev published(Rev r) {
        return new Rev(r.id(), r.number(), r.authorId(), r.submitted(), r.medical(), r.medicalAt(), r.language(), true,
                false, r.baseSourceRevisionId(), r.baseSourceNumber());
    }

    static WorkItem item(long id, Slot slot, Rev latest, String title, LocalDate due) {
        Instant saved = NOW.minusSeconds(5 * 86400);
        return new WorkItem(id, ItemKind.QUESTION, 100L, 1, latest == null ? null : latest.number(),
                latest == null ? null : title, saved, due, false, "Sleep", slot, latest, NOW.minusSeconds(3 * 86400),
                latest != null && latest.submitted() ? NOW.minusSeconds(86400) : null);
    }

    static WorkItem withItem(WorkItem w, long id) {
        Slot s = w.slot();
        return new WorkItem(id, w.kind(), w.topicId(), w.position(), w.number(), w.title(), w.savedAt(),
                w.nextReviewDue(), w.outdated(), w.sourceTitle(), new Slot(id, s.languageCode(), s.source(),
                        s.latestRevisionId(), s.latestBaseSourceRevisionId(), s.liveRevisionId(), s.liveWithdrawn(),
                        s.liveSourceRevisionId(), s.newestSafetyNumber(), s.oldestTranslationBase()),
                w.latest(), w.sourcePublishedAt(), w.submittedAt());
    }

    static WorkItem withLanguage(WorkItem w, String lang, String title) {
        Slot s = w.slot();
        return new WorkItem(w.itemId(), w.kind(), w.topicId(), w.position(), w.number(), title, w.savedAt(),
                w.nextReviewDue(), w.outdated(), w.sourceTitle(), new Slot(s.itemId(), lang, s.source(),
                        s.latestRevisionId(), s.latestBaseSourceRevisionId(), s.liveRevisionId(), s.liveWithdrawn(),
                        s.liveSourceRevisionId(), s.newestSafetyNumber(), s.oldestTranslationBase()),
                w.latest(), w.sourcePublishedAt(), w.submittedAt());
    }

    static WorkItem withTitle(WorkItem w, String title) {
        return new WorkItem(w.itemId(), w.kind(), w.topicId(), w.position(), w.number(), title, w.savedAt(),
                w.nextReviewDue(), w.outdated(), w.sourceTitle(), w.slot(), w.latest(), w.sourcePublishedAt(),
                w.submittedAt());
    }

    static Person person(long id, String username, Set<Role> roles, Set<Qualification> qualifications) {
        return new Person(id, username, username, "", true, false, roles, qualifications, null, null,
                new LinkedHashMap<>());
    }
}
