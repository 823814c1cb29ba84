package org.nightlight.db;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;

/**
 * The embedded database's two passwords (its owner's and the server role's), random, made at the first start
 * and kept in one file that only this user can read (mode 0600): whoever can read it could read the data
 * directory anyway.
 */
record EmbeddedPasswords(String owner, String server) {

    static final String FILE = "database-passwords";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The file's passwords; a new file with new ones when there is none yet. */
    static EmbeddedPasswords loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            EmbeddedPasswords made = new EmbeddedPasswords(random(), random());
            Path partial = dataDir.resolve(FILE + ".new");
            Files.deleteIfExists(partial);
            // created owner-only, never readable by others even for a moment
            Files.createFile(partial, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(partial, "# the embedded PostgreSQL's passwords; keep this file private\n"
                    + "owner=" + made.owner + "\nserver=" + made.server + "\n");
            Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return made;
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        Properties values = new Properties();
        values.load(new StringReader(Files.readString(file)));
        String owner = values.getProperty("owner", "");
        String server = values.getProperty("server", "");
        if (!owner.matches("[A-Za-z0-9_-]{32,}") || !server.matches("[A-Za-z0-9_-]{32,}")) {
            throw new IOException(file + " is damaged: it should hold two lines, owner=… and server=…");
        }
        return new EmbeddedPasswords(owner, server);
    }

    /** 32 characters of URL-safe Base64 (192 random bits): safe to write into SQL and configuration as is. */
    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "EmbeddedPasswords[hidden]";
    }
}
