package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.Cookie;
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
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page cache filter in front of a servlet that counts how often it really renders. */
class PageCacheFilterTest {

    static final PageCache CACHE = new PageCache(1 << 20);
    static final AtomicInteger RENDERS = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static Server server;
    static String base;

    /** /en/plain, /en/cookie, /en/private, /en/vary, /en/racing, /admin/x: each renders its name and a count. */
    static final class Pages extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int n = RENDERS.incrementAndGet();
            String path = request.getRequestURI();
            switch (path) {
                case "/en/cookie" -> response.addCookie(new Cookie("lang", "en"));
                case "/en/private" -> response.setHeader("Cache-Control", "private, max-age=60");
                case "/en/vary" -> response.setHeader("Vary", "Accept-Language");
                case "/en/racing" -> CACHE.invalidateAll(); // content changed while this page was rendered
                case "/en/missing" -> response.setStatus(404);
                default -> { }
            }
            response.setContentType("text/html;charset=utf-8");
            response.getWriter().write(path + " " + request.getHeader("Accept-Language") + " render " + n);
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
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + connector.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int rendersOf(String path, int requests, String... headers) throws Exception {
        int before = RENDERS.get();
        for (int i = 0; i < requests; i++) {
            get(path, headers);
        }
        return RENDERS.get() - before;
    }

    @Test
    void aPlainPage_isRenderedOnce_andPublic() throws Exception {
        assertThat(rendersOf("/en/plain", 3)).isEqualTo(1);
        HttpResponse<String> page = get("/en/plain");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue(PageCacheFilter.PUBLIC);
        assertThat(page.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void aValueThePageIgnores_isRenderedButNeverStored_soMadeUpValuesCannotFillTheCache() throws Exception {
        long before = CACHE.weighedBytes();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> page = get("/en/question?feedback=made-up-" + i);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue(PageCacheFilter.STATUS_HEADER)).hasValue("MISS");
        }
        assertThat(CACHE.weighedBytes()).as("nothing stored").isEqualTo(before);
        assertThat(rendersOf("/en/question?feedback=again", 2)).isEqualTo(2);

        assertThat(rendersOf("/en/question?feedback=thanks", 3)).as("the value it reads: stored").isEqualTo(1);
        assertThat(rendersOf("/en/question?feedback=th%61nks", 2)).as("spelt encoded: its own key, stored")
                .isEqualTo(1);
    }

    @Test
    void aPageThatSetsACookie_isNeverStored_andIsNoStore() throws Exception {
        assertThat(rendersOf("/en/cookie", 3)).isEqualTo(3);
        HttpResponse<String> page = get("/en/cookie");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("ETag")).isEmpty();
    }

    @Test
    void aPageWithItsOwnCacheControl_isLeftAlone_andNotStored() throws Exception {
        assertThat(rendersOf("/en/private", 2)).isEqualTo(2);
        assertThat(get("/en/private").headers().firstValue("Cache-Control")).hasValue("private, max-age=60");
    }

    @Test
    void aPageThatVaries_isStoredPerVariant() throws Exception {
        assertThat(rendersOf("/en/vary", 3, "Accept-Language", "fr")).isEqualTo(1);
        assertThat(rendersOf("/en/vary", 3, "Accept-Language", "ar")).isEqualTo(1);
        assertThat(get("/en/vary", "Accept-Language", "fr").body()).startsWith("/en/vary fr ");
        assertThat(get("/en/vary", "Accept-Language", "ar").body()).startsWith("/en/vary ar ");
    }

    @Test
    void afterAContentChange_everyPageIsRenderedAgain() throws Exception {
        get("/en/plain?page=change");
        assertThat(rendersOf("/en/plain?page=change", 1)).isZero();
        CACHE.invalidateAll();
        assertThat(rendersOf("/en/plain?page=change", 2)).isEqualTo(1);
    }

    @Test
    void aPageRenderedWhileTheContentChanged_isNotStored() throws Exception {
        assertThat(rendersOf("/en/racing", 2)).isEqualTo(2);
    }

    @Test
    void errorsAndNonPublicPaths_areNotStored_andErrorsAreNoStore() throws Exception {
        assertThat(rendersOf("/en/missing", 2)).isEqualTo(2);
        assertThat(get("/en/missing").headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(rendersOf("/admin/x", 2)).isEqualTo(2);
        assertThat(get("/admin/x").headers().firstValue("ETag")).isEmpty();
    }
}
