package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.App;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.StoppablePostgres;

/**
 * Eight clients keep asking for pages, searches, the 404 page, the health check and the admin while the
 * test stops its own PostgreSQL and starts it again: never a 500, a cached page always served, every other
 * answer a 503 quickly once the outage is known, and everything back to normal by itself.
 */
class OutageUnderLoadTest {

    private static final String CACHED = "/en/benign-neonatal-sleep-myoclonus/";
    private static final List<String> PATHS = List.of(CACHED, "/es/",
            "/en/search?q=sleep", "/fr/search?q=sommeil", "/en/no-such-page", "/health", "/admin/login");

    @TempDir
    Path dataDir;

    /** One answer while PostgreSQL was down. */
    record Answer(String path, int status, long millis) {
    }

    @Test
    void underLoad_anOutageIsNever500_cachedPagesServe_theRestFailsFast_andItRecovers() throws Exception {
        try (StoppablePostgres postgres = new StoppablePostgres(dataDir.resolve("pg"));
                RunningApp app = RunningApp.start(postgres.demoSettings(), App::loadDemoIfWanted)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            assertThat(get(http, app, CACHED).statusCode()).isEqualTo(200);

            AtomicBoolean down = new AtomicBoolean();
            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Answer> whileDown = new ConcurrentLinkedQueue<>();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            for (int c = 0; c < 8; c++) {
                int client = c;
                clients.submit(() -> {
                    for (int i = client; running.get(); i++) {
                        String path = PATHS.get(i % PATHS.size());
                        boolean wasDown = down.get();
                        long started = System.nanoTime();
                        int status;
                        try {
                            status = get(http, app, path).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        long ms = (System.nanoTime() - started) / 1_000_000;
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                        if (wasDown && down.get()) {
                            whileDown.add(new Answer(path, status, ms));
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(1_000);
            down.set(true);
            postgres.stop();
            Thread.sleep(4_000);
            postgres.start();
            down.set(false);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && get(http, app, "/fr/search?q=sommeil").statusCode() != 200) {
                Thread.sleep(200);
            }
            Thread.sleep(1_000);
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

            assertThat(statuses.keySet()).as("every status seen: %s", statuses)
                    .doesNotContain(500, 502, 504, -1);
            assertThat(whileDown).as("answers while down").hasSizeGreaterThan(50);
            assertThat(whileDown).filteredOn(a -> a.path().equals(CACHED)).allMatch(a -> a.status() == 200);
            assertThat(whileDown).filteredOn(a -> !a.path().equals(CACHED) && !a.path().equals("/admin/login"))
                    .allMatch(a -> a.status() == 503 || a.status() == 200 || a.status() == 404);
            List<Answer> slow = whileDown.stream().filter(a -> a.millis() > 1_500).toList();
            assertThat(slow).as("answers slower than 1.5 s while down").hasSizeLessThanOrEqualTo(8);
            // after a restart the cache is emptied (notices may have been missed) and a pooled connection may still
            // be a dead one: a page may answer one more quick 503 with Retry-After, then it must be back
            for (String path : PATHS) {
                int expected = path.equals("/en/no-such-page") ? 404 : 200;
                long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                int status = get(http, app, path).statusCode();
                while (status == 503 && System.nanoTime() < until) {
                    Thread.sleep(200);
                    status = get(http, app, path).statusCode();
                }
                assertThat(status).as("after recovery: " + path).isEqualTo(expected);
            }
        }
    }

    private static HttpResponse<String> get(HttpClient http, RunningApp app, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(app.base() + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
