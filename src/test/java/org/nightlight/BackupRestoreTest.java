package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.db.BackupCommand;
import org.nightlight.testing.RunningApp;

/**
 * {@code backup --to FILE} and {@code restore --from FILE} for the embedded database: a dump taken while the
 * server runs, restored into a new data directory, serves the same content; a restore never overwrites a
 * running database, nor one with content unless told to (--replace).
 */
class BackupRestoreTest {

    private static final String TOPIC_PAGE = "/en/benign-neonatal-sleep-myoclonus/";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aBackupOfTheRunningDatabase_restoredIntoANewDataDirectory_servesTheSameContent() throws Exception {
        Path original = dir.resolve("original");
        Path copy = dir.resolve("copy");
        Path dump = dir.resolve("nightlight.dump");

        List<String> questions;
        try (RunningApp app = RunningApp.start(settings(original, true), App::loadDemoIfWanted)) {
            questions = app.page(TOPIC_PAGE).select("section.question h2").eachText();
            assertThat(command(original, "backup", "--to", dump.toString())).as(text(err)).isZero();
            assertThat(text(out)).contains(dump.toString());

            assertThat(command(original, "restore", "--from", dump.toString(), "--replace")).isEqualTo(1);
            assertThat(text(err)).contains("running");
        }
        assertThat(questions).hasSize(11);
        assertThat(new String(Files.readAllBytes(dump), 0, 5, StandardCharsets.US_ASCII)).as("pg_dump's custom format")
                .isEqualTo("PGDMP");

        assertThat(command(original, "restore", "--from", dump.toString())).isEqualTo(1);
        assertThat(text(err)).contains("--replace");

        assertThat(command(copy, "restore", "--from", dump.toString())).as(text(err)).isZero();
        try (RunningApp app = RunningApp.start(settings(copy, false))) {
            assertThat(app.page(TOPIC_PAGE).select("section.question h2").eachText()).isEqualTo(questions);
            assertThat(app.get("/health").statusCode()).isEqualTo(200);
        }

        // the original, replaced by its own backup, serves as before
        assertThat(command(original, "restore", "--from", dump.toString(), "--replace")).as(text(err)).isZero();
        try (RunningApp app = RunningApp.start(settings(original, false))) {
            assertThat(app.page(TOPIC_PAGE).select("section.question h2").eachText()).isEqualTo(questions);
        }
    }

    @Test
    void withAnExternalDatabase_theCommandsPointToPgDump() {
        assertThat(BackupCommand.run(new String[] {"backup", "--to", "x.dump"}, Optional.empty(), print(out),
                print(err))).isEqualTo(2);
        assertThat(text(err)).contains("pg_dump", "docs/operations.md");
    }

    @Test
    void badArguments_exit2WithTheUsage() {
        assertThat(BackupCommand.run(new String[] {"backup"}, Optional.of(dir), print(out), print(err))).isEqualTo(2);
        assertThat(BackupCommand.run(new String[] {"restore", "--from"}, Optional.of(dir), print(out), print(err)))
                .isEqualTo(2);
        assertThat(text(err)).contains("Usage: backup --to FILE", "Usage: restore --from FILE [--replace]");
    }

    private int command(Path dataDir, String... args) {
        out.reset();
        err.reset();
        return BackupCommand.run(args, Optional.of(dataDir), print(out), print(err));
    }

    private static Settings settings(Path dataDir, boolean demo) {
        return Settings.from(Map.of("NIGHTLIGHT_DATA_DIR", dataDir.toString(), "NIGHTLIGHT_PORT", "0",
                "NIGHTLIGHT_DEMO", Boolean.toString(demo), "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
