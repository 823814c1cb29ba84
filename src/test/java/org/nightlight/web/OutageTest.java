package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.Settings;
import org.nightlight.App;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.MutableClock;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.StoppablePostgres;

/**
 * PostgreSQL stops under the server (a PostgreSQL this test starts and stops itself): pages already rendered
 * keep being served from the cache, everything else answers 503 with Retry-After within about a second,
 * never a 500 after a long wait, and all recovers by itself when PostgreSQL is back.
 */
class OutageTest {

    @TempDir
    Path dataDir;

    private static final String PAGE = "/en/benign-neonatal-sleep-myoclonus/what-is-baby-sleep-myoclonus";
    private static final String OTHER = "/en/benign-neonatal-sleep-myoclonus/is-sleep-myoclonus-a-seizure";

    @Test
    void whilePostgresIsDown_cachedPagesServe_theRestAnswers503Quickly_andItRecovers() throws Exception {
        StoppablePostgres postgres = new StoppablePostgres(dataDir.resolve("pg"));
        Settings settings = postgres.demoSettings();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (RunningApp app = RunningApp.start(settings, App::loadDemoIfWanted)) {
            assertThat(get(http, app, PAGE).statusCode()).isEqualTo(200); // now in the cache

            postgres.stop();

            assertThat(get(http, app, PAGE).statusCode()).as("a cached page").isEqualTo(200);
            for (String path : new String[] {OTHER, "/en/search?q=jerks", "/en/no-such-page", "/health"}) {
                long started = System.nanoTime();
                HttpResponse<String> down = get(http, app, path);
                long ms = (System.nanoTime() - started) / 1_000_000;
                assertThat(down.statusCode()).as(path).isEqualTo(503);
                assertThat(ms).as(path + " answered in ms").isLessThan(2_500);
                if (!path.equals("/health")) {
                    assertThat(down.headers().firstValue("Retry-After")).as(path).isPresent();
                    assertThat(down.body()).as(path).doesNotContain("Exception").contains("try again");
                }
            }

            postgres.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                Thread.sleep(500);
                status = get(http, app, OTHER).statusCode();
            }
            assertThat(status).as("recovered by itself").isEqualTo(200);
            assertThat(get(http, app, "/health").statusCode()).isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    @Test
    void whilePostgresIsDown_aPagePastItsFreshness_servesItsLastGoodCopy_butNeverOneAChangeDropped() throws Exception {
        StoppablePostgres postgres = new StoppablePostgres(dataDir.resolve("pg"));
        MutableClock clock = new MutableClock(Instant.now());
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (RunningApp app = RunningApp.start(postgres.demoSettings(), clock, App::loadDemoIfWanted)) {
            Editorial editorial = new Editorial(app.app());
            assertThat(get(http, app, OTHER).statusCode()).isEqualTo(200); // cached, then taken off the site:
            app.app().services().workflow().unpublish(editorial.person("editor"),
                    editorial.questionId("Is sleep myoclonus a seizure?"), "en", "outage test");
            // the unpublication's NOTIFY empties the cache once more when it arrives
            long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!get(http, app, PAGE).headers().firstValue("X-Nightlight-Cache").orElse("").equals("HIT")) {
                assertThat(System.nanoTime()).as("the page is cached").isLessThan(until);
                Thread.sleep(100);
            }

            clock.advance(PageCache.FRESH_FOR.plusMinutes(5));
            postgres.stop();

            HttpResponse<String> stale = get(http, app, PAGE);
            assertThat(stale.statusCode()).as("the last good copy").isEqualTo(200);
            assertThat(stale.body()).contains("<html");
            assertThat(stale.headers().firstValue("X-Nightlight-Cache")).hasValue("STALE");
            assertThat(stale.headers().firstValue("Cache-Control")).hasValue(PageCacheFilter.STALE);
            assertThat(stale.headers().firstValue("Retry-After")).isEmpty();
            assertThat(stale.headers().firstValue("Content-Security-Policy")).isPresent();
            long started = System.nanoTime();
            assertThat(get(http, app, PAGE).statusCode()).as("served again at once").isEqualTo(200);
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(500);
            assertThat(get(http, app, OTHER).statusCode()).as("a page unpublished before the outage").isEqualTo(503);
        } finally {
            postgres.close();
        }
    }

    private static HttpResponse<String> get(HttpClient http, RunningApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.base() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
