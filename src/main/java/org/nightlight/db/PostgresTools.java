package org.nightlight.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL's client programs (pg_dump, pg_restore) installed on this machine. The embedded database's own
 * binaries are only the server (initdb, pg_ctl, postgres), so backups use these; they must be at least the
 * server's major version.
 */
final class PostgresTools {

    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private PostgresTools() {
    }

    /** The newest {@code name} of at least {@code major} on the PATH or in the usual package directories. */
    static Path find(String name, int major) throws BackupException {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, name));
            }
        }
        // where packages put each version: Debian /usr/lib/postgresql/16/bin, Red Hat /usr/pgsql-16/bin
        candidates.addAll(versionDirs(Path.of("/usr/lib/postgresql"), "", name));
        candidates.addAll(versionDirs(Path.of("/usr"), "pgsql-", name));
        return candidates.stream().filter(Files::isExecutable).distinct()
                .filter(p -> major(p).orElse(0) >= major)
                .max(Comparator.comparingInt(p -> major(p).orElse(0)))
                .orElseThrow(() -> new BackupException(name + " of PostgreSQL " + major + " or newer was not found on"
                        + " the PATH or in /usr/lib/postgresql. Install PostgreSQL's client programs (for example"
                        + " apt-get install postgresql-client-" + major + ", or a newer one) and run this again."));
    }

    private static List<Path> versionDirs(Path parent, String prefix, String name) {
        try (var dirs = Files.list(parent)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith(prefix))
                    .map(d -> d.resolve("bin").resolve(name)).toList();
        } catch (IOException | RuntimeException absent) {
            return List.of();
        }
    }

    private static Optional<Integer> major(Path program) {
        try {
            Process version = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
            String text = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            version.waitFor();
            Matcher m = VERSION.matcher(text);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Runs a client program against the embedded server as its owner; its output goes to {@code out}. */
    static void run(List<String> command, String password, java.io.PrintStream out) throws BackupException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", password); // not on the command line, where ps shows it
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!output.isBlank()) {
                out.print(output);
            }
            if (process.waitFor() != 0) {
                throw new BackupException(Path.of(command.get(0)).getFileName() + " failed (exit code "
                        + process.exitValue() + ")" + (output.isBlank() ? "" : ": " + output.strip()));
            }
        } catch (IOException e) {
            throw new BackupException("could not run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupException("interrupted");
        }
    }
}
