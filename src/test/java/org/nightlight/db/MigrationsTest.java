package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.Settings;
import org.nightlight.content.ContentHash;
import org.nightlight.testing.MigrationFiles;
import org.nightlight.testing.Rows;
import org.nightlight.testing.TestPostgres;

/** The migrations in db/migrations, run on an empty database, and the mapping and triggers they give. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrationsTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    @Test
    @Order(1)
    void migrate_emptyDatabase_appliesEveryMigrationUpToTheNewest() throws Exception {
        List<Integer> versions = MigrationFiles.versions();

        {
            MigrateResult first = migrate();

            assertThat(first.migrationsExecuted).isEqualTo(versions.size());
            assertThat(first.targetSchemaVersion).isEqualTo(String.valueOf(versions.get(versions.size() - 1)));
        }
        assertThat(Rows.strings(db, "select version from flyway_schema_history where success"
                + " order by installed_rank desc limit 1"))
                .containsExactly(String.valueOf(versions.get(versions.size() - 1)));
        assertThat(Rows.count(db, "flyway_schema_history where not success")).isZero();
    }

    @Test
    @Order(2)
    void migrate_again_appliesNothing() throws Exception {
        migrate();

        assertThat(migrate().migrationsExecuted).isZero();
    }

    @Test
    @Order(3)
    void open_validatesTheHibernateMappingAgainstTheMigratedSchema() {
        // App.open migrates and then builds Hibernate with schema validation: it throws on any mismatch.
        try (App app = App.open(db.settings())) {
            Long sourceLanguages = app.sessions().fromTransaction(s ->
                    s.createSelectionQuery("select count(*) from Language where isSource", Long.class)
                            .getSingleResult());
            assertThat(sourceLanguages).isEqualTo(1);
        }
    }

    @Test
    @Order(4)
    void open_schemaMissingAMappedColumn_isRefusedAtStart() throws Exception {
        Settings settings = db.settings();
        App.open(settings).close();
        Rows.execute(db, "alter table revisions rename column change_note to note");
        try {
            assertThatThrownBy(() -> App.open(settings).close())
                    .hasStackTraceContaining("Schema validation").hasStackTraceContaining("missing column [change_note]");
        } finally {
            Rows.execute(db, "alter table revisions rename column note to change_note");
        }
    }

    @Test
    @Order(5)
    void revisionWithAWrongContentHash_isRefusedByTheDatabase() throws Exception {
        App.open(db.settings()).close();
        try (Connection c = db.connect()) {
            long item = insertTopic(c);
            long editor = insertEditor(c);
            String right = ContentHash.of("Title", "title", "Body", "");
            String wrong = ContentHash.of("Title", "title", "Another body", "");

            assertThatThrownBy(() -> insertRevision(c, item, editor, wrong))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("content_hash does not match")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"));
            insertRevision(c, item, editor, right);
        }
        assertThat(Rows.strings(db, "select body from revisions")).containsExactly("Body");
    }

    @Test
    @Order(6)
    void aDatabaseMadeBeforeV6_withV4AsItFirstLanded_upgradesAndStarts() throws Exception {
        // the migrations as main had them between V7 landing and V6 landing, V4 before its edit
        String old = db.name() + "_old";
        db.admin("drop database if exists " + old + " with (force)");
        db.admin("create database " + old);
        Settings settings = db.settings();
        String url = settings.dbUrl().orElseThrow().replace("/" + db.name(), "/" + old);
        // V1-V3 and V7 as they are, V4 as it first landed (its only edit), no V6 yet
        java.nio.file.Path before = java.nio.file.Files.createTempDirectory("migrations-before-v6");
        for (String name : new String[] {"V1__create_content.sql", "V2__create_workflow.sql",
            "V3__add_search_and_feedback.sql", "V7__check_reviewer_qualifications.sql"}) {
            java.nio.file.Files.copy(java.nio.file.Path.of("db", "migrations", name), before.resolve(name));
        }
        try (var firstV4 = MigrationsTest.class.getResourceAsStream("/V4__create_admin_sessions-as-first-landed.sql")) {
            java.nio.file.Files.copy(firstV4, before.resolve("V4__create_admin_sessions.sql"));
        }
        try {
            org.flywaydb.core.Flyway.configure()
                    .dataSource(url, settings.dbMigrationUser().orElseThrow(), settings.dbMigrationPassword())
                    .locations("filesystem:" + before).load().migrate();
            var env = new java.util.HashMap<String, String>();
            env.put("NIGHTLIGHT_DB_URL", url);
            env.put("NIGHTLIGHT_DB_USER", settings.dbUser());
            env.put("NIGHTLIGHT_DB_PASSWORD", settings.dbPassword());
            env.put("NIGHTLIGHT_DB_MIGRATION_USER", settings.dbMigrationUser().orElseThrow());
            env.put("NIGHTLIGHT_DB_MIGRATION_PASSWORD", settings.dbMigrationPassword());
            env.put("NIGHTLIGHT_PORT", "0");
            try (App app = App.open(Settings.from(env));
                    Connection c = app.dataSource().getConnection();
                    var st = c.createStatement()) {
                var rs = st.executeQuery("select string_agg(version, ',' order by version::int) from flyway_schema_history"
                        + " where success and version is not null");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(String.join(",", MigrationFiles.versions().stream()
                        .map(String::valueOf).toList()));
                rs = st.executeQuery("select string_agg(indexname, ',' order by indexname) from pg_indexes"
                        + " where tablename = 'admin_sessions' and indexname <> 'admin_sessions_pkey'");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("idx_admin_sessions_expiry,idx_admin_sessions_session");
            }
        } finally {
            try (var files = java.nio.file.Files.list(before)) {
                for (java.nio.file.Path f : files.toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            java.nio.file.Files.delete(before);
            db.admin("drop database if exists " + old + " with (force)");
        }
    }

    private static long insertTopic(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into content_items (kind) values ('TOPIC') returning id");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long insertEditor(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                with u as (insert into users (username, display_name) values ('editor', 'Editor') returning id),
                     r as (insert into user_roles (user_id, role) select id, 'EDITOR' from u)
                select id from u""");
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insertRevision(Connection c, long item, long author, String hash) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                insert into revisions (item_id, language_code, number, title, slug, body, content_hash, author_id)
                values (?, 'en', 1, 'Title', 'title', 'Body', ?, ?)""")) {
            st.setLong(1, item);
            st.setString(2, hash);
            st.setLong(3, author);
            st.executeUpdate();
        }
    }

    @Test
    @Order(20)
    void anOwnerThatCannotSignIn_isOneLineNamingTheSettings_notATrace() {
        Settings settings = db.settings();
        assertThatThrownBy(() -> Database.migrate(new Database.Owner(settings.dbUrl().orElseThrow(),
                "no_such_owner_role", "x"), settings.dbUser(), 12))
                .isInstanceOf(Database.Unreachable.class)
                .hasMessageStartingWith("The database cannot be reached as the schema's owner (no_such_owner_role): ")
                .hasMessageContaining("no_such_owner_role")
                .hasMessageEndingWith("NIGHTLIGHT_DB_PASSWORD when they are one role).");
    }

    private static MigrateResult migrate() {
        Settings settings = db.settings();
        return Database.migrate(new Database.Owner(settings.dbUrl().orElseThrow(),
                settings.dbMigrationUser().orElseThrow(), settings.dbMigrationPassword()), settings.dbUser(), 12);
    }
}
