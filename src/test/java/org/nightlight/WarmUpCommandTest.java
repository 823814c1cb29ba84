package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the warm-up's recording server runs with and on (the walk itself: warmup.SiteWalkTest). */
class WarmUpCommandTest {

    @Test
    void theRecordingServer_neverUsesTheOperatorsDatabaseAddressOrMailServer() {
        Map<String, String> chosen = WarmUpCommand.environment(Map.of(
                "NIGHTLIGHT_DB_URL", "jdbc:postgresql://db.example.org:5432/nightlight",
                "NIGHTLIGHT_DB_USER", "operator", "NIGHTLIGHT_DB_PASSWORD", "secret",
                "NIGHTLIGHT_DB_MIGRATION_USER", "owner", "NIGHTLIGHT_SMTP_HOST", "mail.example.org",
                "NIGHTLIGHT_PUBLIC_URL", "https://nightlight.example.org", "NIGHTLIGHT_BIND", "0.0.0.0",
                "NIGHTLIGHT_PORT", "8080", "NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_LOG_FORMAT", "json"),
                54321, "server-password", "owner-password", 18000);

        Settings settings = Settings.from(chosen);

        assertThat(settings.dbUrl()).contains("jdbc:postgresql://127.0.0.1:54321/postgres");
        assertThat(settings.dbUser()).isEqualTo("nightlight");
        assertThat(settings.dbPassword()).isEqualTo("server-password");
        assertThat(settings.dbMigrationUser()).contains("postgres");
        assertThat(settings.demo()).isFalse(); // a restart, as in production: no demo loading, no migration
        assertThat(settings.port()).isEqualTo(18000);
        assertThat(settings.bind()).isEqualTo("127.0.0.1");
        assertThat(settings.publicUrl()).isEmpty();
        assertThat(settings.mail().host()).isEmpty();
        assertThat(chosen).containsEntry("NIGHTLIGHT_LOG_FORMAT", "json");
    }

    @Test
    void theRecordingJvm_writesTheCacheThisJdkReads() {
        assertThat(WarmUpCommand.recordingFlag(25)).isEqualTo("-XX:AOTCacheOutput=");
        assertThat(WarmUpCommand.usingFlag(25)).isEqualTo("-XX:AOTCache=");
        assertThat(WarmUpCommand.recordingFlag(17)).isEqualTo("-XX:ArchiveClassesAtExit=");
        assertThat(WarmUpCommand.usingFlag(17)).isEqualTo("-XX:SharedArchiveFile=");
        Path jar = Path.of("/opt/nightlight/nightlight.jar");
        assertThat(WarmUpCommand.command(jar, Path.of("/opt/nightlight/nightlight.aot")))
                .endsWith(WarmUpCommand.recordingFlag(Runtime.version().feature()) + "/opt/nightlight/nightlight.aot",
                        "-jar", jar.toString())
                .noneMatch(option -> option.startsWith("-agentlib"));
    }

    @Test
    void aFileItCannotWrite_orNoFile_isRefusedBeforeAnythingStarts() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();

        int missingDirectory = WarmUpCommand.run(java.util.List.of("/no/such/directory/nightlight.aot"), Map.of(),
                new java.io.PrintStream(out), new java.io.PrintStream(err));
        int noFile = WarmUpCommand.run(java.util.List.of(), Map.of(), new java.io.PrintStream(out),
                new java.io.PrintStream(err));

        assertThat(missingDirectory).isEqualTo(2);
        assertThat(noFile).isEqualTo(2);
        assertThat(err.toString()).contains("/no/such/directory is not a directory it may write to")
                .contains("Use: warm-up FILE");
        assertThat(out.toString()).isEmpty();
    }
}
