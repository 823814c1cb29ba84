package org.nightlight.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.nightlight.Settings;

/**
 * A PostgreSQL of the test's own, on a fixed port and data directory, that the test stops and starts again
 * (outages); the app connects to it as a restricted server role, as in production.
 */
public final class StoppablePostgres implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private EmbeddedPostgres postgres;

    public StoppablePostgres(Path dataDir) throws IOException, SQLException {
        this.dataDir = dataDir;
        try (ServerSocket s = new ServerSocket(0)) {
            this.port = s.getLocalPort();
        }
        start();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("create role outage_server login password 'outage'");
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Demo content, the server role for the app, the migration owner for Flyway; port 0. */
    public Settings demoSettings() {
        Map<String, String> env = new HashMap<>();
        env.put("NIGHTLIGHT_DB_URL", jdbcUrl());
        env.put("NIGHTLIGHT_DB_USER", "outage_server");
        env.put("NIGHTLIGHT_DB_PASSWORD", "outage");
        env.put("NIGHTLIGHT_DB_MIGRATION_USER", "postgres");
        env.put("NIGHTLIGHT_DEMO", "true");
        env.put("NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234");
        env.put("NIGHTLIGHT_PORT", "0");
        return Settings.from(env);
    }

    public void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    public void start() throws IOException {
        postgres = EmbeddedPostgres.builder().setPort(port).setDataDirectory(dataDir)
                .setCleanDataDirectory(false).start();
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
