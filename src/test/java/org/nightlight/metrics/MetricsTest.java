package org.nightlight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.RawHttp;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * /metrics in Prometheus' text format: requests by a bounded route and status, their latency, page cache
 * hits and misses, the pool and the JVM; readable only from NIGHTLIGHT_METRICS_FROM (loopback by default),
 * anyone else gets the plain 404 of an unknown page.
 */
class MetricsTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_TRUSTED_PROXIES", "127.0.0.3")),
                App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aScrape_showsRequestsByRouteAndStatus_cacheHitsAndMisses_thePoolAndTheJvm() throws Exception {
        assertThat(app.get("/en/").statusCode()).isEqualTo(200);
        assertThat(app.get("/en/").statusCode()).isEqualTo(200);
        assertThat(app.get("/en/no-such-topic/no-such-question").statusCode()).isEqualTo(404);
        assertThat(app.get("/health").statusCode()).isEqualTo(200);

        // a request is recorded as its answer completes, which the client may see a moment earlier
        HttpResponse<String> scrape = app.get("/metrics");
        for (int i = 0; i < 20 && !scrape.body().contains("route=\"health\""); i++) {
            Thread.sleep(100);
            scrape = app.get("/metrics");
        }

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(scrape.headers().firstValue("Cache-Control")).hasValue("no-store");
        String body = scrape.body();
        assertThat(series(body, "http_server_requests_seconds_count"))
                .anyMatch(s -> s.contains("route=\"home\"") && s.contains("status=\"200\"") && s.contains("outcome=\"SUCCESS\""))
                .anyMatch(s -> s.contains("route=\"question\"") && s.contains("status=\"404\"")
                        && s.contains("outcome=\"CLIENT_ERROR\""))
                .anyMatch(s -> s.contains("route=\"health\"") && s.contains("status=\"200\""));
        assertThat(series(body, "http_server_requests_seconds_bucket")).as("a latency histogram")
                .anyMatch(s -> s.contains("route=\"home\"") && s.contains("le=\"0.1\""));
        assertThat(count(body, "nightlight_page_cache_requests_total{result=\"hit\"}")).isGreaterThanOrEqualTo(1);
        assertThat(count(body, "nightlight_page_cache_requests_total{result=\"miss\"}")).isGreaterThanOrEqualTo(1);
        assertThat(count(body, "nightlight_renders_max")).isEqualTo(2.0 * Runtime.getRuntime().availableProcessors());
        assertThat(body).contains("nightlight_renders_waiting ", "nightlight_renders_turned_away_total ");
        assertThat(body).contains("hikaricp_connections_active{", "jvm_memory_used_bytes{", "jvm_gc_",
                "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds");
        // never kept by the page cache
        assertThat(scrape.headers().firstValue("X-Nightlight-Cache")).isEmpty();
    }

    @Test
    void aScrape_showsWhatThePageCacheHolds_itsBound_evictionsAndWhatDroppedPages() throws Exception {
        assertThat(app.get("/en/").statusCode()).isEqualTo(200);

        String body = app.get("/metrics").body();
        for (int i = 0; i < 50 && count(body, "nightlight_page_cache_dropped_all_total") == 0; i++) {
            Thread.sleep(100); // the listener connects on its own thread
            body = app.get("/metrics").body();
        }

        assertThat(count(body, "cache_size{cache=\"pages\"}")).isGreaterThanOrEqualTo(1);
        assertThat(count(body, "nightlight_page_cache_bytes")).isPositive();
        assertThat(count(body, "nightlight_page_cache_max_bytes")).isGreaterThanOrEqualTo(64 * 1024 * 1024);
        assertThat(body).contains("cache_evictions_total{cache=\"pages\"}", "cache_eviction_weight_total{",
                "nightlight_page_cache_refused_total ");
        // the change listener drops everything once when it starts listening
        assertThat(count(body, "nightlight_page_cache_dropped_all_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void fromAnAddressOutsideTheSetting_metricsAreAnUnknownPage() throws Exception {
        RawHttp.Response unknown = RawHttp.send("127.0.0.1", app.app().port(), "GET", "/no-such-page", Map.of(), new byte[0]);
        RawHttp.Response fromLoopback = RawHttp.send("127.0.0.2", app.app().port(), "GET", "/metrics", Map.of(), new byte[0]);
        assertThat(fromLoopback.status()).as("127.0.0.0/8 by default").isEqualTo(200);

        // a trusted proxy forwards a reader from outside: the reader's address counts, not the proxy's
        RawHttp.Response forwarded = RawHttp.send("127.0.0.3", app.app().port(), "GET", "/metrics",
                Map.of("X-Forwarded-For", "203.0.113.7"), new byte[0]);
        assertThat(forwarded.status()).isEqualTo(404);
        assertThat(forwarded.body()).doesNotContain("jvm_").isEqualTo(unknown.body().replace(
                unknown.header("X-Request-Id"), forwarded.header("X-Request-Id")));

        // a proxy on this machine that is not declared trusted: what it forwards is a reader from outside
        for (String header : new String[] {"X-Forwarded-For", "Forwarded"}) {
            RawHttp.Response proxied = RawHttp.send("127.0.0.1", app.app().port(), "GET", "/metrics",
                    Map.of(header, header.equals("Forwarded") ? "for=203.0.113.7" : "203.0.113.7"), new byte[0]);
            assertThat(proxied.status()).as(header).isEqualTo(404);
        }

        try (RunningApp narrow = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_METRICS_FROM", "10.0.0.0/8, 192.0.2.1")))) {
            RawHttp.Response refused = RawHttp.send("127.0.0.1", narrow.app().port(), "GET", "/metrics", Map.of(),
                    new byte[0]);
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.header("Content-Type")).startsWith("text/html");
            assertThat(refused.body()).doesNotContain("jvm_");
        }
    }

    @Test
    void tenThousandRandomPaths_doNotMakeTenThousandSeries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> sent = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                sent.add(pool.submit(() -> {
                    int notFound = 0;
                    for (int i = 0; i < 2_500; i++) {
                        String random = UUID.randomUUID().toString();
                        // a page that is not there costs a database query and a template: most are cheaper ones
                        String path = switch (i % 20) {
                            case 0 -> "/" + random;
                            case 1 -> "/en/" + random + "/" + random;
                            case 2, 3, 4, 5, 6, 7, 8, 9, 10 -> "/admin/" + random;
                            default -> "/static/" + random + ".css";
                        };
                        notFound += app.get(path).statusCode() >= 400 ? 1 : 0;
                    }
                    return notFound;
                }));
            }
            int answered = 0;
            for (Future<Integer> f : sent) {
                answered += f.get();
            }
            assertThat(answered).isGreaterThan(9_000);
        } finally {
            pool.shutdownNow();
        }
        String body = app.get("/metrics").body();
        assertThat(series(body, "http_server_requests_seconds_count")).hasSizeLessThan(40);
        assertThat(body.lines().count()).isLessThan(2_000);
        assertThat(series(body, "http_server_requests_seconds_count")).allSatisfy(s ->
                assertThat(s).containsPattern("route=\"(home|language|topic|question|feedback|search|sitemap|static"
                        + "|admin|health|metrics|other)\""));
    }

    private static List<String> series(String body, String name) {
        return body.lines().filter(l -> l.startsWith(name + "{")).toList();
    }

    private static double count(String body, String series) {
        return body.lines().filter(l -> l.startsWith(series + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(series.length() + 1).strip())).findFirst().orElse(0);
    }
}
