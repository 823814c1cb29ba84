package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.PublishedContent.Notice;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * MINOR or SAFETY is asked whenever translations would be based on older source text, live source or not; a
 * SAFETY change is never crossed by a rollback; a withdrawn revision is never published again.
 */
class SafetyChangeRulesTest {

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

    /** A published item with a live French translation, then its English text unpublished and rewritten. */
    private static Item unpublishedSourceWithALiveTranslation() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "fr", "La réponse française.");
        fx.workflow.unpublish(fx.editor, item.questionId(), "en", "to rewrite it");
        fx.editSource(item.questionId(), "The rewritten English answer.");
        fx.signSource(item.questionId());
        return item;
    }

    @Test
    void publishingNewSource_whileNoSourceIsLive_butATranslationIsOlder_asksMinorOrSafety() {
        Item item = unpublishedSourceWithALiveTranslation();
        RevisionRef next = fx.latest(item.questionId(), "en");

        InvalidTransition refused = fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.publish(fx.editor, next.id(), null));

        assertThat(refused.code()).isEqualTo("workflow.error.changeKindRequired");
    }

    @Test
    void safety_afterAnUnpublish_withdrawsTheOlderTranslations() {
        Item item = unpublishedSourceWithALiveTranslation();
        RevisionRef next = fx.latest(item.questionId(), "en");

        fx.workflow.publish(fx.editor, next.id(), SourceChange.SAFETY);

        assertThat(fx.queries.status(item.questionId(), "fr").withdrawn()).isTrue();
        assertThat(fx.publicQuestion(item, "fr").text().revisionId()).isEqualTo(next.id());
        assertThat(fx.publicQuestion(item, "fr").notice()).isEqualTo(Notice.BEING_UPDATED);
    }

    @Test
    void minor_afterAnUnpublish_keepsTheTranslationLive_flaggedOutdated() {
        Item item = unpublishedSourceWithALiveTranslation();
        RevisionRef next = fx.latest(item.questionId(), "en");

        fx.workflow.publish(fx.editor, next.id(), SourceChange.MINOR);

        var status = fx.queries.status(item.questionId(), "fr");
        assertThat(status.withdrawn()).isFalse();
        assertThat(status.outdated()).isTrue();
        assertThat(status.needsTranslation()).isTrue();
        assertThat(fx.count("select count(*) from audit_events where item_id = ? and action = 'OUTDATED'",
                item.questionId())).isEqualTo(1);
    }

    @Test
    void aFirstSourcePublication_withNoTranslations_asksNothing() {
        Item item = fx.createItem();
        RevisionRef first = fx.signSource(item.questionId());

        fx.workflow.publish(fx.editor, first.id(), null);

        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(first.id());
    }

    @Test
    void rollingTheSourceBack_toBeforeASafetyChange_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef before = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "Call a doctor at once if the baby turns blue.");
        RevisionRef safety = fx.publishSource(item.questionId(), SourceChange.SAFETY);
        fx.editSource(item.questionId(), "Call a doctor at once if the baby turns blue. Reworded.");
        fx.publishSource(item.questionId(), SourceChange.MINOR);

        InvalidTransition refused = fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "en", before.id()));

        assertThat(refused.code()).isEqualTo("workflow.error.olderThanSafetyChange");
        fx.workflow.rollback(fx.editor, item.questionId(), "en", safety.id());
        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(safety.id());
    }

    @Test
    void aTranslationWithdrawnBySafety_isNotRolledBack_evenAfterItsSourceComesBack() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.publishTranslation(item.questionId(), "fr", "L'ancienne réponse.");
        fx.editSource(item.questionId(), "New safety text.");
        fx.publishSource(item.questionId(), SourceChange.SAFETY);
        RevisionRef redone = fx.publishTranslation(item.questionId(), "fr", "La nouvelle réponse.");

        InvalidTransition refused = fx.assertRefused(InvalidTransition.class,
                () -> fx.workflow.rollback(fx.editor, item.questionId(), "fr", french.id()));

        assertThat(refused.code()).isEqualTo("workflow.error.safetyChangeSinceTranslated");
        assertThat(fx.queries.status(item.questionId(), "fr").liveRevisionId()).isEqualTo(redone.id());
    }
}
