package org.nightlight.db;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * {@code backup --to FILE} and {@code restore --from FILE [--replace]} for the embedded database, with
 * pg_dump / pg_restore in their custom format (so a backup can also be restored into a PostgreSQL server of
 * one's own). A backup reads the running database, or starts it for the moment; a restore needs the server
 * stopped and refuses a database with content unless told to replace it.
 */
public final class BackupCommand {

    private static final String BACKUP_USAGE = "Usage: backup --to FILE";
    private static final String RESTORE_USAGE = "Usage: restore --from FILE [--replace]";

    private BackupCommand() {
    }

    /**
     * {@code args[0]} is backup or restore; {@code embeddedDataDir} is empty with an external database.
     * Exit codes: 0 done, 1 refused or failed (nothing changed), 2 bad arguments or no embedded database.
     */
    public static int run(String[] args, Optional<Path> embeddedDataDir, PrintStream out, PrintStream err) {
        boolean backup = args[0].equals("backup");
        List<String> rest = List.of(args).subList(1, args.length);
        String option = backup ? "--to" : "--from";
        int at = rest.indexOf(option);
        boolean replace = !backup && rest.contains("--replace");
        int expected = replace ? 3 : 2;
        if (at < 0 || at + 1 >= rest.size() || rest.get(at + 1).startsWith("--") || rest.size() != expected) {
            err.println(backup ? BACKUP_USAGE : RESTORE_USAGE);
            return 2;
        }
        if (embeddedDataDir.isEmpty()) {
            err.println("NIGHTLIGHT_DB_URL names a database server of your own: back it up and restore it with"
                    + " pg_dump and pg_restore, as docs/operations.md shows.");
            return 2;
        }
        Path file = Path.of(rest.get(at + 1)).toAbsolutePath();
        try {
            if (backup) {
                backup(embeddedDataDir.get(), file, out);
                out.println("Backed up the embedded database in " + embeddedDataDir.get() + " to " + file);
            } else {
                restore(embeddedDataDir.get(), file, replace, out);
                out.println("Restored " + file + " into the embedded database in " + embeddedDataDir.get());
            }
            return 0;
        } catch (BackupException | EmbeddedDatabase.Unavailable e) {
            err.println((backup ? "Backup" : "Restore") + " failed: " + e.getMessage());
            return 1;
        }
    }

    static void backup(Path dataDir, Path to, PrintStream out) throws BackupException {
        Path pgData = dataDir.resolve("postgres");
        if (!Files.exists(pgData.resolve("PG_VERSION"))) {
            throw new BackupException("there is no embedded database in " + dataDir + " (NIGHTLIGHT_DATA_DIR).");
        }
        Path pgDump = PostgresTools.find("pg_dump", majorVersion(pgData));
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        try {
            if (running(pgData)) {
                dump(pgDump, runningPort(pgData), passwords(dataDir).owner(), partial, out);
            } else {
                try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
                    dump(pgDump, db.port(), db.ownerPassword(), partial, out);
                }
            }
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new BackupException("cannot write " + to + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // already reported above if it matters
            }
        }
    }

    private static void dump(Path pgDump, int port, String password, Path to, PrintStream out)
            throws BackupException {
        PostgresTools.run(List.of(pgDump.toString(), "--format=custom", "--no-password", "--host=127.0.0.1",
                "--port=" + port, "--username=" + EmbeddedDatabase.OWNER_ROLE, "--dbname=postgres",
                "--file=" + to), password, out);
    }

    static void restore(Path dataDir, Path from, boolean replace, PrintStream out) throws BackupException {
        if (!Files.isReadable(from)) {
            throw new BackupException("cannot read " + from + ".");
        }
        Path pgData = dataDir.resolve("postgres");
        if (running(pgData)) {
            throw new BackupException("Nightlight is running on " + dataDir + ": stop it first, then restore.");
        }
        Path pgRestore = PostgresTools.find("pg_restore", Files.exists(pgData.resolve("PG_VERSION"))
                ? majorVersion(pgData) : 15);
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dataDir)) {
            db.ensureServerRole(); // the backup grants it its rights
            String url = "jdbc:postgresql://127.0.0.1:" + db.port() + "/";
            try (Connection c = DriverManager.getConnection(url + "template1", EmbeddedDatabase.OWNER_ROLE,
                    db.ownerPassword()); Statement st = c.createStatement()) {
                if (hasContent(url, db.ownerPassword())) {
                    if (!replace) {
                        throw new BackupException("the database in " + dataDir + " has content. Restore into a new"
                                + " NIGHTLIGHT_DATA_DIR, or add --replace to replace everything in it with the backup.");
                    }
                    st.execute("drop database postgres with (force)");
                    st.execute("create database postgres");
                }
            }
            PostgresTools.run(List.of(pgRestore.toString(), "--no-password", "--exit-on-error", "--single-transaction",
                    "--host=127.0.0.1", "--port=" + db.port(), "--username=" + EmbeddedDatabase.OWNER_ROLE,
                    "--dbname=postgres", from.toString()), db.ownerPassword(), out);
        } catch (SQLException e) {
            throw new BackupException("the embedded database refused: " + e.getMessage());
        }
    }

    private static boolean hasContent(String url, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url + "postgres", EmbeddedDatabase.OWNER_ROLE, password);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select exists (select 1 from pg_tables where schemaname = 'public')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Whether a Nightlight holds the data directory: it keeps a lock on this file while its database runs. */
    private static boolean running(Path pgData) throws BackupException {
        Path lockFile = pgData.resolve("epg-lock");
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (OverlappingFileLockException heldInThisProcess) {
            return true;
        } catch (IOException e) {
            throw new BackupException("cannot check whether the database in " + pgData + " is in use: "
                    + e.getMessage());
        }
    }

    /** The running server's port: the fourth line of its postmaster.pid. */
    private static int runningPort(Path pgData) throws BackupException {
        try {
            return Integer.parseInt(Files.readAllLines(pgData.resolve("postmaster.pid")).get(3).strip());
        } catch (IOException | RuntimeException e) {
            throw new BackupException("the database in " + pgData + " is in use but its port cannot be read: "
                    + e.getMessage());
        }
    }

    private static int majorVersion(Path pgData) throws BackupException {
        try {
            return Integer.parseInt(Files.readString(pgData.resolve("PG_VERSION")).strip());
        } catch (IOException | NumberFormatException e) {
            throw new BackupException("cannot read " + pgData.resolve("PG_VERSION") + ": " + e.getMessage());
        }
    }

    private static EmbeddedPasswords passwords(Path dataDir) throws BackupException {
        try {
            return EmbeddedPasswords.loadOrCreate(dataDir);
        } catch (IOException e) {
            throw new BackupException(e.getMessage());
        }
    }
}
