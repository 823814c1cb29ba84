package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.testing.MigrationFiles;

/** No database URL: the app starts its own PostgreSQL in the data directory, and the data survives a restart. */
class EmbeddedStartTest {

    @TempDir
    Path dataDir;

    @Test
    void open_withoutDatabaseUrl_startsEmbeddedPostgres_andARestartKeepsTheData() throws Exception {
        Settings settings = Settings.from(Map.of("NIGHTLIGHT_DATA_DIR", dataDir.toString(), "NIGHTLIGHT_PORT", "0"));
        assertThat(settings.embeddedDatabase()).isTrue();

        try (App app = App.open(settings)) {
            assertThat(query(app, "select max(version::int) from flyway_schema_history where success"))
                    .isEqualTo(MigrationFiles.latestVersion());
            execute(app, "insert into languages (code, native_name, english_name) values ('fr', 'Français', 'French')");

            // two roles: the server's owns nothing and cannot touch the safeguards; the owner ran the migrations
            assertThat(query(app, "select current_user")).isEqualTo("nightlight");
            assertThat(app.serverRole().safe()).as(app.serverRole().risks().toString()).isTrue();
            assertThat(query(app, "select string_agg(distinct tableowner, ',') from pg_tables where schemaname = 'public'"))
                    .isEqualTo("postgres");
            assertThat(catchThrowable(() -> execute(app, "alter table publications disable trigger all")))
                    .hasMessageContaining("must be owner");

            // durable: what a commit reports written is on disk
            assertThat(query(app, "show fsync")).isEqualTo("on");
            assertThat(query(app, "show synchronous_commit")).isEqualTo("on");
            assertThat(query(app, "show full_page_writes")).isEqualTo("on");
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

        try (App app = App.open(settings)) {
            assertThat(query(app, "select native_name from languages where code = 'fr'")).isEqualTo("Français");
            assertThat(query(app, "select count(*) from flyway_schema_history where success and version is not null"))
                    .isEqualTo(String.valueOf(MigrationFiles.versions().size()));
        }
    }

    private static String query(App app, String sql) throws Exception {
        try (Connection c = app.dataSource().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }

    private static void execute(App app, String sql) throws Exception {
        try (Connection c = app.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
