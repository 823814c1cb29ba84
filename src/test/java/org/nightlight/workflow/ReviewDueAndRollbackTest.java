package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.PublishedContent.Notice;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.SignOffExpired;
import org.nightlight.workflow.WorkflowFixture.Item;

/** Rules 5 and 6: every publication has a next-review date, and rollback only to a still valid sign-off. */
class ReviewDueAndRollbackTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static WorkflowFixture fx;

    @BeforeAll
    static void open() {
        fx = WorkflowFixture.open(db);
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    /** A new item whose question (and topic) the clinician signed and the editor published on {@code date}. */
    private static Item signedOn(String date) {
        fx.clock.set(Instant.now());
        Item item = fx.createItem();
        RevisionRef topic = fx.signSource(item.topicId());
        RevisionRef question = fx.signSource(item.questionId());
        fx.workflow.publish(fx.editor, topic.id(), null);
        fx.workflow.publish(fx.editor, question.id(), null);
        fx.happenedOn(item.topicId(), "en", LocalDate.parse(date));
        fx.happenedOn(item.questionId(), "en", LocalDate.parse(date));
        return item;
    }

    /** A live text whose clinical review is overdue or due within 30 days, as the dashboard's queue lists it. */
    record Due(long itemId, String languageCode, long revisionId, String title, LocalDate nextReviewDue,
            boolean overdue) {
    }

    private static List<Due> dueAmong(Item... items) {
        Set<Long> ids = java.util.Arrays.stream(items).map(Item::questionId).collect(java.util.stream.Collectors.toSet());
        LocalDate today = LocalDate.ofInstant(fx.clock.peek(), java.time.ZoneOffset.UTC);
        return fx.queries.overview().stream()
                .filter(w -> ids.contains(w.itemId()) && w.reviewDueWithin30Days(today))
                .sorted(java.util.Comparator.comparing(WorkItem::nextReviewDue))
                .map(w -> new Due(w.itemId(), w.languageCode(), w.liveRevisionId(), w.title(), w.nextReviewDue(),
                        w.reviewOverdue(today)))
                .toList();
    }

    // --- rule 5 ----------------------------------------------------------------------------------------

    @Test
    void reviewsDue_listsLiveTextsOverdueOrDueWithin30Days_soonestFirst_andNoOthers() {
        Item overdue = signedOn("2025-05-01");           // due 2026-05-01
        Item dueSoon = signedOn("2025-06-20");           // due 2026-06-20
        Item dueIn30Days = signedOn("2025-07-01");       // due 2026-07-01
        Item dueIn31Days = signedOn("2025-07-02");       // due 2026-07-02
        Item notYet = signedOn("2026-01-10");            // due 2027-01-10
        Item unpublished = signedOn("2025-04-01");       // overdue, but taken off the site
        fx.workflow.unpublish(fx.editor, unpublished.questionId(), "en", "no longer relevant");
        Item replaced = signedOn("2025-04-02");          // overdue text, replaced by a fresh sign-off
        fx.editSource(replaced.questionId(), "A freshly reviewed answer.");
        fx.publishSource(replaced.questionId(), SourceChange.MINOR);
        Item withdrawn = signedOn("2025-04-03");         // French overdue, but withdrawn by a safety change
        RevisionRef french = fx.publishTranslation(withdrawn.questionId(), "Une réponse périmée.");
        fx.happenedOn(withdrawn.questionId(), "fr", LocalDate.parse("2025-04-05"));
        fx.editSource(withdrawn.questionId(), "A safety fix.");
        fx.publishSource(withdrawn.questionId(), SourceChange.SAFETY);

        fx.clock.set("2026-06-01T12:00:00Z");
        List<Due> due = dueAmong(overdue, dueSoon, dueIn30Days, dueIn31Days, notYet, unpublished, replaced,
                withdrawn);

        assertThat(due).extracting(Due::itemId).containsExactly(overdue.questionId(), dueSoon.questionId(),
                dueIn30Days.questionId());
        assertThat(due).extracting(Due::nextReviewDue).containsExactly(LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 6, 20), LocalDate.of(2026, 7, 1));
        assertThat(due).extracting(Due::overdue).containsExactly(true, false, false);
        assertThat(due).allSatisfy(d -> assertThat(d.languageCode()).isEqualTo("en"));
        assertThat(due.get(0).revisionId()).isEqualTo(fx.latest(overdue.questionId(), "en").id());
        assertThat(due.get(0).title()).isEqualTo(fx.latest(overdue.questionId(), "en").text().title());
        assertThat(fx.queries.status(overdue.questionId(), "en").reviewOverdue()).isTrue();
        assertThat(fx.queries.status(dueSoon.questionId(), "en").reviewOverdue()).isFalse();
        assertThat(fx.queries.status(withdrawn.questionId(), "fr").liveRevisionId()).isEqualTo(french.id());
    }

    @Test
    void reviewsDue_includesTranslations_withTheirOwnSignOffDate() {
        Item item = signedOn("2025-09-01");              // English due 2026-09-01: not listed
        RevisionRef french = fx.translate(item.questionId(), "Une traduction signée tôt.");
        fx.signTranslation(french);
        fx.workflow.publish(fx.editor, french.id(), null);
        fx.happenedOn(item.questionId(), "fr", LocalDate.parse("2025-06-10"));

        fx.clock.set("2026-06-01T12:00:00Z");
        assertThat(dueAmong(item)).singleElement().satisfies(d -> {
            assertThat(d.languageCode()).isEqualTo("fr");
            assertThat(d.revisionId()).isEqualTo(french.id());
            assertThat(d.nextReviewDue()).isEqualTo(LocalDate.of(2026, 6, 10));
            assertThat(d.overdue()).isFalse();
        });
    }

    // --- rule 6 ----------------------------------------------------------------------------------------

    @Test
    void rollback_toAnEarlierRevisionSignedWithinThePeriod_republishesIt() {
        Item item = signedOn("2026-01-10");
        RevisionRef first = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "A second answer that turned out worse.");
        RevisionRef second = fx.publishSource(item.questionId(), SourceChange.MINOR);
        assertThat(fx.publicQuestion(item, "en").text().plain()).isEqualTo("A second answer that turned out worse.");

        fx.workflow.rollback(fx.editor, item.questionId(), "en", first.id());

        var shown = fx.publicQuestion(item, "en");
        assertThat(shown.text().revisionId()).isEqualTo(first.id());
        assertThat(shown.text().plain()).isEqualTo(first.text().body());
        assertThat(shown.notice()).isEqualTo(Notice.NONE);
        assertThat(shown.text().nextReviewDue()).isEqualTo(LocalDate.of(2027, 1, 10));
        var status = fx.queries.status(item.questionId(), "en");
        assertThat(status.liveRevisionId()).isEqualTo(first.id());
        assertThat(status.nextReviewDue()).isEqualTo(LocalDate.of(2027, 1, 10));
        assertThat(fx.count("""
                select count(*) from publications
                where revision_id = ? and ended_at is not null""", second.id())).isEqualTo(1);
        assertThat(fx.queries.provenance(item.questionId(), "en").replaced().id()).isEqualTo(second.id());
    }

    @Test
    void rollback_afterTheSignOffExpired_isRefused_withTheReason() {
        Item item = signedOn("2025-01-10");
        RevisionRef first = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "The current answer.");
        RevisionRef second = fx.publishSource(item.questionId(), SourceChange.MINOR);

        fx.clock.set("2026-02-01T10:00:00Z");
        SignOffExpired refused = fx.assertRefused(SignOffExpired.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "en", first.id()));

        assertThat(refused.getMessage()).contains("expired on 2026-01-10").contains("new medical review");
        assertThat(refused.code()).isEqualTo("workflow.error.signOffExpired");
        assertThat(fx.publicQuestion(item, "en").text().revisionId()).isEqualTo(second.id());
    }

    @Test
    void rollback_isAllowedOnTheDueDate_andRefusedTheDayAfter() {
        // signed a review period ago: due today (the database refuses to publish what is due before today)
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Item item = signedOn(today.minusMonths(12).toString());
        RevisionRef first = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "A newer answer.");
        RevisionRef second = fx.publishSource(item.questionId(), SourceChange.MINOR);

        fx.clock.set(today.plusDays(1) + "T00:00:01Z");
        fx.assertRefused(SignOffExpired.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "en", first.id()));
        fx.clock.set(today + "T23:00:00Z");
        fx.workflow.rollback(fx.editor, item.questionId(), "en", first.id());
        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(first.id());
        assertThat(second.id()).isNotEqualTo(first.id());
    }

    @Test
    void rollback_toARevisionThatWasNeverPublished_isRefused_evenWhenApproved() {
        Item item = signedOn("2026-01-10");
        fx.editSource(item.questionId(), "Approved but never published.");
        RevisionRef neverPublished = fx.signSource(item.questionId());

        InvalidTransition refused = fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "en", neverPublished.id()));
        assertThat(refused.code()).isEqualTo("workflow.error.neverPublished");
    }

    @Test
    void rollback_toTheRevisionThatIsLive_isRefused() {
        Item item = signedOn("2026-01-10");
        RevisionRef live = fx.latest(item.questionId(), "en");

        fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "en", live.id()));
    }

    @Test
    void rollback_ofATranslationWithdrawnForASafetyChange_isRefused() {
        Item item = signedOn("2026-01-10");
        RevisionRef unsafe = fx.publishTranslation(item.questionId(), "L'ancien conseil, devenu dangereux.");
        fx.editSource(item.questionId(), "Never give honey to a baby under one year.");
        fx.publishSource(item.questionId(), SourceChange.SAFETY);

        InvalidTransition refused = fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "fr", unsafe.id()));
        assertThat(refused.code()).isEqualTo("workflow.error.safetyChangeSinceTranslated");
        assertThat(fx.publicQuestion(item, "fr").notice()).isEqualTo(Notice.BEING_UPDATED);
    }

    @Test
    void publish_ofATranslationApprovedOnASourceBeforeASafetyChange_isRefused() {
        Item item = signedOn("2026-01-10");
        RevisionRef approvedBefore = fx.translate(item.questionId(), "Traduit de l'ancien texte.");
        fx.signTranslation(approvedBefore);
        fx.editSource(item.questionId(), "Never give honey to a baby under one year.");
        fx.publishSource(item.questionId(), SourceChange.SAFETY);

        InvalidTransition refused = fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.publish(fx.editor, approvedBefore.id(), null));
        assertThat(refused.code()).isEqualTo("workflow.error.safetyChangeSinceTranslated");
        assertThat(fx.publicQuestion(item, "fr").text().languageCode()).isEqualTo("en");
    }
}
