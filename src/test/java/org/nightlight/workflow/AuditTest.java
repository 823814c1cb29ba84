package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.account.Actor;
import org.nightlight.content.RevisionText;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.RevisionNotApproved;
import org.nightlight.workflow.WorkflowException.SelfReviewRefused;
import org.nightlight.workflow.WorkflowException.StaleRevision;
import org.nightlight.workflow.WorkflowFixture.Item;
import org.nightlight.workflow.WorkflowQueries.Provenance;
import org.nightlight.workflow.WorkflowQueries.ReviewRecord;

/**
 * Every workflow action writes its audit event in its own transaction (same PostgreSQL transaction id as
 * the rows it changed); refused actions write none; provenance reconstructs who did what to a live text.
 */
class AuditTest {

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

    /** The audit events the action wrote, oldest first. */
    private static List<Map<String, Object>> eventsDuring(Runnable action) {
        long last = fx.count("select coalesce(max(id), 0) from audit_events");
        action.run();
        return fx.rows("""
                select actor_id, action, item_id, language_code, revision_id, details, client, at,
                       xmin::text as tx
                from audit_events where id > ? order by id""", last);
    }

    /** The transaction that last wrote the row. */
    private static String tx(String table, String where, Object... params) {
        return (String) fx.row("select xmin::text as tx from " + table + " where " + where, params).get("tx");
    }

    private static void assertEvent(Map<String, Object> event, Actor actor, String action, long itemId, String lang,
            Long revisionId) {
        assertThat(event).as(action)
                .containsEntry("actor_id", actor.userId())
                .containsEntry("action", action)
                .containsEntry("item_id", itemId)
                .containsEntry("language_code", lang)
                .containsEntry("revision_id", revisionId);
    }

    private static Long livePublicationId(long itemId, String lang) {
        return (Long) fx.row("""
                select id from publications where item_id = ? and language_code = ? and ended_at is null""",
                itemId, lang).get("id");
    }

    @Test
    void create_writesOneItemCreatedEvent_inTheSameTransaction() {
        long topicId = fx.workflow.createTopic(fx.editor, WorkflowFixture.text("Audited topic", "Intro."), "new");
        long[] question = new long[1];

        var events = eventsDuring(() -> question[0] = fx.workflow.createQuestion(fx.editor, topicId,
                WorkflowFixture.text("Audited question?", "Answer."), "new"));

        RevisionRef first = fx.latest(question[0], "en");
        assertThat(events).singleElement().satisfies(e -> {
            assertEvent(e, fx.editor, "ITEM_CREATED", question[0], "en", first.id());
            assertThat(e.get("details")).isEqualTo("QUESTION");
            assertThat(e.get("tx")).isEqualTo(tx("content_items", "id = ?", question[0]))
                    .isEqualTo(tx("revisions", "id = ?", first.id()));
        });
    }

    @Test
    void save_writesOneRevisionSavedEvent_withTheActorsClient_inTheSameTransaction() {
        Item item = fx.createItem();
        Actor fromAddress = new Actor(fx.editor.userId(), "203.0.113.7");
        RevisionRef[] saved = new RevisionRef[1];

        var events = eventsDuring(() -> saved[0] = fx.workflow.saveRevision(fromAddress, item.questionId(), "en", 1,
                WorkflowFixture.text("Question edited?", "Edited."), "tidy up"));

        assertThat(events).singleElement().satisfies(e -> {
            assertEvent(e, fx.editor, "REVISION_SAVED", item.questionId(), "en", saved[0].id());
            assertThat(e.get("details")).isEqualTo("revision 2: tidy up");
            assertThat(e.get("client")).isEqualTo("203.0.113.7");
            assertThat(e.get("tx")).isEqualTo(tx("revisions", "id = ?", saved[0].id()));
        });
    }

    @Test
    void submitAndReview_writeTheirEvents_inTheirTransaction() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");

        var submitted = eventsDuring(() -> fx.workflow.submit(fx.editor2, revision.id()));
        assertThat(submitted).singleElement().satisfies(e -> {
            assertEvent(e, fx.editor2, "SUBMITTED", item.questionId(), "en", revision.id());
            assertThat(e.get("tx")).isEqualTo(tx("submissions", "revision_id = ?", revision.id()));
        });

        fx.clock.set("2026-02-02T10:00:00Z");
        var reviewed = eventsDuring(() -> fx.workflow.review(fx.clinician, revision.id(), ReviewKind.MEDICAL,
                Decision.CHANGES_REQUESTED, "Say when to see a doctor.", revision.contentHash()));
        // the review's comment also opens the item's conversation, in the same transaction
        assertThat(reviewed).extracting(e -> e.get("action")).containsExactly("REVIEWED", "COMMENT_ADDED");
        assertThat(reviewed.get(1).get("tx")).isEqualTo(reviewed.get(0).get("tx"));
        assertThat(reviewed.subList(0, 1)).singleElement().satisfies(e -> {
            assertEvent(e, fx.clinician, "REVIEWED", item.questionId(), "en", revision.id());
            assertThat(e.get("details")).isEqualTo("MEDICAL CHANGES_REQUESTED: Say when to see a doctor.");
            assertThat(((java.sql.Timestamp) e.get("at")).toInstant())
                    .isCloseTo(Instant.parse("2026-02-02T10:00:00Z"), within(1, ChronoUnit.SECONDS));
            assertThat(e.get("tx")).isEqualTo(tx("reviews", "revision_id = ?", revision.id()));
        });
    }

    @Test
    void publish_writesOneEvent_inTheTransactionThatMadeItLive() {
        Item item = fx.createItem();
        RevisionRef revision = fx.signSource(item.questionId());

        var events = eventsDuring(() -> fx.workflow.publish(fx.editor, revision.id(), null));

        assertThat(events).singleElement().satisfies(e -> {
            assertEvent(e, fx.editor, "PUBLISHED", item.questionId(), "en", revision.id());
            assertThat(e.get("tx")).isEqualTo(tx("publications", "revision_id = ?", revision.id()));
        });
    }

    @Test
    void aSafetyPublish_writesThePublicationAndOneWithdrawalPerTranslation_inOneTransaction() {
        Item item = fx.publishedItem();
        RevisionRef oldSource = fx.latest(item.questionId(), "en");
        RevisionRef french = fx.publishTranslation(item.questionId(), "fr", "Ancien.");
        RevisionRef spanish = fx.publishTranslation(item.questionId(), "es", "Antiguo.");
        fx.editSource(item.questionId(), "Safety fix.");
        RevisionRef newSource = fx.signSource(item.questionId());

        var events = eventsDuring(() -> fx.workflow.publish(fx.editor, newSource.id(), SourceChange.SAFETY));

        assertThat(events).hasSize(3);
        assertEvent(events.get(0), fx.editor, "PUBLISHED", item.questionId(), "en", newSource.id());
        assertThat(events.get(0).get("details")).isEqualTo("source change SAFETY");
        assertThat(events.subList(1, 3)).extracting(e -> e.get("action")).containsOnly("WITHDRAWN");
        assertThat(events.subList(1, 3)).extracting(e -> e.get("language_code"), e -> e.get("revision_id"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("fr", french.id()),
                        org.assertj.core.groups.Tuple.tuple("es", spanish.id()));
        String tx = tx("publications", "revision_id = ?", newSource.id());
        assertThat(events).extracting(e -> e.get("tx")).containsOnly(tx);
        assertThat(tx("publications", "revision_id = ?", oldSource.id())).isEqualTo(tx);
        assertThat(tx("publications", "revision_id = ?", french.id())).isEqualTo(tx);
        assertThat(tx("publications", "revision_id = ?", spanish.id())).isEqualTo(tx);
    }

    @Test
    void aMinorPublish_writesThePublicationAndOneOutdatedEventPerTranslation() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.publishTranslation(item.questionId(), "Texte.");
        fx.editSource(item.questionId(), "Reworded.");
        RevisionRef newSource = fx.signSource(item.questionId());

        var events = eventsDuring(() -> fx.workflow.publish(fx.editor, newSource.id(), SourceChange.MINOR));

        assertThat(events).hasSize(2);
        assertEvent(events.get(0), fx.editor, "PUBLISHED", item.questionId(), "en", newSource.id());
        assertEvent(events.get(1), fx.editor, "OUTDATED", item.questionId(), "fr", french.id());
        assertThat(events).extracting(e -> e.get("tx")).containsOnly(tx("publications", "revision_id = ?",
                newSource.id()));
    }

    @Test
    void unpublish_writesOneEvent_withTheReason_inItsTransaction() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");

        var events = eventsDuring(() -> fx.workflow.unpublish(fx.editor2, item.questionId(), "en", "Duplicate."));

        assertThat(events).singleElement().satisfies(e -> {
            assertEvent(e, fx.editor2, "UNPUBLISHED", item.questionId(), "en", live.id());
            assertThat(e.get("details")).isEqualTo("Duplicate.");
            assertThat(e.get("tx")).isEqualTo(tx("publications", "revision_id = ?", live.id()));
        });
    }

    @Test
    void rollback_writesOneEvent_namingWhatItReplaced_inItsTransaction() {
        Item item = fx.publishedItem();
        RevisionRef first = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "Second.");
        fx.publishSource(item.questionId(), SourceChange.MINOR);

        var events = eventsDuring(() -> fx.workflow.rollback(fx.editor, item.questionId(), "en", first.id()));

        assertThat(events).singleElement().satisfies(e -> {
            assertEvent(e, fx.editor, "ROLLED_BACK", item.questionId(), "en", first.id());
            assertThat(e.get("details")).isEqualTo("replaced revision 2");
            assertThat(e.get("tx")).isEqualTo(tx("publications", "id = ?", livePublicationId(item.questionId(), "en")));
        });
    }

    @Test
    void refusedActions_writeNoAuditEvent() {
        Item item = fx.createItem();
        RevisionRef draft = fx.latest(item.questionId(), "en");
        fx.workflow.submit(fx.editor, draft.id());
        long before = fx.count("select count(*) from audit_events");

        fx.assertRefused(SelfReviewRefused.class, () -> fx.workflow.review(fx.editor, draft.id(), ReviewKind.MEDICAL,
                Decision.APPROVED, "", draft.contentHash()));
        fx.assertRefused(RevisionNotApproved.class, () -> fx.workflow.publish(fx.editor, draft.id(), null));
        fx.workflow.saveRevision(fx.editor, item.questionId(), "en", 1,
                WorkflowFixture.text("Question v2?", "v2"), "v2");
        fx.assertRefused(StaleRevision.class, () -> fx.workflow.saveRevision(fx.editor2, item.questionId(), "en", 1,
                WorkflowFixture.text("Question v2 bis?", "v2 bis"), "lost race"));

        assertThat(fx.count("select count(*) from audit_events")).isEqualTo(before + 1);
    }

    // --- provenance ------------------------------------------------------------------------------------

    @Test
    void provenance_ofAPublishedTranslation_namesAuthorReviewersPublisherSourceAndWhatItReplaced() {
        Item item = fx.publishedItem();
        RevisionRef source = fx.latest(item.questionId(), "en");

        RevisionRef first = fx.translate(item.questionId(), "Première traduction.");
        fx.workflow.review(fx.reviewerFr, first.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "Fidèle.",
                first.contentHash());
        fx.workflow.review(fx.clinician, first.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", first.contentHash());
        fx.workflow.publish(fx.editor, first.id(), null);
        // the database stamps sign-off and publication with its own time (V8)
        fx.happenedOn(item.questionId(), "fr", LocalDate.parse("2026-03-04"));

        Provenance p = fx.queries.provenance(item.questionId(), "fr");
        assertThat(p.revision().id()).isEqualTo(first.id());
        assertThat(p.author()).isEqualTo("Fanny Translator");
        assertThat(p.translatedFrom().id()).isEqualTo(source.id());
        assertThat(p.publishedBy()).isEqualTo("Eve Editor");
        assertThat(p.publishedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(p.nextReviewDue()).isEqualTo(LocalDate.of(2027, 3, 4));
        assertThat(p.replaced()).isNull();
        assertReviews(p.reviews(), first);

        // a second translation replaces the first
        RevisionRef second = fx.workflow.saveRevision(fx.translatorFr, item.questionId(), "fr", first.number(),
                new RevisionText(first.text().title(), first.text().slug(), "Deuxième traduction.", ""), "mieux");
        fx.workflow.submit(fx.translatorFr, second.id());
        fx.signTranslation(second);
        fx.workflow.publish(fx.editor2, second.id(), null);

        Provenance republished = fx.queries.provenance(item.questionId(), "fr");
        assertThat(republished.revision().id()).isEqualTo(second.id());
        assertThat(republished.publishedBy()).isEqualTo("Evan Second-Editor");
        assertThat(republished.replaced()).isNotNull();
        assertThat(republished.replaced().id()).isEqualTo(first.id());
        assertThat(republished.translatedFrom().id()).isEqualTo(source.id());
        assertThat(republished.reviews()).extracting(ReviewRecord::revisionId).containsOnly(second.id());
    }

    private static void assertReviews(List<ReviewRecord> reviews, RevisionRef revision) {
        assertThat(reviews).hasSize(2);
        ReviewRecord language = reviews.get(0);
        assertThat(language.kind()).isEqualTo(ReviewKind.LANGUAGE);
        assertThat(language.decision()).isEqualTo(Decision.APPROVED);
        assertThat(language.reviewer()).isEqualTo("Florent Reviewer");
        assertThat(language.reviewerId()).isEqualTo(fx.reviewerFr.userId());
        assertThat(language.comment()).isEqualTo("Fidèle.");
        assertThat(language.at().atZone(java.time.ZoneOffset.UTC).toLocalDate()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(language.contentHash()).isEqualTo(revision.contentHash());
        ReviewRecord medical = reviews.get(1);
        assertThat(medical.kind()).isEqualTo(ReviewKind.MEDICAL);
        assertThat(medical.decision()).isEqualTo(Decision.APPROVED);
        assertThat(medical.reviewer()).isEqualTo("Dr Clara Clinician");
        assertThat(medical.credentials()).isEqualTo("MD, paediatric neurologist");
        assertThat(medical.at()).isAfterOrEqualTo(language.at());
        assertThat(medical.contentHash()).isEqualTo(revision.contentHash());
    }

    @Test
    void provenance_afterARollback_namesTheRevisionItReplaced() {
        Item item = fx.publishedItem();
        RevisionRef first = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "Second.");
        RevisionRef second = fx.publishSource(item.questionId(), SourceChange.MINOR);
        fx.workflow.rollback(fx.editor2, item.questionId(), "en", first.id());

        Provenance p = fx.queries.provenance(item.questionId(), "en");
        assertThat(p.revision().id()).isEqualTo(first.id());
        assertThat(p.author()).isEqualTo("Eve Editor");
        assertThat(p.publishedBy()).isEqualTo("Evan Second-Editor");
        assertThat(p.replaced().id()).isEqualTo(second.id());
        assertThat(p.translatedFrom()).isNull();
        assertThat(p.reviews()).extracting(ReviewRecord::reviewer).containsExactly("Dr Clara Clinician");
    }
}
