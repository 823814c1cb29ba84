package org.nightlight.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.Settings;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** The training walk of the ahead-of-time cache: it asks for the whole site and reports what broke. */
class WarmUpTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    @Test
    void aWalk_asksForEveryPageTheSitemapNames_andFindsNoServerError() throws Exception {
        try (RunningApp app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true",
                "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234")), App::loadDemoIfWanted)) {
            String index = app.get("/sitemap.xml").body();
            int named = 0;
            for (String file : SiteWalk.locations(index)) {
                named += SiteWalk.locations(app.get(java.net.URI.create(file).getRawPath() + "?"
                        + java.net.URI.create(file).getRawQuery()).body()).size();
            }

            SiteWalk.Outcome outcome = new SiteWalk(app.base()).walk(1);

            assertThat(named).isGreaterThan(40); // the demo: home, topics and questions in four languages
            assertThat(outcome.pages()).isEqualTo(named);
            assertThat(outcome.failures()).isEmpty();
            // every page, search, static file and error page in three encodings, plus the sitemap's files
            assertThat(outcome.requests()).isGreaterThan(named * 3);
        }
    }

    @Test
    void aServerErrorOrAnEmptySitemap_failsTheWalk() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        var sitemapNamesPages = new java.util.concurrent.atomic.AtomicBoolean(true);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = path.equals("/sitemap.xml") && sitemapNamesPages.get() ? "<sitemapindex><sitemap><loc>" + origin
                    + "/sitemap.xml?part=1</loc></sitemap></sitemapindex>" : "";
            if (path.equals("/sitemap.xml") && "part=1".equals(exchange.getRequestURI().getQuery())) {
                body = "<urlset><url><loc>" + origin + "/en/broken</loc></url></urlset>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.equals("/en/broken") ? 500 : 200, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            assertThat(new SiteWalk(origin).walk(1).failures()).isNotEmpty().containsOnly("/en/broken answered 500");
            sitemapNamesPages.set(false);
            assertThat(new SiteWalk(origin).walk(1).failures()).containsExactly("/sitemap.xml named no pages");
        } finally {
            server.stop(0);
        }
    }

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
}
