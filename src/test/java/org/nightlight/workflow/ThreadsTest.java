package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.audit.AuditLog;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowException.InvalidText;
import org.nightlight.workflow.WorkflowException.InvalidTransition;
import org.nightlight.workflow.WorkflowException.NotPermitted;
import org.nightlight.workflow.WorkflowException.NotQualifiedForLanguage;

/**
 * The conversation on an item in one language through the service: a review decision opens it, people of that
 * language reply and resolve, others are refused, the listener hears every comment after its commit, and the
 * database keeps what was said (V19) even against the server's own role.
 */
class ThreadsTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static WorkflowFixture fx;
    static Workflow workflow;
    static final List<CommentListener.Added> HEARD = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void open() {
        fx = WorkflowFixture.open(db);
        // the same services, with a listener that records what the notifications would be told
        workflow = new Workflow(fx.app.sessions(), fx.clock, new AuditLog(fx.clock), WorkflowFixture.REVIEW_PERIOD,
                (item, language) -> { }, fx.app.services().readModel(), HEARD::add,
                new org.nightlight.checks.TranslationChecks(org.nightlight.checks.Glossary.NONE));
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    @Test
    void aRequestForChanges_opensTheThread_andPeopleOfThatLanguageReplyAndResolveIt() throws Exception {
        long item = fx.publishedItem().questionId();
        RevisionRef draft = fx.translate(item, "Une traduction à revoir.");
        HEARD.clear();
        workflow.review(fx.reviewerFr, draft.id(), ReviewKind.LANGUAGE, Decision.CHANGES_REQUESTED,
                "Le deuxième paragraphe manque.", draft.contentHash());

        Threads threads = workflow.threads();
        Threads.Conversation conversation = threads.of(item, "fr");
        assertThat(conversation.open()).hasSize(1);
        Threads.Note opened = conversation.open().get(0).first();
        assertThat(opened.body()).isEqualTo("Le deuxième paragraphe manque.");
        assertThat(opened.decision()).isEqualTo(Decision.CHANGES_REQUESTED);
        assertThat(opened.reviewKind()).isEqualTo(ReviewKind.LANGUAGE);
        assertThat(opened.revisionNumber()).isEqualTo(draft.number());
        assertThat(HEARD).singleElement().satisfies(added -> {
            assertThat(added.fromReview()).isTrue();
            assertThat(added.itemId()).isEqualTo(item);
            assertThat(added.languageCode()).isEqualTo("fr");
            assertThat(added.revisionId()).isEqualTo(draft.id());
            assertThat(added.authorId()).isEqualTo(fx.reviewerFr.userId());
        });

        long reply = threads.reply(fx.translatorFr, opened.id(), "  Ajouté, merci.  ");
        long editorsNote = threads.comment(fx.editor, draft.id(), "Gardez le ton simple.");
        assertThat(HEARD).hasSize(3);
        assertThat(HEARD.get(1).parentId()).isEqualTo(opened.id());
        assertThat(HEARD.get(1).commentId()).isEqualTo(reply);
        threads.resolve(fx.translatorFr, opened.id());
        assertThatThrownBy(() -> threads.resolve(fx.reviewerFr, reply)).as("a reply resolves its topic, once")
                .isInstanceOf(InvalidTransition.class).hasFieldOrPropertyWithValue("code",
                        "workflow.error.alreadyResolved");

        conversation = threads.of(item, "fr");
        assertThat(conversation.open()).singleElement().satisfies(t -> assertThat(t.first().id()).isEqualTo(editorsNote));
        assertThat(conversation.resolved()).singleElement().satisfies(t -> {
            assertThat(t.first().resolvedBy()).isEqualTo("Fanny Translator");
            assertThat(t.first().resolvedAt()).isNotNull();
            assertThat(t.replies()).extracting(Threads.Note::body).containsExactly("Ajouté, merci.");
        });
        assertThat(threads.of(item, "es").isEmpty()).as("one thread per language").isTrue();
        assertThat(count("select count(*) from audit_events where item_id = " + item + " and action in"
                + " ('COMMENT_ADDED', 'COMMENT_REPLIED', 'COMMENT_RESOLVED')")).isEqualTo(4);
    }

    @Test
    void onlyEditorsAndPeopleQualifiedInTheLanguage_takePart() {
        long item = fx.publishedItem().questionId();
        RevisionRef draft = fx.translate(item, "Encore une traduction.");
        Threads threads = workflow.threads();
        assertThatThrownBy(() -> threads.comment(fx.translatorEs, draft.id(), "¿Y esto?"))
                .isInstanceOf(NotQualifiedForLanguage.class);
        assertThatThrownBy(() -> threads.comment(fx.admin, draft.id(), "Admins run the site"))
                .isInstanceOf(NotPermitted.class);
        long first = threads.comment(fx.clinician, draft.id(), "Vérifiez la dose.");
        assertThatThrownBy(() -> threads.reply(fx.reviewerEs, first, "No")).isInstanceOf(NotQualifiedForLanguage.class);
        assertThatThrownBy(() -> threads.resolve(fx.translatorEs, first)).isInstanceOf(NotQualifiedForLanguage.class);
        assertThatThrownBy(() -> threads.comment(fx.translatorFr, draft.id(), " \n "))
                .isInstanceOf(InvalidText.class).hasFieldOrPropertyWithValue("code", "workflow.error.commentEmpty");
        assertThatThrownBy(() -> threads.comment(fx.translatorFr, draft.id(), "x".repeat(4001)))
                .isInstanceOf(InvalidText.class).hasFieldOrPropertyWithValue("code", "workflow.error.commentTooLong");
        assertThat(threads.of(item, "fr").open()).hasSize(1);
    }

    @Test
    void theDatabase_keepsWhatWasSaid_evenAgainstTheServersRole() throws Exception {
        long item = fx.publishedItem().questionId();
        RevisionRef draft = fx.translate(item, "Texte pour la base.");
        long first = workflow.threads().comment(fx.translatorFr, draft.id(), "Premier commentaire.");
        // the server may not even try (no grant), and the owner is stopped by the trigger
        assertRefused("update comments set body = 'rewritten' where id = " + first, "permission denied");
        assertRefused("delete from comments where id = " + first, "permission denied");
        assertThatThrownBy(() -> {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("update comments set body = 'rewritten' where id = " + first);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining("a comment never changes");
        assertRefused("insert into comments (item_id, language_code, revision_id, author_id, body) values ("
                + item + ", 'fr', " + draft.id() + ", " + fx.translatorEs.userId() + ", 'sneaky')",
                "qualified in the language");
        workflow.threads().resolve(fx.reviewerFr, first);
        assertRefused("update comments set resolved_by = " + fx.editor.userId() + " where id = " + first,
                "a comment never changes");
    }

    private static void assertRefused(String sql, String message) {
        assertThatThrownBy(() -> {
            try (Connection c = db.connectAsServer(); Statement st = c.createStatement()) {
                st.execute(sql);
            }
        }).isInstanceOf(SQLException.class).hasMessageContaining(message);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
