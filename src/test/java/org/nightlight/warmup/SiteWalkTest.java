package org.nightlight.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** The warm-up's walk of the site: it asks for every page and reports what broke. */
class SiteWalkTest {

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
}
