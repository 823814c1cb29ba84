package org.nightlight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The versioned migrations as they are in db/migrations, read from the directory, never hard-coded. */
public final class MigrationFiles {

    private static final Path DIRECTORY = Path.of("db", "migrations");
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__\\w+\\.sql");

    private MigrationFiles() {
    }

    /** The V-numbers, ascending. */
    public static List<Integer> versions() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Integer> versions = files.map(f -> VERSIONED.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Integer.parseInt(m.group(1)))
                    .sorted()
                    .toList();
            if (versions.isEmpty()) {
                throw new AssertionError("no V{n}__name.sql files in " + DIRECTORY.toAbsolutePath());
            }
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY.toAbsolutePath(), e);
        }
    }

    /** The highest V-number, as Flyway reports a version. */
    public static String latestVersion() {
        List<Integer> versions = versions();
        return String.valueOf(versions.get(versions.size() - 1));
    }
}
