package org.nightlight.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nightlight.App;
import org.nightlight.Settings;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A fresh PostgreSQL database for each test class, dropped afterwards: empty, or ({@link #withDemo()}) a copy
 * of the demo. The server comes from, in order: NIGHTLIGHT_TEST_DB_URL (a JDBC URL to an existing server,
 * e.g. jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres), Testcontainers where Docker runs, an
 * embedded PostgreSQL. Register with {@code @RegisterExtension static TestPostgres db = new TestPostgres();}.
 */
public final class TestPostgres implements BeforeAllCallback, AfterAllCallback {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = Long.toString(ProcessHandle.current().pid(), 36);
    private static Server server;

    /** The role the app under test connects as: it owns nothing (V8 grants it its rights at each start). */
    public static final String SERVER_ROLE = "nightlight_test_server";
    private static final String SERVER_PASSWORD = "nightlight-test-server";

    /** The demo as the app loads it, built once per test JVM and copied for each class that wants it. */
    private static String demoTemplate;
    private static final String DEMO_TEMPLATE_PASSWORD = "demo-template-password";

    private final boolean demo;
    private String database;

    /** An empty database: the app migrates it at its first start. */
    public TestPostgres() {
        this(false);
    }

    private TestPostgres(boolean demo) {
        this.demo = demo;
    }

    /**
     * A copy of a database the app has already loaded the demo into (seconds of workflow, done once per run).
     * The app started on it with NIGHTLIGHT_DEMO finds content and only sets the demo password it is given.
     */
    public static TestPostgres withDemo() {
        return new TestPostgres(true);
    }

    /** Where the server is and how to reach its maintenance database. */
    private record Server(String host, int port, String user, String password, AutoCloseable owner) {

        String url(String db) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + db;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server();
        database = "nightlight_test_" + RUN + "_" + COUNTER.incrementAndGet();
        admin("create database " + database + (demo ? " template " + demoTemplate() : ""));
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        admin("drop database if exists " + database + " with (force)");
    }

    public Settings settings() {
        return settings(Map.of());
    }

    /** Settings pointing at this class's database, demo off unless the extra variables say otherwise. */
    public Settings settings(Map<String, String> extra) {
        return settings(database, extra);
    }

    private static Settings settings(String database, Map<String, String> extra) {
        Server s = server;
        var env = new java.util.HashMap<String, String>();
        env.put("NIGHTLIGHT_DB_URL", s.url(database));
        env.put("NIGHTLIGHT_DB_USER", SERVER_ROLE);
        env.put("NIGHTLIGHT_DB_PASSWORD", SERVER_PASSWORD);
        env.put("NIGHTLIGHT_DB_MIGRATION_USER", s.user());
        env.put("NIGHTLIGHT_DB_MIGRATION_PASSWORD", s.password());
        env.put("NIGHTLIGHT_PORT", "0");
        // tests of other things sign staff in with a password alone; second-factor tests ask for "staff"
        env.put("NIGHTLIGHT_SECOND_FACTOR", "optional");
        env.putAll(extra);
        return Settings.from(env);
    }

    public String url() {
        return server.url(database);
    }

    /** A connection as the owner (a superuser): for setting up and inspecting, not for attacks. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(server.url(database), server.user(), server.password());
    }

    /** A connection as the server's own role, as an attacker holding the server's credentials would have. */
    public Connection connectAsServer() throws SQLException {
        return DriverManager.getConnection(server.url(database), SERVER_ROLE, SERVER_PASSWORD);
    }

    /** Runs a statement on the server's maintenance database (create, drop, alter database). */
    public void admin(String sql) throws SQLException {
        onServer(sql);
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(server.url("postgres"), server.user(), server.password());
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    public String name() {
        return database;
    }

    private static synchronized Server server() throws Exception {
        if (server == null) {
            server = start();
            createServerRole(server);
        }
        return server;
    }

    /**
     * The first time: a database with the demo loaded by the app itself (its real demo path), closed again.
     * PostgreSQL copies a database only while nobody is connected to it, so it then refuses connections.
     * Dropped when the JVM ends.
     */
    private static synchronized String demoTemplate() throws Exception {
        if (demoTemplate == null) {
            String name = "nightlight_demo_" + RUN;
            String drop = "drop database if exists " + name + " with (force)";
            onServer("create database " + name);
            try (App app = App.open(settings(name, Map.of("NIGHTLIGHT_DEMO", "true",
                    "NIGHTLIGHT_DEMO_PASSWORD", DEMO_TEMPLATE_PASSWORD)))) {
                app.loadDemoIfWanted();
            } catch (RuntimeException | Error e) {
                onServer(drop);
                throw e;
            }
            onServer("alter database " + name + " allow_connections false");
            onServer("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + name + "'");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    onServer(drop);
                } catch (SQLException ignored) {
                    // the JVM is going away; a leftover is named after this run's pid
                }
            }, "drop-demo-template"));
            demoTemplate = name;
        }
        return demoTemplate;
    }

    /** Roles belong to the whole server; test runs in parallel may both try to create it. */
    private static void createServerRole(Server s) throws SQLException {
        try (Connection c = DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
                Statement st = c.createStatement()) {
            st.execute("do $$ begin create role " + SERVER_ROLE + " login password '" + SERVER_PASSWORD + "';"
                    + " exception when duplicate_object or unique_violation then null; end $$");
        }
    }

    private static Server start() throws Exception {
        String url = System.getenv("NIGHTLIGHT_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return fromUrl(url);
        }
        if (DockerClientFactory.instance().isDockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                    container.getPassword(), container);
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                    .setDataDirectory(Files.createTempDirectory("nightlight-test-pg"))
                    .setCleanDataDirectory(true)
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // the JVM is going away
                }
            }));
            return new Server("localhost", embedded.getPort(), "postgres", "", embedded);
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL for the tests: set NIGHTLIGHT_TEST_DB_URL to a server"
                    + " (for example jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres), start Docker for"
                    + " Testcontainers, or run as a user that can start the embedded PostgreSQL.", e);
        }
    }

    /** jdbc:postgresql://host:port/db?user=u&password=p */
    private static Server fromUrl(String url) {
        var uri = java.net.URI.create(url.substring("jdbc:".length()));
        String user = "postgres";
        String password = "";
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) {
                    user = kv[1];
                } else if (kv[0].equals("password")) {
                    password = kv[1];
                }
            }
        }
        user = System.getenv().getOrDefault("NIGHTLIGHT_TEST_DB_USER", user);
        password = System.getenv().getOrDefault("NIGHTLIGHT_TEST_DB_PASSWORD", password);
        return new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password, null);
    }
}
