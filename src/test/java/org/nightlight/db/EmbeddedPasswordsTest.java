package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.Settings;
import org.nightlight.testing.RunningApp;

/**
 * The embedded PostgreSQL takes password (SCRAM) logins only: its two passwords are random, made at the first
 * start and kept in the data directory, readable by its owner only; a data directory made by an earlier
 * version (trust logins) is moved to passwords at its next start.
 */
class EmbeddedPasswordsTest {

    @TempDir
    Path dataDir;

    @Test
    void withoutThePassword_orWithAWrongOne_nobodyConnects() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            db.ensureServerRole();
            String url = db.jdbcUrl().replaceFirst("\\?.*", "");

            for (String role : new String[] {EmbeddedDatabase.OWNER_ROLE, EmbeddedDatabase.SERVER_ROLE}) {
                assertRefused(url, role, null);
                assertRefused(url, role, "");
                assertRefused(url, role, "wrong-password");
            }
            try (Connection owner = connect(url, EmbeddedDatabase.OWNER_ROLE, db.ownerPassword())) {
                assertThat(value(owner, "show password_encryption")).isEqualTo("scram-sha-256");
                assertThat(value(owner, "show unix_socket_directories")).as("no socket file for anyone to use").isEmpty();
                assertThat(value(owner, "select count(*) from pg_hba_file_rules where auth_method <> 'scram-sha-256'"))
                        .isEqualTo("0");
            }
            try (Connection server = connect(url, EmbeddedDatabase.SERVER_ROLE, db.serverPassword())) {
                assertThat(value(server, "select current_user")).isEqualTo("nightlight");
            }
            assertThat(db.ownerPassword()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(db.serverPassword());
        }
        Path passwords = dataDir.resolve("database-passwords");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords))).isEqualTo("rw-------");

        // the same passwords at the next start
        String owner = Files.readString(passwords);
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dataDir)) {
            again.ensureServerRole();
            assertThat(Files.readString(passwords)).isEqualTo(owner);
            connect(again.jdbcUrl().replaceFirst("\\?.*", ""), EmbeddedDatabase.OWNER_ROLE, again.ownerPassword()).close();
        }
    }

    @Test
    void aLostPasswordFile_isSaidSo_andNewPasswordsCanBeMade() throws Exception {
        EmbeddedDatabase.start(dataDir).close();
        Files.delete(dataDir.resolve("database-passwords"));

        Throwable lost = catchThrowable(() -> EmbeddedDatabase.start(dataDir).close());
        assertThat(lost).isInstanceOf(EmbeddedDatabase.Unavailable.class)
                .hasMessageContaining(dataDir.resolve("database-passwords").toString())
                .hasMessageContaining("host all all all trust");
        assertThat(dataDir.resolve("database-passwords")).doesNotExist();

        // as the message says: trust for one start, which makes new passwords and takes trust away again
        Files.writeString(dataDir.resolve("postgres").resolve("pg_hba.conf"), "host all all all trust\n");
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            String url = db.jdbcUrl().replaceFirst("\\?.*", "");
            assertRefused(url, EmbeddedDatabase.OWNER_ROLE, null);
            connect(url, EmbeddedDatabase.OWNER_ROLE, db.ownerPassword()).close();
        }
    }

    @Test
    void theUnpackedBinaries_areOutOfReachOfOtherUsers() throws Exception {
        Path binaries = dataDir.resolve("binaries");
        Files.createDirectories(binaries);
        Files.setPosixFilePermissions(binaries, PosixFilePermissions.fromString("rwxrwxrwx")); // as 2.2.2 left it
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            // the library makes its directory writable for all; without search (x) that gives others nothing
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).isEqualTo("rwx------");
        }
    }

    @Test
    void aDataDirectoryOfAnEarlierVersion_withTrustLogins_isUpgraded_andTheAppServes() throws Exception {
        // as the earlier versions made it: initdb's trust rules, the server role without a password
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false).setOverrideWorkingDirectory(dataDir.resolve("binaries").toFile())
                .start(); Connection c = old.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create role nightlight login");
        }
        assertThat(dataDir.resolve("database-passwords")).doesNotExist();

        Settings settings = Settings.from(Map.of("NIGHTLIGHT_DATA_DIR", dataDir.toString(), "NIGHTLIGHT_PORT", "0",
                "NIGHTLIGHT_DEMO", "false"));
        try (RunningApp app = RunningApp.start(settings)) {
            assertThat(app.get("/health").statusCode()).isEqualTo(200);
            String url = app.app().dataSource().getJdbcUrl().replaceFirst("\\?.*", "");
            assertRefused(url, EmbeddedDatabase.OWNER_ROLE, null);
            assertRefused(url, EmbeddedDatabase.SERVER_ROLE, null);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("database-passwords"))))
                .isEqualTo("rw-------");
    }

    private static void assertRefused(String url, String role, String password) {
        Throwable refused = catchThrowable(() -> connect(url, role, password).close());
        assertThat(refused).as("%s with password %s", role, password).isInstanceOf(SQLException.class);
        assertThat(((SQLException) refused).getSQLState()).as(refused.getMessage()).isIn("28P01", "08004");
    }

    private static Connection connect(String url, String role, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    private static String value(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
