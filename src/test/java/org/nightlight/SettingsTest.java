package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final String DB_URL = "jdbc:postgresql://db.example.org:5432/nightlight";

    @Test
    void noVariables_giveTheDocumentedDefaults() {
        Settings settings = Settings.from(Map.of());

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.bind()).isEqualTo("127.0.0.1");
        assertThat(settings.dbUrl()).isEmpty();
        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.dbUser()).isEqualTo("nightlight");
        assertThat(settings.dbPassword()).isEmpty();
        assertThat(settings.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".nightlight"));
        assertThat(settings.demo()).isTrue();
        assertThat(settings.demoPassword()).isEmpty();
        assertThat(settings.dbMigrationUser()).isEmpty();
    }

    @Test
    void rendersAtOnce_areTwoPerCore_unlessSet() {
        assertThat(Settings.from(Map.of()).rendersAtOnce())
                .isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(Settings.from(Map.of("NIGHTLIGHT_RENDERS_AT_ONCE", "12")).rendersAtOnce()).isEqualTo(12);
        assertRefused("NIGHTLIGHT_RENDERS_AT_ONCE", "0");
        assertRefused("NIGHTLIGHT_RENDERS_AT_ONCE", "many");
    }

    @Test
    void secrets_mayComeFromFiles(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path server = java.nio.file.Files.writeString(dir.resolve("server"), "s3cret with spaces\n");
        Path owner = java.nio.file.Files.writeString(dir.resolve("owner"), "owner-secret");
        Settings settings = Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL,
                "NIGHTLIGHT_DB_PASSWORD_FILE", server.toString(), "NIGHTLIGHT_DB_MIGRATION_PASSWORD_FILE", owner.toString()));

        assertThat(settings.dbPassword()).isEqualTo("s3cret with spaces");
        assertThat(settings.dbMigrationPassword()).isEqualTo("owner-secret");
        assertRefused("NIGHTLIGHT_DB_PASSWORD_FILE", dir.resolve("missing").toString());
    }

    @Test
    void migrationUser_namesTheSchemasOwner_besideTheServersRole() {
        Settings settings = Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL, "NIGHTLIGHT_DB_USER", "nightlight",
                "NIGHTLIGHT_DB_MIGRATION_USER", "nightlight_owner", "NIGHTLIGHT_DB_MIGRATION_PASSWORD", "owner"));

        assertThat(settings.dbUser()).isEqualTo("nightlight");
        assertThat(settings.dbMigrationUser()).contains("nightlight_owner");
        assertThat(settings.dbMigrationPassword()).isEqualTo("owner");
    }

    @Test
    void databaseUrl_turnsTheEmbeddedDatabaseAndDemoOff() {
        Settings settings = Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL, "NIGHTLIGHT_DB_USER", "portal",
                "NIGHTLIGHT_DB_PASSWORD", "s3cret"));

        assertThat(settings.embeddedDatabase()).isFalse();
        assertThat(settings.dbUrl()).contains(DB_URL);
        assertThat(settings.dbUser()).isEqualTo("portal");
        assertThat(settings.dbPassword()).isEqualTo("s3cret");
        assertThat(settings.demo()).isFalse();
    }

    @Test
    void demoTrue_withADatabaseUrl_turnsDemoOn() {
        assertThat(Settings.from(Map.of("NIGHTLIGHT_DB_URL", DB_URL, "NIGHTLIGHT_DEMO", "true")).demo()).isTrue();
        assertThat(Settings.from(Map.of("NIGHTLIGHT_DEMO", "false")).demo()).isFalse();
    }

    @Test
    void explicitValues_areUsed() {
        Settings settings = Settings.from(Map.of("NIGHTLIGHT_PORT", "9090", "NIGHTLIGHT_BIND", "0.0.0.0",
                "NIGHTLIGHT_DATA_DIR", "/srv/nightlight", "NIGHTLIGHT_DEMO_PASSWORD", "correct horse"));

        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.bind()).isEqualTo("0.0.0.0");
        assertThat(settings.dataDir()).isEqualTo(Path.of("/srv/nightlight"));
        assertThat(settings.demoPassword()).contains("correct horse");
    }

    @Test
    void blankValues_countAsUnset() {
        Settings settings = Settings.from(Map.of("NIGHTLIGHT_PORT", " ", "NIGHTLIGHT_DB_URL", ""));

        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.embeddedDatabase()).isTrue();
    }

    @Test
    void portThatIsNotANumber_isRefusedNamingTheVariable() {
        assertRefused("NIGHTLIGHT_PORT", "abc");
    }

    @Test
    void portOutOfRange_isRefusedNamingTheVariable() {
        assertRefused("NIGHTLIGHT_PORT", "70000");
        assertRefused("NIGHTLIGHT_PORT", "-1");
    }

    @Test
    void malformedDatabaseUrl_isRefusedNamingTheVariable() {
        assertRefused("NIGHTLIGHT_DB_URL", "postgres://x");
        assertRefused("NIGHTLIGHT_DB_URL", "jdbc:mysql://localhost/nightlight");
    }

    @Test
    void demoThatIsNotTrueOrFalse_isRefusedNamingTheVariable() {
        assertRefused("NIGHTLIGHT_DEMO", "maybe");
    }

    @Test
    void unusableBindAddress_isRefusedNamingTheVariable() {
        assertRefused("NIGHTLIGHT_BIND", "not an address");
    }

    @Test
    void mail_withoutAHost_goesToTheOutbox_withAHost_isSentAsConfigured_andBadValuesAreRefused() {
        var outbox = Settings.from(Map.of()).mail();
        assertThat(outbox.host()).isEmpty();
        assertThat(outbox.port()).isEqualTo(25);
        assertThat(outbox.tls()).isEqualTo(org.nightlight.notify.MailSettings.Tls.NONE);
        assertThat(outbox.from()).isEqualTo("nightlight@localhost");

        var smtp = Settings.from(Map.of("NIGHTLIGHT_SMTP_HOST", "mail.example.org", "NIGHTLIGHT_SMTP_PORT", "587",
                "NIGHTLIGHT_SMTP_USER", "nightlight", "NIGHTLIGHT_SMTP_PASSWORD", "s3cret-mail",
                "NIGHTLIGHT_SMTP_TLS", "starttls", "NIGHTLIGHT_MAIL_FROM", "notify@example.org")).mail();
        assertThat(smtp.host()).contains("mail.example.org");
        assertThat(smtp.port()).isEqualTo(587);
        assertThat(smtp.user()).contains("nightlight");
        assertThat(smtp.password()).isEqualTo("s3cret-mail");
        assertThat(smtp.tls()).isEqualTo(org.nightlight.notify.MailSettings.Tls.STARTTLS);
        assertThat(smtp.from()).isEqualTo("notify@example.org");
        assertThat(smtp.toString()).doesNotContain("s3cret-mail");

        assertRefused("NIGHTLIGHT_SMTP_TLS", "ssl");
        assertRefused("NIGHTLIGHT_SMTP_PORT", "70000");
        assertRefused("NIGHTLIGHT_MAIL_FROM", "Nightlight <notify@example.org>");
    }

    private static void assertRefused(String name, String value) {
        assertThatThrownBy(() -> Settings.from(Map.of(name, value)))
                .as(name + "=" + value)
                .isInstanceOf(Settings.InvalidSetting.class)
                .hasMessageStartingWith(name + "=" + value + " is not valid: expected");
    }
}
