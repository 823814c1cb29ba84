package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.PublishedContent.Notice;
import org.nightlight.content.PublishedContent.Shown;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.InvalidText;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.RevisionNotApproved;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * A clinician's "changes requested" on the text readers see now: it says whether the text may stay until
 * replaced (UPDATE_NEEDED) or is unsafe (UNSAFE: withdrawn in the same transaction, for source text with its
 * translations); either way that revision is not published again without a new approval.
 */
class LiveRefusalTest {

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

    private static void refuse(RevisionRef revision, LiveOutcome outcome) {
        fx.workflow.review(fx.medicalReviewer(revision.languageCode()), revision.id(), ReviewKind.MEDICAL,
                Decision.CHANGES_REQUESTED, "The dose advice is wrong.", revision.contentHash(), outcome);
    }

    @Test
    void changesRequested_onTheLiveText_withoutSayingWhatHappensToIt_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");

        InvalidText refused = fx.assertRefused(InvalidText.class, () -> refuse(live, null));

        assertThat(refused.code()).isEqualTo("workflow.error.liveOutcomeRequired");
        assertThat(refused.field()).isEqualTo("liveOutcome");
    }

    @Test
    void updateNeeded_keepsTheTextLive_showsTheRequest_andItIsNeverPublishedAgainWithoutANewApproval() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");

        refuse(live, LiveOutcome.UPDATE_NEEDED);

        assertThat(fx.row("select live_outcome from reviews where revision_id = ? order by id desc limit 1",
                live.id())).containsEntry("live_outcome", "UPDATE_NEEDED");
        var status = fx.queries.status(item.questionId(), "en");
        assertThat(status.liveRevisionId()).isEqualTo(live.id());
        assertThat(status.withdrawn()).isFalse();
        assertThat(status.updateRequested()).isTrue();
        assertThat(fx.publicQuestion(item, "en").text().revisionId()).isEqualTo(live.id());

        fx.workflow.unpublish(fx.editor, item.questionId(), "en", "taken down to correct");
        fx.assertRefused(RevisionNotApproved.class, () -> fx.workflow.publish(fx.editor, live.id(), null));
        fx.assertRefused(RevisionNotApproved.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "en", live.id()));
    }

    @Test
    void unsafe_onLiveSourceText_withdrawsItAndItsTranslations_inTheSameTransaction() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");
        RevisionRef french = fx.publishTranslation(item.questionId(), "fr", "La réponse française.");
        RevisionRef spanish = fx.publishTranslation(item.questionId(), "es", "La respuesta en español.");
        long eventsBefore = fx.count("select count(*) from audit_events where item_id = ?", item.questionId());

        refuse(live, LiveOutcome.UNSAFE);

        Map<String, Object> review = fx.row("""
                select live_outcome, xmin::text as tx from reviews where revision_id = ? order by id desc limit 1""",
                live.id());
        assertThat(review).containsEntry("live_outcome", "UNSAFE");
        for (RevisionRef r : new RevisionRef[] {live, french, spanish}) {
            Map<String, Object> publication = fx.row("""
                    select withdrawn_at, withdrawn_reason, ended_at, xmin::text as tx from publications
                    where revision_id = ?""", r.id());
            assertThat(publication.get("withdrawn_at")).as(r.languageCode()).isNotNull();
            assertThat((String) publication.get("withdrawn_reason")).as(r.languageCode()).contains("unsafe");
            assertThat(publication.get("ended_at")).isNull();
            assertThat(publication.get("tx")).as("withdrawn by the review's transaction").isEqualTo(review.get("tx"));
            assertThat(fx.queries.status(item.questionId(), r.languageCode()).withdrawn()).isTrue();
        }
        assertThat(fx.count("select count(*) from audit_events where item_id = ? and action = 'WITHDRAWN'",
                item.questionId())).isEqualTo(3);
        assertThat(fx.count("select count(*) from audit_events where item_id = ?", item.questionId()))
                .isEqualTo(eventsBefore + 5); // reviewed, its comment opening the thread, three withdrawals
        assertThat(fx.publicQuestion(item, "en")).as("the unsafe text is not shown").isNull();
        assertThat(fx.publicQuestion(item, "fr")).isNull();

        fx.assertRefused(RevisionNotApproved.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "en", live.id()));
    }

    @Test
    void unsafe_onALiveTranslation_withdrawsOnlyIt_andReadersGetTheSourceWithTheNotice() {
        Item item = fx.publishedItem();
        RevisionRef source = fx.latest(item.questionId(), "en");
        RevisionRef french = fx.publishTranslation(item.questionId(), "fr", "Une traduction dangereuse.");
        RevisionRef spanish = fx.publishTranslation(item.questionId(), "es", "Una traducción correcta.");

        refuse(french, LiveOutcome.UNSAFE);

        assertThat(fx.queries.status(item.questionId(), "fr").withdrawn()).isTrue();
        assertThat(fx.queries.status(item.questionId(), "es").withdrawn()).isFalse();
        assertThat(fx.queries.status(item.questionId(), "en").withdrawn()).isFalse();
        Shown shown = fx.publicQuestion(item, "fr");
        assertThat(shown.text().revisionId()).isEqualTo(source.id());
        assertThat(shown.notice()).isEqualTo(Notice.BEING_UPDATED);
        assertThat(fx.publicQuestion(item, "es").text().revisionId()).isEqualTo(spanish.id());

        fx.assertRefused(RevisionNotApproved.class, () -> fx.workflow.publish(fx.editor, french.id(), null));
    }

    @Test
    void theLiveText_canBeRefused_whileANewerDraftIsBeingWritten() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "A draft of the correction.");

        refuse(live, LiveOutcome.UNSAFE);

        assertThat(fx.queries.status(item.questionId(), "en").withdrawn()).isTrue();
        assertThat(fx.publicQuestion(item, "en")).isNull();
    }

    @Test
    void afterAnUnsafeSource_aCorrectedSourceIsPublished_andTranslationsMadeFromTheUnsafeOneStayDown() {
        Item item = fx.publishedItem();
        RevisionRef unsafe = fx.latest(item.questionId(), "en");
        RevisionRef french = fx.publishTranslation(item.questionId(), "fr", "Traduite du texte dangereux.");
        refuse(unsafe, LiveOutcome.UNSAFE);

        fx.editSource(item.questionId(), "The corrected answer.");
        RevisionRef corrected = fx.publishSource(item.questionId(), SourceChange.MINOR);

        assertThat(fx.publicQuestion(item, "en").text().revisionId()).isEqualTo(corrected.id());
        assertThat(fx.publicQuestion(item, "fr").text().revisionId()).isEqualTo(corrected.id());
        assertThat(fx.publicQuestion(item, "fr").notice()).isEqualTo(Notice.BEING_UPDATED);
        // still signed off, but withdrawn once: never again
        var refused = fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.publish(fx.editor, french.id(), null));
        assertThat(refused.code()).isEqualTo("workflow.error.withdrawnForGood");
    }

    @Test
    void aRefusalOfTextThatIsNotLive_asksNothing_andStoresNoOutcome() {
        Item item = fx.createItem();
        RevisionRef draft = fx.latest(item.questionId(), "en");
        fx.workflow.submit(fx.editor, draft.id());

        refuse(draft, LiveOutcome.UNSAFE);

        assertThat(fx.row("select live_outcome from reviews where revision_id = ?", draft.id()))
                .containsEntry("live_outcome", null);
        assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.CHANGES_REQUESTED);
    }
}
