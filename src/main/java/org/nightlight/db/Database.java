package org.nightlight.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** The connection pool and the schema migrations; nothing else touches JDBC set-up. */
public final class Database {

    private Database() {
    }

    public static HikariDataSource pool(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("nightlight");
        config.setMaximumPoolSize(10);
        // while PostgreSQL is unreachable every request that needs it fails within a second (503), instead of
        // piling up threads that wait; pages already in the cache are served meanwhile
        config.setConnectionTimeout(1_000);
        // Short OLTP queries only: on tables without statistics yet (a new or small database) the planner's
        // estimates make PostgreSQL JIT-compile them, which cost ~0.5 s per admin page for a 1 ms query.
        // Searches build text queries that may hold no words (a part of the query without synonyms): PostgreSQL
        // then sends a NOTICE, which the driver turned into an SQLWarning with a stack trace, several per search
        // (2 % of a search's CPU), read by no one. Warnings and errors still come.
        config.addDataSourceProperty("options", "-c jit=off -c client_min_messages=warning");
        // Fail at start with a clear message rather than at the first request.
        config.setInitializationFailTimeout(10_000);
        return new HikariDataSource(config);
    }

    // V4 was edited after it landed: its two indexes were renamed to the names Jetty's session store looks
    // for. A database made with the first text has the old checksum and names; it gets the new ones.
    private static final int V4_AS_LANDED = 1541286126;
    private static final int V4_AS_EDITED = -1247847462;

    private static void repairHistory(Owner owner) {
        try (Connection c = DriverManager.getConnection(owner.url(), owner.user(), owner.password());
                var st = c.createStatement()) {
            var history = st.executeQuery("select to_regclass('flyway_schema_history') is not null");
            history.next();
            if (!history.getBoolean(1)) {
                return;
            }
            c.setAutoCommit(false);
            if (st.executeUpdate("update flyway_schema_history set checksum = " + V4_AS_EDITED
                    + " where version = '4' and checksum = " + V4_AS_LANDED) == 1) {
                st.execute("alter index if exists admin_sessions_expiry rename to idx_admin_sessions_expiry");
                st.execute("alter index if exists admin_sessions_session rename to idx_admin_sessions_session");
            }
            c.commit();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
                // cannot connect, refused sign-in, no such database: a setting to fix, not a failure to trace
                String reason = String.valueOf(e.getMessage()).strip();
                throw new Unreachable("The database cannot be reached as the schema's owner (" + owner.user() + "): "
                        + reason + (reason.endsWith(".") ? "" : ".") + " Check NIGHTLIGHT_DB_URL and"
                        + " NIGHTLIGHT_DB_MIGRATION_USER / NIGHTLIGHT_DB_MIGRATION_PASSWORD (or NIGHTLIGHT_DB_USER /"
                        + " NIGHTLIGHT_DB_PASSWORD when they are one role).");
            }
            throw new IllegalStateException("repairing the migration history failed: " + e.getMessage(), e);
        }
    }

    /** The schema's owner cannot connect: told to the operator in one line at start. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message);
        }
    }

    /** Where the schema's owner connects: it runs the migrations and grants the server's role its rights. */
    public record Owner(String url, String user, String password) {
    }

    /**
     * Brings the schema up to date from db/migrations (packaged in the jar) as its owner, writes the longest
     * clinical review period the database will accept, and grants the server's role exactly what it needs
     * (V8's grant_server_role: nothing when the two are one role).
     */
    public static MigrateResult migrate(Owner owner, String serverRole, int reviewMonths) {
        repairHistory(owner);
        MigrateResult result = Flyway.configure()
                .dataSource(owner.url(), owner.user(), owner.password())
                .locations("classpath:db/migrations")
                .failOnMissingLocations(true)
                // V7 landed before V6: a database made in between gets V6 late (it only adds indexes). No new
                // migration may do this again: MigrationHistoryTest fails on one numbered below a landed one.
                .outOfOrder(true)
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(owner.url(), owner.user(), owner.password());
                PreparedStatement policy = c.prepareStatement("update review_policy set max_months = ?");
                PreparedStatement grant = c.prepareStatement("select grant_server_role(?)")) {
            policy.setInt(1, reviewMonths);
            policy.executeUpdate();
            grant.setString(1, serverRole);
            grant.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("granting the server's database role " + serverRole + " failed: "
                    + e.getMessage(), e);
        }
        return result;
    }
}
