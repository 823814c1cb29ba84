package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.ContentHash;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * Someone holding the server's own database credentials (migration V8) can neither switch the safeguards off
 * nor slip past them: every statement below runs as the server's role and must be refused, leaving every
 * table as it was; the times it tries to supply are replaced by the database's own.
 */
class ServerRoleAttacksTest {

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

    /** Runs the statements on one connection as the server's role; the last must fail and nothing may change. */
    private static SQLException assertRefused(String... statements) {
        Map<String, String> before = fx.snapshot();
        Throwable thrown = catchThrowable(() -> {
            try (Connection c = db.connectAsServer(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                for (String sql : statements) {
                    st.execute(sql);
                }
                c.commit();
            }
        });
        assertThat(thrown).as(String.join("; ", statements)).isInstanceOf(SQLException.class);
        assertThat(fx.snapshot()).as("the database after: " + String.join("; ", statements)).isEqualTo(before);
        return (SQLException) thrown;
    }

    private static void asServer(String sql) throws SQLException {
        try (Connection c = db.connectAsServer(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    // --- point 5: the safeguards cannot be switched off ------------------------------------------------

    @Test
    void disablingATrigger_isRefused() {
        assertThat(assertRefused("alter table publications disable trigger publications_check").getMessage())
                .contains("must be owner");
        assertThat(assertRefused("alter table reviews disable trigger all").getMessage()).contains("must be owner");
        assertThat(assertRefused("drop trigger reviews_check on reviews").getMessage()).contains("must be owner");
    }

    @Test
    void replicationMode_whichSkipsTriggers_isRefused() {
        assertThat(assertRefused("set session_replication_role = replica").getMessage())
                .contains("permission denied");
    }

    @Test
    void replacingATriggerFunction_isRefused() {
        assertThat(assertRefused("""
                create or replace function publications_check() returns trigger language plpgsql as $$
                begin return new; end $$""").getMessage()).containsAnyOf("must be owner", "permission denied");
        assertThat(assertRefused("alter function revision_approved(bigint, text) owner to current_user")
                .getMessage()).contains("must be owner");
    }

    @Test
    void truncating_isRefused() {
        for (String table : new String[] {"publications", "reviews", "revisions", "submissions", "audit_events",
            "search_documents", "user_qualifications"}) {
            assertThat(assertRefused("truncate " + table + " cascade").getMessage()).as(table)
                    .contains("permission denied");
        }
    }

    @Test
    void creatingObjects_orATemporaryTableThatShadowsOneTheTriggersRead_isRefused() {
        assertThat(assertRefused("create table languages_copy (code text)").getMessage())
                .contains("permission denied for schema public");
        // a temporary "languages" would come first in the search path of unpinned functions
        assertThat(assertRefused("create temporary table languages (code text, is_source boolean)").getMessage())
                .contains("permission denied to create temporary tables");
    }

    @Test
    void grantingItselfMore_isRefused() {
        assertThat(assertRefused("select grant_server_role(current_user)").getMessage())
                .contains("permission denied for function grant_server_role");
        assertThat(assertRefused("update review_policy set max_months = 60").getMessage())
                .contains("permission denied");
    }

    // --- point 6: no gap in the triggers ---------------------------------------------------------------

    @Test
    void aRevisionWithNoAuthor_isRefused() {
        Item item = fx.createItem();
        String hash = ContentHash.of("T", "t-" + item.questionId(), "B", "");
        SQLException e = assertRefused("insert into revisions (item_id, language_code, number, title, slug, body,"
                + " content_hash) values (" + item.questionId() + ", 'en', 2, 'T', 't-" + item.questionId()
                + "', 'B', '" + hash + "')");
        assertThat(e.getSQLState()).isIn("NL001", "23514");
    }

    @Test
    void aRevisionUnderAForgedAuthor_whoMayNotWriteIt_isRefused() {
        Item item = fx.publishedItem();
        String hash = ContentHash.of("T", "t-" + item.questionId(), "B", "");
        String insert = "insert into revisions (item_id, language_code, number, title, slug, body, content_hash,"
                + " author_id, base_source_revision_id) values (" + item.questionId() + ", '%s', %d, 'T', 't-"
                + item.questionId() + "', 'B', '" + hash + "', %d, %s)";
        long source = fx.latest(item.questionId(), "en").id();
        // English text "written" by a clinician who is no editor, so that they could then sign it themselves
        SQLException byClinician = assertRefused(String.format(insert, "en", 2, fx.clinician.userId(), "null"));
        assertThat(byClinician.getMessage()).contains("is not an editor");
        assertThat(byClinician.getSQLState()).isEqualTo("NL001");
        // a French translation "by" the Spanish translator
        assertThat(assertRefused(String.format(insert, "fr", 1, fx.translatorEs.userId(), source)).getMessage())
                .contains("may not translate into fr");
        // a translation that claims to be made from a source revision of another item
        Item other = fx.publishedItem();
        long otherSource = fx.latest(other.questionId(), "en").id();
        assertThat(assertRefused(String.format(insert, "fr", 1, fx.translatorFr.userId(), otherSource)).getMessage())
                .contains("must name the published source revision");
    }

    @Test
    void aBackDatedOrFutureDatedReview_getsTheDatabasesTime_soAFutureApprovalCannotOutrankALaterRefusal()
            throws SQLException {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        fx.workflow.submit(fx.editor, revision.id());
        Instant before = Instant.now().minusSeconds(5);
        asServer("insert into reviews (revision_id, kind, decision, reviewer_id, content_hash, created_at) values ("
                + revision.id() + ", 'MEDICAL', 'APPROVED', " + fx.clinician.userId() + ", '"
                + revision.contentHash() + "', '2099-01-01')");
        Timestamp stamped = (Timestamp) fx.row("select created_at from reviews where revision_id = ?", revision.id())
                .get("created_at");
        assertThat(stamped.toInstant()).isBetween(before, Instant.now().plusSeconds(5));

        fx.workflow.review(fx.clinicianEn, revision.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                "The dose is wrong.", revision.contentHash());

        SQLException e = assertRefused(insertPublication(revision, fx.editor.userId(), LocalDate.now().plusMonths(6)));
        assertThat(e.getMessage()).contains("has no medical approval");
    }

    @Test
    void aBackDatedPublication_getsTheDatabasesTime_andAReviewDateBeyondThePolicy_isRefused() throws SQLException {
        Item item = fx.createItem();
        RevisionRef revision = fx.signSource(item.questionId());
        assertThat(assertRefused(insertPublication(revision, fx.editor.userId(), LocalDate.now().plusYears(3)))
                .getMessage()).contains("is not within the review period");
        assertThat(assertRefused(insertPublication(revision, fx.editor.userId(), LocalDate.now().minusDays(1)))
                .getMessage()).contains("is not within the review period");

        asServer("insert into publications (item_id, language_code, revision_id, published_by, next_review_due,"
                + " published_at) values (" + revision.itemId() + ", 'en', " + revision.id() + ", "
                + fx.editor.userId() + ", current_date + 30, '2001-01-01')");
        Timestamp at = (Timestamp) fx.row("select published_at from publications where revision_id = ?",
                revision.id()).get("published_at");
        assertThat(Duration.between(at.toInstant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
    }

    @Test
    void extendingTheReviewDate_clearingTheSourceChange_orChangingAnythingButTheEnd_isRefused() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "Une traduction.");
        fx.editSource(item.questionId(), "A safety change.");
        RevisionRef safety = fx.publishSource(item.questionId(), SourceChange.SAFETY);
        String live = "where revision_id = " + safety.id();

        assertThat(assertRefused("update publications set next_review_due = '2099-01-01' " + live).getMessage())
                .contains("permission denied");
        assertThat(assertRefused("update publications set source_change = null " + live).getMessage())
                .contains("permission denied");
        assertThat(assertRefused("update publications set published_at = now() - interval '1 year' " + live)
                .getMessage()).contains("permission denied");
    }

    @Test
    void republishingAWithdrawnRevision_afterEndingItsPublication_isRefused() throws SQLException {
        Item item = fx.publishedItem();
        RevisionRef english = fx.latest(item.questionId(), "en");
        asServer("update publications set withdrawn_at = now(), withdrawn_reason = 'unsafe' where revision_id = "
                + english.id());
        asServer("update publications set ended_at = now() where revision_id = " + english.id());

        SQLException e = assertRefused(insertPublication(english, fx.editor.userId(), LocalDate.now().plusMonths(6)));
        assertThat(e.getMessage()).contains("was withdrawn and can never be published again");
        assertThat(e.getSQLState()).isEqualTo("NL001");
        assertThat(assertRefused("update publications set withdrawn_at = null, withdrawn_reason = null"
                + " where revision_id = " + english.id()).getMessage()).contains("an ended publication cannot change");
    }

    @Test
    void grantingOneselfAQualification_thenReviewing_isRefused() throws SQLException {
        Item item = fx.publishedItem();
        RevisionRef french = fx.translate(item.questionId(), "Une traduction en attente.");
        // the English-only clinician gives themselves French sign-off rights, back-dated, after submission
        asServer("insert into user_qualifications (user_id, language_code, capability, granted_at) values ("
                + fx.clinicianEn.userId() + ", 'fr', 'MEDICAL_REVIEW', '2000-01-01')");

        SQLException e = assertRefused("insert into reviews (revision_id, kind, decision, reviewer_id, content_hash)"
                + " values (" + french.id() + ", 'MEDICAL', 'APPROVED', " + fx.clinicianEn.userId() + ", '"
                + french.contentHash() + "')");
        assertThat(e.getMessage()).contains("was not qualified for a medical review of fr text when it was submitted");
        assertThat(assertRefused("update user_qualifications set granted_at = '2000-01-01' where user_id = "
                + fx.clinicianEn.userId()).getMessage()).contains("permission denied");
    }

    @Test
    void rewritingTheSearchIndex_isRefused() {
        Item item = fx.publishedItem();
        long revision = fx.latest(item.questionId(), "en").id();
        assertThat(assertRefused("update search_documents set body = 'Give the baby honey.' where revision_id = "
                + revision).getMessage()).contains("permission denied");
        assertThat(assertRefused("delete from search_documents where revision_id = " + revision).getMessage())
                .contains("permission denied");
        assertThat(assertRefused("select search_index_revision(" + revision + ")").getMessage())
                .contains("permission denied");

        // the index holds published text only: a draft is not in it, and not even the owner can put it there
        RevisionRef draft = fx.editSource(item.questionId(), "An unreviewed draft.");
        assertThat(fx.count("select count(*) from search_documents where revision_id = ?", draft.id())).isZero();
        Throwable byOwner = catchThrowable(() -> {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("select search_index_revision(" + draft.id() + ")");
            }
        });
        assertThat(byOwner).hasMessageContaining("was never published and cannot be searched");
    }

    @Test
    void switchingTheSourceLanguage_isRefused_evenForTheOwner() throws SQLException {
        fx.publishedItem();
        assertThat(assertRefused("update languages set is_source = (code = 'fr')").getMessage())
                .contains("permission denied");
        try (Connection owner = db.connect(); Statement st = owner.createStatement()) {
            Throwable refused = catchThrowable(() -> st.execute("update languages set is_source = (code = 'fr')"));
            assertThat(refused).hasMessageContaining("the source language cannot change once there is text");
        }
    }

    @Test
    void unsafeOrSafety_cannotBeCommittedWithTranslationsStillLive() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "Une traduction de l'ancien texte.");
        fx.editSource(item.questionId(), "A safety change.");
        RevisionRef safety = fx.signSource(item.questionId());
        // a SAFETY publication that leaves the French translation of the older text up: refused at commit
        SQLException e = assertRefused(
                "update publications set ended_at = now() where item_id = " + item.questionId()
                        + " and language_code = 'en' and ended_at is null",
                "insert into publications (item_id, language_code, revision_id, published_by, next_review_due,"
                        + " source_change) values (" + item.questionId() + ", 'en', " + safety.id() + ", "
                        + fx.editor.userId() + ", current_date + 30, 'SAFETY')");
        assertThat(e.getMessage()).contains("a safety change leaves translations of the older source text live");
        // ... and a silent one (no MINOR/SAFETY answer) while translations rest on older text
        assertThat(assertRefused(
                "update publications set ended_at = now() where item_id = " + item.questionId()
                        + " and language_code = 'en' and ended_at is null",
                "insert into publications (item_id, language_code, revision_id, published_by, next_review_due)"
                        + " values (" + item.questionId() + ", 'en', " + safety.id() + ", " + fx.editor.userId()
                        + ", current_date + 30)").getMessage()).contains("say whether this change is MINOR or SAFETY");
    }

    private static String insertPublication(RevisionRef revision, long publisher, LocalDate due) {
        return "insert into publications (item_id, language_code, revision_id, published_by, next_review_due) values ("
                + revision.itemId() + ", '" + revision.languageCode() + "', " + revision.id() + ", " + publisher
                + ", '" + due + "')";
    }
}
