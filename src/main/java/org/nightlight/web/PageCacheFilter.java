package org.nightlight.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * HTTP caching for the public pages (/{lang}/...): a GET answered 200 is kept in the {@link PageCache}
 * keyed by path, query and the request headers its response varies on, and sent with a strong ETag (a
 * hash of the body), {@code Cache-Control: public, max-age=300} and {@code 304 Not Modified} for a
 * matching If-None-Match, so browsers and a CDN can keep it too. Responses that say their own
 * Cache-Control are passed through as they are and never stored; those that set a cookie or carry a
 * session are never stored either, and like error responses get {@code no-store} unless they say
 * otherwise. A stored page keeps its gzip and zstd variants ({@link PageVariants}, each made the first time a client
 * asks for it), sent here on a miss and by
 * {@link CachedPages} in front of the servlet stack on every hit. A page past its freshness is rendered again,
 * and its last good copy answers instead of a 503 while the database is unreachable.
 */
public final class PageCacheFilter implements Filter, MeterBinder {

    public static final String PUBLIC = "public, max-age=300";
    /** A last good copy served while the page cannot be rendered again: briefly, so the fresh one follows soon. */
    public static final String STALE = "public, max-age=10";
    public static final String STATUS_HEADER = "X-Nightlight-Cache";
    static final int MAX_BODY_BYTES = 1 << 20;

    /** Headers that belong to one response only, or are set again for every request before this filter. */
    private static final Set<String> NOT_REPLAYED = Set.of("x-request-id", "date", "content-length", "content-type",
            "set-cookie", "transfer-encoding", "connection", "etag", "cache-control", "vary", "content-encoding",
            STATUS_HEADER.toLowerCase(Locale.ROOT));

    /** How long a render waits for a slot before the reader gets the last good copy or a 503. */
    static final Duration SLOT_WAIT = Duration.ofSeconds(10);

    private final PageCache cache;
    /**
     * Renders at once. Beyond a few per core, more at once only share the cores out thinner: on 2 cores at 16
     * connections, 4 at once rendered 1,120 pages/s and no limit 754, each page costing the JVM 1.02 against
     * 1.78 ms of CPU (bench/README.md). Only the render holds a slot, not the write to the client, so a reader
     * who reads slowly holds none.
     */
    private final Semaphore renderSlots;
    private final Duration slotWait;
    private final int maxRenders;
    private final AtomicLong turnedAway = new AtomicLong();

    public PageCacheFilter(PageCache cache) {
        this(cache, defaultRenders());
    }

    public PageCacheFilter(PageCache cache, int rendersAtOnce) {
        this(cache, rendersAtOnce, SLOT_WAIT);
    }

    PageCacheFilter(PageCache cache, int rendersAtOnce, Duration slotWait) {
        this.cache = cache;
        this.renderSlots = new Semaphore(rendersAtOnce, true);
        this.maxRenders = rendersAtOnce;
        this.slotWait = slotWait;
    }

    /** Two renders per core: while one waits for PostgreSQL, the other uses the core. */
    public static int defaultRenders() {
        return 2 * Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        boolean readable = method.equals("GET") || method.equals("HEAD");
        if (!readable || !LanguagePaths.isPublic(request.getRequestURI())) {
            chain.doFilter(request, response);
            if (response.getStatus() >= 400 && !response.isCommitted() && response.getHeader("Cache-Control") == null) {
                response.setHeader("Cache-Control", "no-store");
            }
            return;
        }
        Request core = ServletContextRequest.getServletContextRequest(request);
        String pathAndQuery = PageCache.pathAndQuery(core);
        String key = PageCache.key(core, pathAndQuery, cache.variesOn(pathAndQuery));
        PageCache.Stored stored = cache.lookup(key);
        if (stored != null && (cache.fresh(stored) || cache.retryLater(stored))
                && !BackgroundRenders.isRenderAgain(core)) {
            boolean fresh = cache.fresh(stored);
            send(request, response, stored.page(), fresh ? "HIT" : "STALE", fresh ? PUBLIC : STALE);
            if (cache.outdated(stored)) {
                cache.renderAgainLater(key, stored);
            }
            return;
        }
        if (!enterRenderSlot()) {
            busy(request, response, stored);
            return;
        }
        Capture capture = new Capture(response);
        byte[] body;
        PageCache.Page page = null;
        try {
            PageCache.Render render = cache.beforeRender();
            chain.doFilter(request, capture);
            if (capture.passedThrough) {
                return; // sendError: the container has answered already
            }
            body = capture.body();
            if (capture.getStatus() == 200 && method.equals("GET") && storable(request, response, body)) {
                List<String> vary = vary(response);
                page = new PageCache.Page(PageVariants.of(body, etag(body), response.getContentType(),
                        replayable(response), vary, PUBLIC));
                if (!vary.contains("*") && PageCache.worthStoring(pathAndQuery)) {
                    cache.learnVary(pathAndQuery, vary);
                    cache.put(PageCache.PageRequest.of(core, pathAndQuery, vary), page,
                            PageTags.of(request, request.getRequestURI()), render);
                }
            }
        } finally {
            renderSlots.release();
        }
        int status = capture.getStatus();
        if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE && stored != null) {
            // the database is unreachable: the last good copy beats an error page
            cache.renderFailed(key, stored);
            response.setHeader("Retry-After", null);
            send(request, response, stored.page(), "STALE", STALE);
            return;
        }
        if (page != null) {
            send(request, response, page, "MISS", PUBLIC);
            return;
        }
        boolean personal = response.getHeader("Set-Cookie") != null || request.getSession(false) != null;
        if ((status >= 400 || personal) && response.getHeader("Cache-Control") == null) {
            response.setHeader("Cache-Control", "no-store");
        }
        if (body.length > 0 || capture.wroteBody) {
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private boolean enterRenderSlot() throws InterruptedIOException {
        try {
            return renderSlots.tryAcquire(slotWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("stopped while waiting to render");
        }
    }

    /** Every render slot stayed taken: the last good copy if there is one, else 503 and a time to come back. */
    private void busy(HttpServletRequest request, HttpServletResponse response, PageCache.Stored stored)
            throws IOException {
        turnedAway.incrementAndGet();
        if (stored != null) {
            send(request, response, stored.page(), "STALE", STALE);
            return;
        }
        response.setHeader("Retry-After", "5");
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("nightlight.renders.waiting", renderSlots, Semaphore::getQueueLength)
                .description("requests waiting for a render slot").register(registry);
        Gauge.builder("nightlight.renders.max", () -> maxRenders)
                .description("pages rendered at once at most").register(registry);
        FunctionCounter.builder("nightlight.renders.turned.away", turnedAway, AtomicLong::get)
                .description("requests that waited too long for a render slot (last good copy or 503)")
                .register(registry);
    }

    private static boolean storable(HttpServletRequest request, HttpServletResponse response, byte[] body) {
        return response.getHeader("Cache-Control") == null
                && response.getHeader("Set-Cookie") == null
                && request.getSession(false) == null
                && body.length <= MAX_BODY_BYTES;
    }

    /**
     * The variant the client accepts, with the headers prepared for it; those already set for every request
     * (security headers) are replaced, not repeated.
     */
    private static void send(HttpServletRequest request, HttpServletResponse response, PageCache.Page page,
            String cacheStatus, String cacheControl) throws IOException {
        PageVariants.Variant variant = page.variants().choose(request.getHeader("Accept-Encoding"));
        if (variant == null) {
            variant = page.identity(); // nothing acceptable: RFC 9110 lets us send the identity anyway
        }
        Set<String> replaced = new java.util.HashSet<>();
        for (HttpField field : variant.fields()) {
            if (field.getHeader() == HttpHeader.CONTENT_LENGTH) {
                continue;
            }
            if (replaced.add(field.getLowerCaseName())) {
                response.setHeader(field.getName(), field.getValue());
            } else {
                response.addHeader(field.getName(), field.getValue());
            }
        }
        response.setHeader(STATUS_HEADER, cacheStatus);
        response.setHeader("Cache-Control", cacheControl);
        if (matches(request.getHeaders("If-None-Match"), variant.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(variant.body().length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(variant.body());
        }
    }

    static boolean matches(java.util.Enumeration<String> ifNoneMatch, String etag) {
        return ifNoneMatch != null && matches(Collections.list(ifNoneMatch), etag);
    }

    /** Weak comparison, as RFC 9110 asks for If-None-Match. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String value : ifNoneMatch) {
            for (String candidate : value.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(opaque)) {
                    return true;
                }
            }
        }
        return false;
    }

    static String etag(byte[] body) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 18))
                    + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Vary names in lower case, sorted, without Accept-Encoding (compression is applied outside). */
    private static List<String> vary(HttpServletResponse response) {
        List<String> names = new ArrayList<>();
        for (String value : response.getHeaders("Vary")) {
            for (String name : value.split(",")) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (!n.isEmpty() && !n.equals("accept-encoding") && !names.contains(n)) {
                    names.add(n);
                }
            }
        }
        names.sort(null);
        return List.copyOf(names);
    }

    private static List<Map.Entry<String, String>> replayable(HttpServletResponse response) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : response.getHeaderNames()) {
            if (NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            Collection<String> values = response.getHeaders(name);
            for (String value : values) {
                headers.add(Map.entry(name, value));
            }
        }
        return List.copyOf(headers);
    }

    /** Collects the body in memory; status and headers go to the real response as usual. */
    private static final class Capture extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(16 * 1024);
        private ServletOutputStream stream;
        private PrintWriter writer;
        boolean passedThrough;
        boolean wroteBody;

        Capture(HttpServletResponse response) {
            super(response);
        }

        byte[] body() {
            if (writer != null) {
                writer.flush();
            }
            return buffer.toByteArray();
        }

        @Override
        public ServletOutputStream getOutputStream() {
            if (stream == null) {
                stream = new ServletOutputStream() {
                    @Override
                    public void write(int b) {
                        wroteBody = true;
                        buffer.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) {
                        wroteBody = true;
                        buffer.write(b, off, len);
                    }

                    @Override
                    public boolean isReady() {
                        return true;
                    }

                    @Override
                    public void setWriteListener(WriteListener listener) {
                        throw new UnsupportedOperationException("the page cache buffers synchronously");
                    }
                };
            }
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                String charset = getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding();
                java.nio.charset.Charset encoding;
                try {
                    encoding = java.nio.charset.Charset.forName(charset);
                } catch (IllegalArgumentException e) {
                    encoding = StandardCharsets.UTF_8;
                }
                writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), encoding));
            }
            return writer;
        }

        @Override
        public void sendError(int sc, String msg) throws IOException {
            passedThrough = true;
            super.sendError(sc, msg);
        }

        @Override
        public void sendError(int sc) throws IOException {
            passedThrough = true;
            super.sendError(sc);
        }

        @Override
        public void setContentLength(int len) {
            // set from the captured body
        }

        @Override
        public void setContentLengthLong(long len) {
            // set from the captured body
        }

        @Override
        public void flushBuffer() {
            // nothing is sent before the filter has seen the whole body
        }

        @Override
        public boolean isCommitted() {
            return passedThrough && super.isCommitted();
        }

        @Override
        public void resetBuffer() {
            buffer.reset();
        }

        @Override
        public void reset() {
            super.reset();
            buffer.reset();
        }
    }
}
