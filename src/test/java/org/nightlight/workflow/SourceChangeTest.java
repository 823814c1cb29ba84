package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.PublishedContent.Notice;
import org.nightlight.content.PublishedContent.Shown;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * Rule 4: publishing new source text marks older translations outdated; MINOR keeps them live, SAFETY
 * withdraws every live translation of the item in the same transaction as the source publication.
 */
class SourceChangeTest {

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

    @Test
    void afterAMinorSourcePublish_liveTranslationsStayLive_flaggedOutdated() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.publishTranslation(item.questionId(), "La réponse française.");
        assertThat(fx.queries.status(item.questionId(), "fr").outdated()).isFalse();

        fx.editSource(item.questionId(), "The English answer, slightly reworded.");
        RevisionRef newSource = fx.publishSource(item.questionId(), SourceChange.MINOR);

        var status = fx.queries.status(item.questionId(), "fr");
        assertThat(status.outdated()).isTrue();
        assertThat(status.withdrawn()).isFalse();
        assertThat(status.liveRevisionId()).isEqualTo(french.id());
        assertThat(status.state()).isEqualTo(ItemState.PUBLISHED);
        assertThat(fx.queries.status(item.questionId(), "en").outdated()).isFalse();
        assertThat(fx.row("""
                select withdrawn_at, ended_at from publications
                where item_id = ? and language_code = 'fr' and revision_id = ?""", item.questionId(), french.id()))
                .containsEntry("withdrawn_at", null).containsEntry("ended_at", null);

        Shown shown = fx.publicQuestion(item, "fr");
        assertThat(shown.text().revisionId()).isEqualTo(french.id());
        assertThat(shown.text().plain()).isEqualTo("La réponse française.");
        assertThat(shown.notice()).isEqualTo(Notice.NONE);
        assertThat(fx.publicQuestion(item, "en").text().revisionId()).isEqualTo(newSource.id());
    }

    @Test
    void aTranslationInProgressOnAnOlderSource_isOutdatedOnceTheNewSourceIsPublished() {
        Item item = fx.publishedItem();
        fx.translate(item.questionId(), "Une traduction en cours.");
        assertThat(fx.queries.status(item.questionId(), "fr").outdated()).isFalse();

        fx.editSource(item.questionId(), "The English answer, corrected.");
        fx.publishSource(item.questionId(), SourceChange.MINOR);

        assertThat(fx.queries.status(item.questionId(), "fr").outdated()).isTrue();
    }

    @Test
    void afterASafetySourcePublish_everyLiveTranslationOfTheItemIsWithdrawn_inTheSameTransaction() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.publishTranslation(item.questionId(), "fr", "L'ancienne réponse française.");
        RevisionRef spanish = fx.publishTranslation(item.questionId(), "es", "La antigua respuesta en español.");
        Item other = fx.publishedItem();
        RevisionRef otherFrench = fx.publishTranslation(other.questionId(), "fr", "Une autre question, intacte.");

        fx.editSource(item.questionId(), "Call a doctor at once if the baby turns blue.");
        RevisionRef newSource = fx.publishSource(item.questionId(), SourceChange.SAFETY);

        Map<String, Object> source = fx.row("""
                select published_at, source_change, xmin::text as tx from publications
                where revision_id = ? and ended_at is null""", newSource.id());
        assertThat(source).containsEntry("source_change", "SAFETY");
        for (RevisionRef translation : new RevisionRef[] {french, spanish}) {
            Map<String, Object> withdrawn = fx.row("""
                    select withdrawn_at, withdrawn_reason, ended_at, xmin::text as tx from publications
                    where revision_id = ?""", translation.id());
            assertThat(withdrawn.get("withdrawn_at")).as(translation.languageCode())
                    .isEqualTo(source.get("published_at"));
            assertThat((String) withdrawn.get("withdrawn_reason")).contains("safety");
            assertThat(withdrawn.get("ended_at")).isNull();
            assertThat(withdrawn.get("tx")).as("written by the source publication's transaction")
                    .isEqualTo(source.get("tx"));
        }
        assertThat(fx.row("select withdrawn_at from publications where revision_id = ?", otherFrench.id()))
                .containsEntry("withdrawn_at", null);

        for (String lang : new String[] {"fr", "es"}) {
            var status = fx.queries.status(item.questionId(), lang);
            assertThat(status.withdrawn()).as(lang).isTrue();
            assertThat(status.outdated()).as(lang).isTrue();
            Shown shown = fx.publicQuestion(item, lang);
            assertThat(shown.text().languageCode()).as(lang).isEqualTo("en");
            assertThat(shown.text().revisionId()).as(lang).isEqualTo(newSource.id());
            assertThat(shown.text().plain()).as(lang).isEqualTo("Call a doctor at once if the baby turns blue.");
            assertThat(shown.notice()).as(lang).isEqualTo(Notice.BEING_UPDATED);
        }
        assertThat(fx.publicQuestion(other, "fr").text().revisionId()).isEqualTo(otherFrench.id());
    }

    @Test
    void afterASafetyWithdrawal_theRedoneAndSignedTranslationIsLiveAgain() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "L'ancienne réponse.");
        fx.editSource(item.questionId(), "Safety-relevant new answer.");
        RevisionRef newSource = fx.publishSource(item.questionId(), SourceChange.SAFETY);

        RevisionRef redone = fx.publishTranslation(item.questionId(), "La nouvelle réponse, sûre.");

        assertThat(redone.baseSourceRevisionId()).isEqualTo(newSource.id());
        var status = fx.queries.status(item.questionId(), "fr");
        assertThat(status.withdrawn()).isFalse();
        assertThat(status.outdated()).isFalse();
        assertThat(status.liveRevisionId()).isEqualTo(redone.id());
        Shown shown = fx.publicQuestion(item, "fr");
        assertThat(shown.text().plain()).isEqualTo("La nouvelle réponse, sûre.");
        assertThat(shown.notice()).isEqualTo(Notice.NONE);
        assertThat(fx.count("""
                select count(*) from publications
                where item_id = ? and language_code = 'fr' and ended_at is null""", item.questionId())).isEqualTo(1);
    }

    @Test
    void afterASafetyWithdrawal_publishingTheWithdrawnTranslationAgain_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef withdrawn = fx.publishTranslation(item.questionId(), "L'ancien conseil.");
        fx.editSource(item.questionId(), "The corrected, safe advice.");
        fx.publishSource(item.questionId(), SourceChange.SAFETY);

        var refused = fx.assertRefused(WorkflowException.InvalidTransition.class,
                () -> fx.workflow.publish(fx.editor, withdrawn.id(), null));
        assertThat(refused.code()).isEqualTo("workflow.error.safetyChangeSinceTranslated");
        assertThat(fx.publicQuestion(item, "fr").notice()).isEqualTo(Notice.BEING_UPDATED);
    }

    @Test
    void aSafetyPublish_whoseWithdrawalFails_isRolledBackEntirely_sourcePublicationIncluded() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.publishTranslation(item.questionId(), "fr", "La réponse française.");
        RevisionRef spanish = fx.publishTranslation(item.questionId(), "es", "La respuesta en español.");
        RevisionRef oldSource = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "A safety change that cannot go out.");
        RevisionRef newSource = fx.signSource(item.questionId());

        fx.execute("""
                create function test_refuse_fr_withdrawal() returns trigger language plpgsql as $$
                begin
                    if new.language_code = 'fr' and new.withdrawn_at is not null and old.withdrawn_at is null then
                        raise exception 'test: the fr withdrawal fails';
                    end if;
                    return new;
                end $$;
                create trigger test_refuse_fr_withdrawal before update on publications
                    for each row execute function test_refuse_fr_withdrawal();""");
        Map<String, String> before;
        Throwable failure;
        try {
            before = fx.snapshot();
            failure = catchThrowable(() -> fx.workflow.publish(fx.editor, newSource.id(), SourceChange.SAFETY));
        } finally {
            fx.execute("""
                    drop trigger test_refuse_fr_withdrawal on publications;
                    drop function test_refuse_fr_withdrawal();""");
        }

        assertThat(failure).isNotNull();
        Assertions.assertThat(rootCause(failure)).hasMessageContaining("test: the fr withdrawal fails");
        assertThat(fx.snapshot()).as("nothing of the publish is left").isEqualTo(before);
        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(oldSource.id());
        assertThat(fx.queries.status(item.questionId(), "en").state()).isEqualTo(ItemState.APPROVED);
        assertThat(fx.queries.status(item.questionId(), "fr").liveRevisionId()).isEqualTo(french.id());
        assertThat(fx.queries.status(item.questionId(), "es").withdrawn()).isFalse();
        assertThat(fx.publicQuestion(item, "en").text().revisionId()).isEqualTo(oldSource.id());
        assertThat(fx.publicQuestion(item, "es").text().revisionId()).isEqualTo(spanish.id());

        // with the obstacle gone the same publish goes through
        fx.workflow.publish(fx.editor, newSource.id(), SourceChange.SAFETY);
        assertThat(fx.queries.status(item.questionId(), "fr").withdrawn()).isTrue();
        assertThat(fx.publicQuestion(item, "en").text().revisionId()).isEqualTo(newSource.id());
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
