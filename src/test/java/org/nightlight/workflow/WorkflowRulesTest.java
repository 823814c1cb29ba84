package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nightlight.workflow.WorkflowFixture.text;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import org.eclipse.jetty.server.Server;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.PublishedContent.Notice;
import org.nightlight.content.PublishedContent.Shown;
import org.nightlight.content.RevisionText;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.InvalidText;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.NotPermitted;
import org.nightlight.workflow.WorkflowException.NotQualifiedForLanguage;
import org.nightlight.workflow.WorkflowException.RevisionNotApproved;
import org.nightlight.workflow.WorkflowException.SelfReviewRefused;
import org.nightlight.workflow.WorkflowException.StaleRevision;
import org.nightlight.workflow.WorkflowFixture.Item;

/** The guarded transitions of the sign-off workflow (DESIGN.md, Workflow rules 1-4), through the service API. */
class WorkflowRulesTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static WorkflowFixture fx;
    static Workflow workflow;

    @BeforeAll
    static void open() {
        fx = WorkflowFixture.open(db);
        workflow = fx.workflow;
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    // --- rule 1: nothing public without the approvals of that exact revision ----------------------------

    @Test
    void publish_withoutAMedicalApproval_isRefused() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        workflow.submit(fx.editor, revision.id());

        fx.assertRefused(RevisionNotApproved.class, () -> workflow.publish(fx.editor, revision.id(), null));
        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isNull();
    }

    @Test
    void publish_ofATranslationWithAMedicalButNoLanguageApproval_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef translation = fx.translate(item.questionId(), "La réponse en français.");
        workflow.review(fx.clinician, translation.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                translation.contentHash());

        fx.assertRefused(RevisionNotApproved.class, () -> workflow.publish(fx.editor, translation.id(), null));
        assertThat(fx.queries.status(item.questionId(), "fr").liveRevisionId()).isNull();
    }

    @Test
    void publish_ofATranslationWithALanguageButNoMedicalApproval_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef translation = fx.translate(item.questionId(), "La réponse en français.");
        workflow.review(fx.reviewerFr, translation.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "",
                translation.contentHash());

        fx.assertRefused(RevisionNotApproved.class, () -> workflow.publish(fx.editor, translation.id(), null));
    }

    // --- rule 2: four eyes and qualifications ----------------------------------------------------------

    @Test
    void signOff_byTheRevisionAuthor_isRefused_evenWhenTheAuthorIsAQualifiedClinician() {
        Item item = fx.createItem();
        RevisionRef own = workflow.saveRevision(fx.editorClinician, item.questionId(), "en", 1,
                text("Question by a doctor?", "Written by a doctor who also edits."), "doctor's edit");
        workflow.submit(fx.editorClinician, own.id());

        fx.assertRefused(SelfReviewRefused.class, () -> workflow.review(fx.editorClinician, own.id(),
                ReviewKind.MEDICAL, Decision.APPROVED, "", own.contentHash()));
        // someone else qualified may sign it off
        workflow.review(fx.clinician, own.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", own.contentHash());
        assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.APPROVED);
    }

    @Test
    void signOff_byTheRevisionAuthor_isRefused_forAnEditorWhoWroteIt() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        workflow.submit(fx.editor, revision.id());

        fx.assertRefused(SelfReviewRefused.class, () -> workflow.review(fx.editor, revision.id(),
                ReviewKind.MEDICAL, Decision.APPROVED, "", revision.contentHash()));
    }

    @Test
    void languageReview_ofTheirOwnTranslation_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef own = workflow.saveRevision(fx.reviewerFr, item.questionId(), "fr", 0,
                text("Question du relecteur ?", "Traduite par le relecteur lui-même."), "translation");
        workflow.submit(fx.reviewerFr, own.id());

        fx.assertRefused(SelfReviewRefused.class, () -> workflow.review(fx.reviewerFr, own.id(),
                ReviewKind.LANGUAGE, Decision.APPROVED, "", own.contentHash()));
    }

    @Test
    void medicalSignOff_ofAFrenchTranslation_byAClinicianNotQualifiedForFrench_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef translation = fx.translate(item.questionId(), "La réponse en français.");

        fx.assertRefused(NotQualifiedForLanguage.class, () -> workflow.review(fx.clinicianEn, translation.id(),
                ReviewKind.MEDICAL, Decision.APPROVED, "", translation.contentHash()));
    }

    @Test
    void languageApproval_byAClinicianQualifiedOnlyMedicallyForFrench_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef translation = fx.translate(item.questionId(), "La réponse en français.");

        fx.assertRefused(NotQualifiedForLanguage.class, () -> workflow.review(fx.clinician, translation.id(),
                ReviewKind.LANGUAGE, Decision.APPROVED, "", translation.contentHash()));
    }

    @Test
    void medicalApproval_byATranslator_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef translation = fx.translate(item.questionId(), "La réponse en français.");

        fx.assertRefused(NotPermitted.class, () -> workflow.review(fx.reviewerFr, translation.id(),
                ReviewKind.MEDICAL, Decision.APPROVED, "", translation.contentHash()));
    }

    @Test
    void editingSourceText_byATranslator_isRefused() {
        Item item = fx.publishedItem();

        fx.assertRefused(NotPermitted.class, () -> workflow.saveRevision(fx.translatorFr, item.questionId(), "en",
                1, text("Question changed by a translator?", "Not theirs to change."), "edit"));
    }

    @Test
    void translatingIntoFrench_byTheSpanishTranslator_isRefused() {
        Item item = fx.publishedItem();

        fx.assertRefused(NotQualifiedForLanguage.class, () -> workflow.saveRevision(fx.translatorEs,
                item.questionId(), "fr", 0, text("Question en français ?", "Par la mauvaise personne."), "tr"));
    }

    // --- reviews bind to the exact text and state ------------------------------------------------------

    @Test
    void review_withAStaleContentHash_isRefused() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        workflow.submit(fx.editor, revision.id());
        String seen = text("Question as the reviewer saw it?", "Something else.").contentHash();

        StaleRevision refused = fx.assertRefused(StaleRevision.class, () -> workflow.review(fx.clinician,
                revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", seen));
        assertThat(refused.latest().id()).isEqualTo(revision.id());
    }

    @Test
    void review_ofARevisionThatIsNoLongerTheLatest_isRefused_withTheNewerRevision() {
        Item item = fx.createItem();
        RevisionRef first = fx.latest(item.questionId(), "en");
        workflow.submit(fx.editor, first.id());
        RevisionRef second = fx.editSource(item.questionId(), "A newer answer.");

        StaleRevision refused = fx.assertRefused(StaleRevision.class, () -> workflow.review(fx.clinician,
                first.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", first.contentHash()));
        assertThat(refused.latest().id()).isEqualTo(second.id());
    }

    @Test
    void changesRequested_withoutAComment_isRefused() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        workflow.submit(fx.editor, revision.id());

        InvalidText empty = fx.assertRefused(InvalidText.class, () -> workflow.review(fx.clinician, revision.id(),
                ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED, null, revision.contentHash()));
        assertThat(empty.field()).isEqualTo("comment");
        fx.assertRefused(InvalidText.class, () -> workflow.review(fx.clinician, revision.id(),
                ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED, "   \n ", revision.contentHash()));
    }

    @Test
    void reviewing_anUnsubmittedRevision_isRefused() {
        Item item = fx.createItem();
        RevisionRef draft = fx.latest(item.questionId(), "en");

        fx.assertRefused(InvalidTransition.class, () -> workflow.review(fx.clinician, draft.id(),
                ReviewKind.MEDICAL, Decision.APPROVED, "", draft.contentHash()));
        assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.DRAFT);
    }

    @Test
    void submitting_twice_isRefused() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        workflow.submit(fx.editor, revision.id());

        fx.assertRefused(InvalidTransition.class, () -> workflow.submit(fx.editor, revision.id()));
    }

    // --- rule 1: any change makes a new revision with no approvals -------------------------------------

    @Test
    void editAfterSignOff_voidsIt_forTheNewRevision_whileTheSignedRevisionStaysPublishable() {
        Item item = fx.createItem();
        RevisionRef signed = fx.signSource(item.questionId());
        RevisionRef edited = fx.editSource(item.questionId(), "The answer, changed after the sign-off.");
        assertThat(edited.number()).isEqualTo(2);
        assertThat(edited.contentHash()).isNotEqualTo(signed.contentHash());

        assertThat(fx.queries.reviews(edited.id())).isEmpty();
        fx.assertRefused(RevisionNotApproved.class, () -> workflow.publish(fx.editor, edited.id(), null));
        assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.DRAFT);

        workflow.publish(fx.editor, signed.id(), null);
        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(signed.id());
    }

    @Test
    void editAfterSignOff_ofATranslation_voidsBothApprovals() {
        Item item = fx.publishedItem();
        RevisionRef signed = fx.translate(item.questionId(), "Première version.");
        fx.signTranslation(signed);
        RevisionRef edited = workflow.saveRevision(fx.translatorFr, item.questionId(), "fr", signed.number(),
                new RevisionText(signed.text().title(), signed.text().slug(), "Deuxième version.", ""), "fix");

        assertThat(fx.queries.reviews(edited.id())).isEmpty();
        fx.assertRefused(RevisionNotApproved.class, () -> workflow.publish(fx.editor, edited.id(), null));
    }

    // --- rule 3: the published revision stays live while the next one is worked on -------------------

    @Test
    void editingAPublishedItem_keepsThePublishedRevisionLive_untilTheNewOneIsApprovedAndPublished()
            throws Exception {
        Item item = fx.publishedItem();
        String livePath = "/en/" + item.topicSlug() + "/" + fx.latest(item.questionId(), "en").text().slug();
        String liveBody = fx.latest(item.questionId(), "en").text().body();
        Server server = fx.app.newServer(0);
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.Supplier<String> publicAnswer = () -> {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + fx.app.port() + livePath)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(response.statusCode()).isEqualTo(200);
                    return Jsoup.parse(response.body()).selectFirst("article .answer").text();
                } catch (java.io.IOException | InterruptedException e) {
                    throw new AssertionError(e);
                }
            };
            assertThat(publicAnswer.get()).isEqualTo(liveBody);

            RevisionRef next = fx.editSource(item.questionId(), "The new, better answer.");
            assertPublic(item, liveBody);
            assertThat(publicAnswer.get()).isEqualTo(liveBody);

            workflow.submit(fx.editor, next.id());
            assertPublic(item, liveBody);
            assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.IN_REVIEW);

            workflow.review(fx.clinician, next.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", next.contentHash());
            assertPublic(item, liveBody);
            assertThat(publicAnswer.get()).isEqualTo(liveBody);
            assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.APPROVED);

            workflow.publish(fx.editor, next.id(), SourceChange.MINOR);
            assertPublic(item, "The new, better answer.");
            assertThat(publicAnswer.get()).isEqualTo("The new, better answer.");
            assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.PUBLISHED);
        } finally {
            server.stop();
        }
    }

    private static void assertPublic(Item item, String body) {
        Shown shown = fx.publicQuestion(item, "en");
        assertThat(shown).isNotNull();
        assertThat(shown.text().plain()).isEqualTo(body);
        assertThat(shown.notice()).isEqualTo(Notice.NONE);
    }

    // --- the newest review of a kind decides ---------------------------------------------------------

    @Test
    void aLaterChangesRequested_undoesAnEarlierApproval_forPublishing() {
        Item item = fx.createItem();
        RevisionRef revision = fx.signSource(item.questionId());
        workflow.review(fx.clinicianEn, revision.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                "The dose advice is wrong for newborns.", revision.contentHash());

        fx.assertRefused(RevisionNotApproved.class, () -> workflow.publish(fx.editor, revision.id(), null));
        assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.CHANGES_REQUESTED);
    }

    @Test
    void aLaterChangesRequested_onTheLanguage_undoesAnEarlierLanguageApproval() {
        Item item = fx.publishedItem();
        RevisionRef translation = fx.translate(item.questionId(), "Une traduction.");
        fx.signTranslation(translation);
        workflow.review(fx.reviewerFr, translation.id(), ReviewKind.LANGUAGE, Decision.CHANGES_REQUESTED,
                "Le deuxième paragraphe est un contresens.", translation.contentHash());

        fx.assertRefused(RevisionNotApproved.class, () -> workflow.publish(fx.editor, translation.id(), null));
    }

    // --- rule 5: next review date ----------------------------------------------------------------------

    @Test
    void publish_setsTheNextReviewDue_toTheSignOffDatePlusTwelveMonths_notThePublishDate() {
        Item item = fx.createItem();
        RevisionRef revision = fx.signSource(item.questionId());
        // signed weeks ago (the database stamps the sign-off with its own time, so move it back as the owner)
        LocalDate signed = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(50);
        fx.execute("set session_replication_role = replica; update reviews set created_at = created_at - interval '50 days'"
                + " where revision_id = " + revision.id() + "; set session_replication_role = origin");
        workflow.publish(fx.editor, revision.id(), null);

        var status = fx.queries.status(item.questionId(), "en");
        assertThat(status.nextReviewDue()).isEqualTo(signed.plusMonths(12));
        assertThat(fx.count("select count(*) from publications where revision_id = ? and next_review_due = ?",
                revision.id(), signed.plusMonths(12))).isEqualTo(1);
    }

    // --- rule 4: replacing live source text needs a declared kind of change ----------------------------

    @Test
    void replacingLiveSourceText_withoutChoosingMinorOrSafety_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "A replacement answer.");
        RevisionRef next = fx.signSource(item.questionId());

        InvalidTransition refused = fx.assertRefused(InvalidTransition.class,
                () -> workflow.publish(fx.editor, next.id(), null));
        assertThat(refused.code()).isEqualTo("workflow.error.changeKindRequired");
        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(live.id());
    }

    @Test
    void publishing_byAnyoneButAnEditor_isRefused() {
        Item item = fx.createItem();
        RevisionRef revision = fx.signSource(item.questionId());

        fx.assertRefused(NotPermitted.class, () -> workflow.publish(fx.clinician, revision.id(), null));
        fx.assertRefused(NotPermitted.class, () -> workflow.publish(fx.translatorFr, revision.id(), null));
    }
}
