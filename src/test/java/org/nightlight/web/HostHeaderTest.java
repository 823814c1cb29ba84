package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.testing.RawHttp;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Without NIGHTLIGHT_PUBLIC_URL, absolute addresses come from the request's Host: only hosts of the allow-list
 * are served, and the page cache keeps each origin's copy apart, so one request with a forged Host cannot put
 * its origin in what everyone else is served.
 */
class HostHeaderTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static RawHttp.Response get(String host, String path) throws Exception {
        return RawHttp.send("127.0.0.1", app.app().port(), "GET", path, Map.of("Host", host, "Accept-Language", "fr"),
                new byte[0]);
    }

    @Test
    void aForgedHost_isRefused_andNeverReachesWhatOthersAreServed() throws Exception {
        int port = app.app().port();
        for (String path : new String[] {"/en/", "/sitemap.xml", "/robots.txt"}) {
            RawHttp.Response evil = get("evil.example:" + port, path);
            assertThat(evil.status()).as(path).isEqualTo(421);
            assertThat(evil.body()).as(path).doesNotContain("evil.example").contains("<main id=\"main\">");

            RawHttp.Response normal = get("127.0.0.1:" + port, path);
            assertThat(normal.status()).as(path).isEqualTo(200);
            assertThat(normal.body()).as(path).doesNotContain("evil.example");
        }
    }

    @Test
    void eachAllowedHost_getsItsOwnOrigin_fromTheCache() throws Exception {
        int port = app.app().port();
        for (int i = 0; i < 2; i++) { // the second round comes from the cache
            for (String path : new String[] {"/en/", "/robots.txt"}) {
                assertThat(get("localhost:" + port, path).body()).as(path).contains("http://localhost:" + port + "/")
                        .doesNotContain("http://127.0.0.1");
                assertThat(get("127.0.0.1:" + port, path).body()).as(path).contains("http://127.0.0.1:" + port + "/")
                        .doesNotContain("http://localhost");
            }
        }
    }
}
