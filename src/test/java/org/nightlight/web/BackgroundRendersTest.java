package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When what surrounds every page's text changes, the cached copy keeps serving (in every encoding) while one
 * background render makes the new one; pages dropped by a content change are never served again.
 */
class BackgroundRendersTest {

    static final PageCache CACHE = new PageCache(1 << 20);
    static final AtomicInteger RENDERS = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    /** What every page shows around its text (as the language list or a reviewer's name). */
    static volatile String frame = "frame-1";
    /** Holds renders of /en/slow until released. */
    static volatile CountDownLatch gate = new CountDownLatch(0);
    static Server server;
    static String base;

    /** Each page: its path and the frame; /en/gone answers 404 once the frame is no longer the first. */
    static final class Pages extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            RENDERS.incrementAndGet();
            String path = request.getRequestURI();
            if (path.equals("/en/slow")) {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (path.equals("/en/gone") && !frame.equals("frame-1")) {
                response.setStatus(404);
            }
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write(("<p>" + path + " " + frame + "</p>\n").repeat(40));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addFilter(new FilterHolder(new PageCacheFilter(CACHE)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Pages()), "/*");
        server.setHandler(new CachedPages(CACHE, context));
        BackgroundRenders.attach(server, CACHE);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @BeforeEach
    void firstFrame() {
        frame = "frame-1";
        gate = new CountDownLatch(0);
        CACHE.invalidateAll();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String body(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }

    static String cacheStatus(HttpResponse<?> response) {
        return response.headers().firstValue(PageCacheFilter.STATUS_HEADER).orElse(null);
    }

    static void eventually(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("not within 10 s: " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void afterTheSharedPartsChange_theOldCopyServesInEveryEncoding_untilOneBackgroundRenderReplacesIt()
            throws Exception {
        String[] codings = {"identity", "gzip", "zstd"};
        String[] etags = new String[codings.length];
        for (int i = 0; i < codings.length; i++) {
            get("/en/slow", "Accept-Encoding", codings[i]);
            etags[i] = get("/en/slow", "Accept-Encoding", codings[i]).headers().firstValue("ETag").orElseThrow();
        }
        int before = RENDERS.get();
        gate = new CountDownLatch(1);
        frame = "frame-2";

        CACHE.sharedPartsChanged();

        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < codings.length; i++) {
                HttpResponse<byte[]> old = get("/en/slow", "Accept-Encoding", codings[i]);
                assertThat(cacheStatus(old)).as(codings[i]).isEqualTo("HIT");
                assertThat(old.headers().firstValue("ETag")).as(codings[i]).hasValue(etags[i]);
                assertThat(get("/en/slow", "Accept-Encoding", codings[i], "If-None-Match", etags[i]).statusCode())
                        .as("%s: 304 for the copy still served", codings[i]).isEqualTo(304);
            }
        }
        eventually("one render under way", () -> RENDERS.get() == before + 1);
        gate.countDown();
        eventually("the new copy serves", () -> body(get("/en/slow")).contains("frame-2"));
        HttpResponse<byte[]> renewed = get("/en/slow");
        assertThat(cacheStatus(renewed)).isEqualTo("HIT");
        assertThat(RENDERS.get()).as("one background render for 30 visitors, none of them waited").isEqualTo(before + 1);
        for (int i = 0; i < codings.length; i++) {
            HttpResponse<byte[]> r = get("/en/slow", "Accept-Encoding", codings[i], "If-None-Match", etags[i]);
            assertThat(r.statusCode()).as("%s: the old ETag no longer matches", codings[i]).isEqualTo(200);
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).isNotEqualTo(etags[i]);
            assertThat(get("/en/slow", "Accept-Encoding", codings[i], "If-None-Match", etag).statusCode())
                    .as("%s: 304 for the new copy", codings[i]).isEqualTo(304);
        }
    }

    @Test
    void aPageDroppedByAContentChange_whileOutdated_isNeverServedAgain() throws Exception {
        get("/en/dropped");
        gate = new CountDownLatch(1);
        CACHE.sharedPartsChanged();
        frame = "frame-2";

        CACHE.invalidateAll();

        HttpResponse<byte[]> next = get("/en/dropped");
        assertThat(cacheStatus(next)).isEqualTo("MISS");
        assertThat(body(next)).contains("frame-2").doesNotContain("frame-1");
    }

    @Test
    void anOutdatedPage_thatNoLongerRenders_isDropped() throws Exception {
        get("/en/gone");
        frame = "frame-2";

        CACHE.sharedPartsChanged();

        assertThat(cacheStatus(get("/en/gone"))).as("the old copy until the render is done").isEqualTo("HIT");
        eventually("the page is gone", () -> get("/en/gone").statusCode() == 404);
    }

    @Test
    void theBackgroundRendersMark_fromOutside_isIgnored() throws Exception {
        get("/en/marked");
        int before = RENDERS.get();

        HttpResponse<byte[]> marked = get("/en/marked", BackgroundRenders.HEADER, "1");

        assertThat(cacheStatus(marked)).isEqualTo("HIT");
        assertThat(RENDERS.get()).isEqualTo(before);
    }
}
