package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.Settings;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.slf4j.LoggerFactory;

/**
 * A server whose database role could switch the safeguards off (a superuser, or the tables' owner when one
 * role does everything) says so in the log at start and on /health; the role the README sets up does not. The
 * same start-up log warns when the database does not vacuum itself ({@link Autovacuum}).
 */
class ServerRoleTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    private static final String OWNER_ROLE = "nightlight_test_owner";

    @Test
    void theRestrictedServerRole_isReportedProtected() throws Exception {
        try (RunningApp running = RunningApp.start(db.settings())) {
            assertThat(running.app().serverRole().safe()).as(running.app().serverRole().risks().toString()).isTrue();
            var health = running.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"safeguards\":\"PROTECTED\"").doesNotContain("safeguardRisks");
        }
    }

    @Test
    void theLogAtStart_warnsWhenTheDatabaseDoesNotVacuumItself_andOnlyThen() throws Exception {
        boolean autovacuum;
        try (var c = db.connect(); var st = c.createStatement();
                var rs = st.executeQuery("select current_setting('autovacuum') = 'on'"
                        + " and current_setting('track_counts') = 'on'")) {
            rs.next();
            autovacuum = rs.getBoolean(1);
        }
        ListAppender<ILoggingEvent> log = capture();
        try (RunningApp running = RunningApp.start(db.settings())) {
            boolean warned = log.list.stream().anyMatch(e -> e.getFormattedMessage().contains(" is off: dead rows"));
            assertThat(warned).as("autovacuum on: " + autovacuum).isEqualTo(!autovacuum);
        } finally {
            release(log);
        }
    }

    @Test
    void aSuperuserServerRole_isWarnedAboutInTheLog_andOnHealth() throws Exception {
        Settings settings = asServer(db.settings(), superuser());
        ListAppender<ILoggingEvent> log = capture();
        try (RunningApp running = RunningApp.start(settings)) {
            assertThat(running.app().serverRole().risks()).containsExactly("is a superuser");
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("database role '" + superuser() + "' is a superuser")
                    .contains("could switch off the database's sign-off safeguards")
                    .contains("NIGHTLIGHT_DB_MIGRATION_USER"));
            var health = running.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"safeguards\":\"AT_RISK\"").contains("is a superuser");
        } finally {
            release(log);
        }
    }

    @Test
    void oneRoleThatOwnsTheTables_isWarnedAboutInTheLog_andOnHealth() throws Exception {
        db.admin("do $$ begin create role " + OWNER_ROLE + " login password 'owner'; exception when duplicate_object"
                + " or unique_violation then null; end $$");
        // the app's one role creates its own schema in a database of its own
        String database = db.name() + "_owned";
        db.admin("drop database if exists " + database + " with (force)");
        db.admin("create database " + database + " owner " + OWNER_ROLE);
        Map<String, String> env = new HashMap<>();
        env.put("NIGHTLIGHT_DB_URL", db.url().replace("/" + db.name(), "/" + database));
        env.put("NIGHTLIGHT_DB_USER", OWNER_ROLE);
        env.put("NIGHTLIGHT_DB_PASSWORD", "owner");
        env.put("NIGHTLIGHT_PORT", "0");
        ListAppender<ILoggingEvent> log = capture();
        try (RunningApp running = RunningApp.start(Settings.from(env))) {
            assertThat(running.app().serverRole().risks()).contains("owns the tables", "owns the trigger functions");
            assertThat(log.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("database role '" + OWNER_ROLE + "' ").contains("owns the tables"));
            assertThat(running.get("/health").body()).contains("\"safeguards\":\"AT_RISK\"").contains("owns the tables");
        } finally {
            release(log);
            db.admin("drop database if exists " + database + " with (force)");
        }
    }

    private static String superuser() {
        return db.settings().dbMigrationUser().orElseThrow();
    }

    private static Settings asServer(Settings base, String user) {
        Map<String, String> env = new HashMap<>();
        env.put("NIGHTLIGHT_DB_URL", base.dbUrl().orElseThrow());
        env.put("NIGHTLIGHT_DB_USER", user);
        env.put("NIGHTLIGHT_DB_PASSWORD", base.dbMigrationPassword());
        env.put("NIGHTLIGHT_PORT", "0");
        return Settings.from(env);
    }

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(App.class)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(App.class)).detachAppender(appender);
    }
}
