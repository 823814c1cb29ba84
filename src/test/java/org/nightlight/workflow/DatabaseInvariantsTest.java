package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * The invariants hold even against direct SQL (migrations V2, V7, V8): each offending statement is run, as the
 * server's own database role, on a plain
 * JDBC connection and must fail with an SQLException, leaving every table as it was.
 */
class DatabaseInvariantsTest {

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

    private static final String INSERT_PUBLICATION = """
            insert into publications (item_id, language_code, revision_id, published_by, next_review_due)
            values (?, ?, ?, ?, ?)""";

    private static final String INSERT_REVIEW = """
            insert into reviews (revision_id, kind, decision, comment, reviewer_id, content_hash)
            values (?, ?, ?, '', ?, ?)""";

    /** Runs one statement on its own connection (autocommit) and asserts the database refuses it. */
    private static SQLException assertRefusedBySql(String table, String sql, Object... params) {
        long rows = fx.count("select count(*) from " + table);
        Map<String, String> before = fx.snapshot();
        Throwable thrown = catchThrowable(() -> {
            try (Connection c = db.connectAsServer(); PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                ps.execute();
            }
        });
        assertThat(thrown).as(sql).isInstanceOf(SQLException.class);
        assertThat(fx.count("select count(*) from " + table)).as("rows in " + table).isEqualTo(rows);
        assertThat(fx.snapshot()).as("the database after: " + sql).isEqualTo(before);
        return (SQLException) thrown;
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }

    private static void insertPublicationAndRollBack(RevisionRef revision) throws SQLException {
        try (Connection c = db.connectAsServer()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(INSERT_PUBLICATION)) {
                bind(ps, revision.itemId(), revision.languageCode(), revision.id(), fx.editor.userId(),
                        LocalDate.of(2027, 1, 1));
                ps.executeUpdate();
            } finally {
                c.rollback();
            }
        }
    }

    private static LocalDate due() {
        return LocalDate.of(2027, 1, 1);
    }

    // --- control: the statements used below are fine for a properly signed revision --------------------

    @Test
    void control_insertingAPublication_forASignedOffRevision_isAccepted() throws SQLException {
        Item item = fx.createItem();
        RevisionRef signed = fx.signSource(item.questionId());
        insertPublicationAndRollBack(signed);

        Item translated = fx.publishedItem();
        RevisionRef french = fx.translate(translated.questionId(), "Une traduction signée.");
        fx.signTranslation(french);
        insertPublicationAndRollBack(french);
    }

    // --- publications need the approvals of their exact revision ---------------------------------------

    @Test
    void insertingAPublication_forARevisionWithNoReview_isRefused() {
        Item item = fx.createItem();
        RevisionRef draft = fx.latest(item.questionId(), "en");

        SQLException e = assertRefusedBySql("publications", INSERT_PUBLICATION, item.questionId(), "en", draft.id(),
                fx.editor.userId(), due());
        assertThat(e.getMessage()).contains("has no medical approval");
    }

    @Test
    void insertingAPublication_forATranslationWithOnlyALanguageApproval_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.translate(item.questionId(), "Relue, pas signée.");
        fx.workflow.review(fx.reviewerFr, french.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "",
                french.contentHash());

        SQLException e = assertRefusedBySql("publications", INSERT_PUBLICATION, item.questionId(), "fr", french.id(),
                fx.editor.userId(), due());
        assertThat(e.getMessage()).contains("has no medical approval");
    }

    @Test
    void insertingAPublication_forASourceRevisionWithOnlyALanguageApproval_isRefused() throws SQLException {
        Item item = fx.createItem();
        RevisionRef source = fx.latest(item.questionId(), "en");
        // V7 refuses this review itself (nobody reviews English as a translation); slip it in past the triggers
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(INSERT_REVIEW)) {
            c.setAutoCommit(false);
            c.createStatement().execute("set local session_replication_role = replica");
            bind(ps, source.id(), "LANGUAGE", "APPROVED", fx.reviewerFr.userId(), source.contentHash());
            ps.executeUpdate();
            c.commit();
        }

        assertRefusedBySql("publications", INSERT_PUBLICATION, item.questionId(), "en", source.id(),
                fx.editor.userId(), due());
    }

    @Test
    void insertingAPublication_forATranslationWithAMedicalButNoLanguageApproval_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.translate(item.questionId(), "Signée, pas relue.");
        fx.workflow.review(fx.clinician, french.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", french.contentHash());

        SQLException e = assertRefusedBySql("publications", INSERT_PUBLICATION, item.questionId(), "fr", french.id(),
                fx.editor.userId(), due());
        assertThat(e.getMessage()).contains("has no language approval");
    }

    @Test
    void insertingAPublication_whoseLatestMedicalReviewRequestsChanges_isRefused() {
        Item item = fx.createItem();
        RevisionRef revision = fx.signSource(item.questionId());
        fx.workflow.review(fx.clinicianEn, revision.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                "Wrong for premature babies.", revision.contentHash());

        assertRefusedBySql("publications", INSERT_PUBLICATION, item.questionId(), "en", revision.id(),
                fx.editor.userId(), due());
    }

    @Test
    void insertingAPublication_underAnotherItemOrLanguageThanItsRevision_isRefused() {
        Item item = fx.createItem();
        Item other = fx.createItem();
        RevisionRef signed = fx.signSource(item.questionId());

        assertRefusedBySql("publications", INSERT_PUBLICATION, other.questionId(), "en", signed.id(),
                fx.editor.userId(), due());
        assertRefusedBySql("publications", INSERT_PUBLICATION, item.questionId(), "fr", signed.id(),
                fx.editor.userId(), due());
    }

    @Test
    void aSelfSignOff_isRefusedByTheReviewsTrigger_andAPublicationRestingOnOneByThePublicationsTrigger()
            throws SQLException {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        long author = revision.authorId();
        assertThat(author).isEqualTo(fx.editor.userId());

        SQLException reviewRefused = assertRefusedBySql("reviews", INSERT_REVIEW, revision.id(), "MEDICAL",
                "APPROVED", author, revision.contentHash());
        assertThat(reviewRefused.getMessage()).contains("cannot review it");

        // Get the self-review in anyway, past the reviews trigger (as a replica would), then try to publish.
        Map<String, String> before = fx.snapshot();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try {
                try (var st = c.createStatement()) {
                    st.execute("set local session_replication_role = replica");
                }
                try (PreparedStatement ps = c.prepareStatement(INSERT_REVIEW)) {
                    bind(ps, revision.id(), "MEDICAL", "APPROVED", author, revision.contentHash());
                    assertThat(ps.executeUpdate()).isEqualTo(1);
                }
                try (var st = c.createStatement()) {
                    st.execute("set local session_replication_role = origin");
                }
                try (var st = c.createStatement(); var rs = st.executeQuery(
                        "select count(*) from reviews where revision_id = " + revision.id()
                                + " and reviewer_id = " + author)) {
                    rs.next();
                    assertThat(rs.getLong(1)).as("the self-review is in, inside this transaction").isEqualTo(1);
                }
                Throwable publishRefused = catchThrowable(() -> {
                    try (PreparedStatement ps = c.prepareStatement(INSERT_PUBLICATION)) {
                        bind(ps, item.questionId(), "en", revision.id(), fx.editor.userId(), due());
                        ps.executeUpdate();
                    }
                });
                assertThat(publishRefused).isInstanceOf(SQLException.class)
                        .hasMessageContaining("has no medical approval");
            } finally {
                c.rollback();
            }
        }
        assertThat(fx.snapshot()).isEqualTo(before);
    }

    // --- reviews come from people qualified for them (migration V7) ------------------------------------

    @Test
    void aMedicalApproval_byATranslator_orByAClinicianNotQualifiedForTheLanguage_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.translate(item.questionId(), "Une traduction à signer.");

        SQLException byTranslator = assertRefusedBySql("reviews", INSERT_REVIEW, french.id(), "MEDICAL", "APPROVED",
                fx.reviewerFr.userId(), french.contentHash());
        assertThat(byTranslator.getMessage()).contains("was not qualified for a medical review of fr text");
        SQLException byEnglishOnly = assertRefusedBySql("reviews", INSERT_REVIEW, french.id(), "MEDICAL", "APPROVED",
                fx.clinicianEn.userId(), french.contentHash());
        assertThat(byEnglishOnly.getMessage()).contains("was not qualified for a medical review of fr text");
    }

    @Test
    void aLanguageApproval_bySomeoneWithoutLanguageReviewForIt_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef french = fx.translate(item.questionId(), "Une autre traduction.");

        SQLException e = assertRefusedBySql("reviews", INSERT_REVIEW, french.id(), "LANGUAGE", "APPROVED",
                fx.clinician.userId(), french.contentHash());
        assertThat(e.getMessage()).contains("was not qualified for a language review of fr text");
    }

    @Test
    void unwithdrawingAPublication_isRefused() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "Texte en vigueur.");
        fx.editSource(item.questionId(), "A safety correction.");
        RevisionRef corrected = fx.signSource(item.questionId());
        fx.workflow.publish(fx.editor, corrected.id(), org.nightlight.content.SourceChange.SAFETY);

        assertRefusedBySql("publications", "update publications set withdrawn_at = null, withdrawn_reason = null"
                + " where item_id = ? and language_code = 'fr' and ended_at is null", item.questionId());
    }

    @Test
    void insertingAReview_whoseContentHashDoesNotMatchTheRevision_isRefused() {
        Item item = fx.createItem();
        RevisionRef revision = fx.latest(item.questionId(), "en");
        String otherText = WorkflowFixture.text("Another question?", "Another answer.").contentHash();

        SQLException e = assertRefusedBySql("reviews", INSERT_REVIEW, revision.id(), "MEDICAL", "APPROVED",
                fx.clinician.userId(), otherText);
        assertThat(e.getMessage()).contains("does not match its content hash");
    }

    // --- one live publication per item and language; publications never change text --------------------

    @Test
    void aSecondLivePublication_forTheSameItemAndLanguage_isRefused() {
        Item item = fx.publishedItem();
        fx.editSource(item.questionId(), "A second, signed answer.");
        RevisionRef second = fx.signSource(item.questionId());

        SQLException e = assertRefusedBySql("publications", INSERT_PUBLICATION, item.questionId(), "en", second.id(),
                fx.editor.userId(), due());
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(e.getMessage()).contains("publications_one_current");
    }

    @Test
    void changingWhichRevisionAPublicationShows_isRefused_evenForAnotherSignedRevision() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "A second, signed answer.");
        RevisionRef second = fx.signSource(item.questionId());

        assertRefusedBySql("publications", "update publications set revision_id = ? where revision_id = ?",
                second.id(), live.id());
        assertThat(fx.queries.status(item.questionId(), "en").liveRevisionId()).isEqualTo(live.id());
    }

    @Test
    void reopeningAnEndedPublication_orDeletingOne_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef first = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "The replacement.");
        fx.publishSource(item.questionId(), SourceChange.MINOR);

        assertRefusedBySql("publications", "update publications set ended_at = null where revision_id = ?",
                first.id());
        assertRefusedBySql("publications", "delete from publications where revision_id = ?", first.id());
    }

    // --- revisions are immutable ----------------------------------------------------------------------

    @Test
    void updatingTheTextOfARevision_isRefused() {
        Item item = fx.publishedItem();
        RevisionRef live = fx.latest(item.questionId(), "en");

        assertRefusedBySql("revisions", "update revisions set body = 'Give the baby a sedative.' where id = ?",
                live.id());
        assertRefusedBySql("revisions", """
                update revisions set body = 'Forged.', content_hash = revision_content_hash(title, slug,
                    'Forged.', sources) where id = ?""", live.id());
        assertThat(fx.latest(item.questionId(), "en").text()).isEqualTo(live.text());
    }

    @Test
    void deletingARevision_isRefused() {
        Item item = fx.createItem();
        RevisionRef draft = fx.latest(item.questionId(), "en");

        assertRefusedBySql("revisions", "delete from revisions where id = ?", draft.id());
        assertRefusedBySql("revisions", "truncate revisions cascade");
    }

    @Test
    void insertingARevision_withAWrongContentHash_isRefused() throws SQLException {
        Item item = fx.createItem();
        String sql = """
                insert into revisions (item_id, language_code, number, title, slug, body, sources, author_id,
                                       content_hash)
                values (?, 'en', 2, 'Forged?', 'forged', 'Forged body.', '', ?, %s)""";

        SQLException e = assertRefusedBySql("revisions", sql.formatted("?"), item.questionId(),
                fx.editor.userId(), "0".repeat(64));
        assertThat(e.getMessage()).contains("content_hash does not match");

        // control: the same row with its true hash goes in
        try (Connection c = db.connectAsServer()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql.formatted(
                    "revision_content_hash('Forged?', 'forged', 'Forged body.', '')"))) {
                bind(ps, item.questionId(), fx.editor.userId());
                assertThat(ps.executeUpdate()).isEqualTo(1);
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    void changingOrDeletingAReview_isRefused() {
        Item item = fx.createItem();
        RevisionRef signed = fx.signSource(item.questionId());

        assertRefusedBySql("reviews", "update reviews set decision = 'CHANGES_REQUESTED', comment = 'x'"
                + " where revision_id = ?", signed.id());
        assertRefusedBySql("reviews", "delete from reviews where revision_id = ?", signed.id());
        assertRefusedBySql("reviews", "truncate reviews cascade");
    }

    // --- the audit log is append-only -----------------------------------------------------------------

    @Test
    void updatingAnAuditEvent_isRefused() {
        fx.createItem();

        assertRefusedBySql("audit_events",
                "update audit_events set details = 'nothing happened' where id = (select max(id) from audit_events)");
        assertRefusedBySql("audit_events", "update audit_events set actor_id = null");
    }

    @Test
    void deletingAnAuditEvent_isRefused() {
        fx.createItem();

        assertRefusedBySql("audit_events", "delete from audit_events where id = (select max(id) from audit_events)");
        assertRefusedBySql("audit_events", "delete from audit_events");
    }

    @Test
    void truncatingTheAuditLog_isRefused() {
        fx.createItem();

        SQLException e = assertRefusedBySql("audit_events", "truncate audit_events");
        assertThat(e.getMessage()).contains("permission denied");
        // and the owner, who has the privilege, meets the trigger
        Throwable byOwner = catchThrowable(() -> {
            try (Connection c = db.connect(); var st = c.createStatement()) {
                st.execute("truncate audit_events");
            }
        });
        assertThat(byOwner).hasMessageContaining("append-only");
    }
}
