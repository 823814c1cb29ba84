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
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Public pages are rendered a few at a time; the others wait their turn, and a long wait ends in an answer. */
class RenderSlotsTest {

    static final int SLOTS = 2;
    final AtomicInteger rendering = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final AtomicInteger renders = new AtomicInteger();
    /** /en/held/... renders wait for this. */
    volatile CountDownLatch held = new CountDownLatch(0);
    final HttpClient http = HttpClient.newHttpClient();
    Server server;
    String base;
    PageCacheFilter filter;

    final class Pages extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int now = rendering.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                if (request.getRequestURI().startsWith("/en/held/")) {
                    held.await(10, TimeUnit.SECONDS);
                } else {
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                rendering.decrementAndGet();
            }
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write(request.getRequestURI() + " render " + renders.incrementAndGet());
        }
    }

    /** {@code slotWait}: how long a render waits for a slot before the reader gets an answer without it. */
    void start(Duration slotWait) throws Exception {
        // pages stay fresh for 300 ms, then are kept as the last good copy
        PageCache cache = new PageCache(1 << 20, Clock.systemUTC(), Duration.ofMillis(300));
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        filter = new PageCacheFilter(cache, SLOTS, slotWait);
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new Pages()), "/*");
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterEach
    void stop() throws Exception {
        held.countDown();
        if (server != null) {
            server.stop();
        }
    }

    CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void manyMissesAtOnce_areRenderedTwoAtATime_andEveryOneIsAnswered() throws Exception {
        start(PageCacheFilter.SLOT_WAIT);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            answers.add(get("/en/page-" + i));
        }
        for (int i = 0; i < answers.size(); i++) {
            HttpResponse<String> page = answers.get(i).get(10, TimeUnit.SECONDS);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).startsWith("/en/page-" + i + " render ");
        }
        assertThat(mostAtOnce.get()).isEqualTo(SLOTS);
    }

    @Test
    void pagesOutsideThePublicSite_doNotWaitForASlot() throws Exception {
        start(PageCacheFilter.SLOT_WAIT);
        held = new CountDownLatch(1);
        var first = get("/en/held/a");
        var second = get("/en/held/b");
        waitUntilRendering(SLOTS);
        assertThat(get("/admin/x").get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        held.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void whenEverySlotStaysTaken_theLastGoodCopyAnswers_elseA503ThatSaysWhenToComeBack() throws Exception {
        start(Duration.ofMillis(500));
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        filter.bindTo(meters);
        assertThat(get("/en/known").get(5, TimeUnit.SECONDS).body()).startsWith("/en/known render ");
        Thread.sleep(400); // no longer fresh: the next reader would have it rendered again

        held = new CountDownLatch(1);
        var first = get("/en/held/a");
        var second = get("/en/held/b");
        waitUntilRendering(SLOTS);

        HttpResponse<String> known = get("/en/known").get(5, TimeUnit.SECONDS);
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(known.headers().firstValue(PageCacheFilter.STATUS_HEADER)).hasValue("STALE");
        assertThat(known.headers().firstValue("Cache-Control")).hasValue(PageCacheFilter.STALE);
        assertThat(known.body()).startsWith("/en/known render ");

        HttpResponse<String> unknown = get("/en/never-rendered").get(5, TimeUnit.SECONDS);
        assertThat(unknown.statusCode()).isEqualTo(503);
        assertThat(unknown.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(unknown.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

        assertThat(meters.get("nightlight.renders.turned.away").functionCounter().count()).isEqualTo(2);
        assertThat(meters.get("nightlight.renders.max").gauge().value()).isEqualTo(SLOTS);

        held.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(second.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(get("/en/never-rendered").get(5, TimeUnit.SECONDS).statusCode()).as("slots free again")
                .isEqualTo(200);
    }

    void waitUntilRendering(int count) throws InterruptedException {
        for (int i = 0; i < 500 && rendering.get() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(rendering.get()).isEqualTo(count);
    }
}
