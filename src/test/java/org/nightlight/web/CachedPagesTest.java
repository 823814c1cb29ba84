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
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The front handler answers cached pages without reaching the servlet context behind it. */
class CachedPagesTest {

    static final PageCache CACHE = new PageCache(1 << 20);
    static final AtomicInteger REACHED_CONTEXT = new AtomicInteger();
    /** Holds back the servlet's answer to /en/slow until released. */
    static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Server server;
    static String base;

    static final class Pages extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            if (request.getRequestURI().equals("/en/slow")) {
                try {
                    RELEASE.await(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write(("<p>" + request.getRequestURI() + "</p>\n").repeat(50));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        // one selector: were a miss run on the thread that reads requests, a blocked one would stall every other
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.addFilter(new FilterHolder(new PageCacheFilter(CACHE)), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Pages()), "/*");
        Handler counting = new Handler.Wrapper(context) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                REACHED_CONTEXT.incrementAndGet();
                return super.handle(request, response, callback);
            }
        };
        server.setHandler(new CachedPages(CACHE, counting));
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aStoredPage_inEveryEncoding_isServedWithoutTheServletStack() throws Exception {
        get("/en/front");
        int before = REACHED_CONTEXT.get();
        for (String coding : new String[] {"identity", "gzip", "zstd", "gzip;q=0.5, zstd;q=0.9"}) {
            HttpResponse<byte[]> hit = get("/en/front", "Accept-Encoding", coding);
            assertThat(hit.statusCode()).isEqualTo(200);
            assertThat(hit.headers().firstValue(PageCacheFilter.STATUS_HEADER)).hasValue("HIT");
            String etag = hit.headers().firstValue("ETag").orElseThrow();
            assertThat(get("/en/front", "Accept-Encoding", coding, "If-None-Match", etag).statusCode()).isEqualTo(304);
        }
        assertThat(REACHED_CONTEXT.get()).isEqualTo(before);
        get("/admin/front");
        get("/en/front?page=other");
        assertThat(REACHED_CONTEXT.get()).as("misses and other paths go on").isEqualTo(before + 2);
    }

    @Test
    void anEncodingMadeForAHit_isCountedAgainstTheBound_once() throws Exception {
        get("/en/weighed");
        long identityOnly = CACHE.weighedBytes();

        HttpResponse<byte[]> gzip = get("/en/weighed", "Accept-Encoding", "gzip");
        long withGzip = CACHE.weighedBytes();
        get("/en/weighed", "Accept-Encoding", "gzip");

        assertThat(gzip.headers().firstValue(PageCacheFilter.STATUS_HEADER)).hasValue("HIT");
        assertThat(withGzip - identityOnly).as("the gzip body and its headers")
                .isBetween((long) gzip.body().length, gzip.body().length + 1024L);
        assertThat(CACHE.weighedBytes()).as("weighed once").isEqualTo(withGzip);
    }

    @Test
    void hitsAreAnsweredWhereTheRequestWasRead_theRestOnThePool() throws Exception {
        assertThat(server.getInvocationType()).as("Jetty hands nothing to another thread before the lookup")
                .isEqualTo(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
        get("/en/front");
        var slow = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(base + "/en/slow")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        Thread.sleep(300); // the slow miss is now blocked in the servlet
        long started = System.nanoTime();
        HttpResponse<byte[]> hit = get("/en/front");
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(slow).as("the slow miss is still held").isNotDone();
        assertThat(hit.headers().firstValue(PageCacheFilter.STATUS_HEADER)).hasValue("HIT");
        assertThat(tookMillis).as("a hit is not stuck behind a miss that blocks (it runs on the pool)")
                .isLessThan(3_000);
        RELEASE.countDown();
        assertThat(slow.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> miss = get("/en/pool?page=" + System.nanoTime());
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(new String(miss.body())).contains("/en/pool");
        HttpResponse<byte[]> posted = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/en/pool"))
                .POST(HttpRequest.BodyPublishers.ofString("x=" + "y".repeat(100_000))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(posted.statusCode()).as("a body is read on the pool (the servlet has no doPost)").isEqualTo(405);
    }

    @Test
    void aPagePastItsFreshness_isStale_notDropped() throws Exception {
        PageCache shortLived = new PageCache(1 << 20, java.time.Clock.systemUTC(), java.time.Duration.ZERO);
        PageCache.Page page = new PageCache.Page(PageVariants.of("x".getBytes(), "\"x\"", "text/plain",
                java.util.List.of(), java.util.List.of(), PageCacheFilter.PUBLIC));
        String key = shortLived.put(new PageCache.PageRequest("http", "localhost", 80, "/en/k", java.util.List.of(),
                java.util.List.of()), page, java.util.Set.of(), shortLived.beforeRender());
        assertThat(shortLived.fresh(shortLived.lookup(key))).isFalse();
        assertThat(shortLived.lookup(key).page()).isSameAs(page);
    }
}
