package org.nightlight.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Migrations are append-only, as the git history shows: a migration keeps the text it was first committed
 * with, and a new one is numbered above every one committed before it. Databases migrated at any earlier
 * commit then upgrade cleanly. Two old mistakes are known and repaired at start (Database.repairHistory).
 */
class MigrationHistoryTest {

    private static final Path DIRECTORY = Path.of("db", "migrations");

    /** Edited after their first commit: the version and the SHA-256 of the text it must now keep. */
    private static final Map<Integer, String> KNOWN_EDITS = Map.of(
            4, "9cc1a0bdd4e9c566e66fe10cee092b0371cf69f45b284158bc3e6f7ae3410042", // index names (repairHistory)
            8, "8ff7a2db36edc0f7dc1d988a82088f52ebae3a278a19b058c3bb14c55c56e14f"); // finished before it first landed
    /** Committed after a migration with a higher number (V3 after V4, V6 after V7); Flyway applies them out of order. */
    private static final Set<Integer> KNOWN_LATE = Set.of(3, 6);

    private static final Map<Integer, String> firstCommit = new HashMap<>();
    private static final List<String> commitOrder = new ArrayList<>();

    @BeforeAll
    static void readHistory() throws Exception {
        Assumptions.assumeTrue(git("rev-parse", "--is-inside-work-tree").strip().equals("true"),
                "not a git checkout: the migration history cannot be read");
        commitOrder.addAll(git("log", "--reverse", "--topo-order", "--format=%H").lines().toList());
        for (Path file : files()) {
            // -m: a migration can first appear in a merge commit (V12 did), whose diff log leaves out otherwise
            String added = git("log", "-m", "--diff-filter=A", "--format=%H", "--", file.toString()).lines()
                    .reduce((newer, older) -> older).orElse("");
            if (!added.isEmpty()) {
                firstCommit.put(version(file), added);
            }
        }
    }

    @Test
    void aCommittedMigration_keepsTheTextItWasFirstCommittedWith() throws Exception {
        for (Path file : files()) {
            int version = version(file);
            String added = firstCommit.get(version);
            if (added == null) {
                continue; // new in this working tree
            }
            String now = Files.readString(file, StandardCharsets.UTF_8);
            String first = git("show", added + ":" + file.toString().replace('\\', '/'));
            if (KNOWN_EDITS.containsKey(version)) {
                String pinned = KNOWN_EDITS.get(version);
                if (!pinned.isEmpty()) {
                    assertThat(sha256(now)).as(file + " was edited once already; it must keep that text").isEqualTo(pinned);
                }
                continue;
            }
            assertThat(now).as(file + " is committed: add a new migration instead of editing it").isEqualTo(first);
        }
    }

    @Test
    void aNewMigration_isNumberedAboveEveryCommittedOne() throws Exception {
        int highestCommitted = firstCommit.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (Path file : files()) {
            int version = version(file);
            if (!firstCommit.containsKey(version)) {
                assertThat(version).as(file + " must be numbered after V" + highestCommitted).isGreaterThan(highestCommitted);
            }
        }
        for (var a : firstCommit.entrySet()) {
            for (var b : firstCommit.entrySet()) {
                if (a.getKey() < b.getKey() && !KNOWN_LATE.contains(a.getKey())) {
                    assertThat(commitOrder.indexOf(a.getValue())).as("V" + a.getKey() + " committed after V" + b.getKey())
                            .isLessThanOrEqualTo(commitOrder.indexOf(b.getValue()));
                }
            }
        }
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.getFileName().toString().matches("V\\d+__\\w+\\.sql")).sorted().toList();
        }
    }

    private static int version(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException noGit) {
            return "";
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return process.waitFor() == 0 ? out : "";
    }
}
