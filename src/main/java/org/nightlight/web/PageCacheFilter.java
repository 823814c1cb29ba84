package org.nightlight.web;

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
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * HTTP caching for the public pages (/{lang}/...): a GET answered 200 is kept in the {@link PageCache}
 * keyed by path, query and the request headers its response varies on, and sent with a strong ETag (a
 * hash of the body), {@code Cache-Control: public, max-age=300} and {@code 304 Not Modified} for a
 * matching If-None-Match, so browsers and a CDN can keep it too. Responses that say their own
 * Cache-Control are passed through as they are and never stored; those that set a cookie or carry a
 * session are never stored either, and like error responses get {@code no-store} unless they say
 * otherwise. Compression happens outside (Jetty's CompressionHandler),
 * so bodies here are the identity encoding.
 */
public final class PageCacheFilter implements Filter {

    public static final String PUBLIC = "public, max-age=300";
    /** A last good copy served while the page cannot be rendered again: briefly, so the fresh one follows soon. */
    public static final String STALE = "public, max-age=10";
    public static final String STATUS_HEADER = "X-Nightlight-Cache";
    static final int MAX_BODY_BYTES = 1 << 20;

    private static final Pattern PUBLIC_PATH = Pattern.compile("/[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*(?:/.*)?");
    /** Headers that belong to one response only, or are set again for every request before this filter. */
    private static final Set<String> NOT_REPLAYED = Set.of("x-request-id", "date", "content-length", "content-type",
            "set-cookie", "transfer-encoding", "connection", "etag", "cache-control", STATUS_HEADER.toLowerCase(Locale.ROOT));

    private final PageCache cache;

    public PageCacheFilter(PageCache cache) {
        this.cache = cache;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String method = request.getMethod();
        boolean readable = method.equals("GET") || method.equals("HEAD");
        if (!readable || !PUBLIC_PATH.matcher(request.getRequestURI()).matches()) {
            chain.doFilter(request, response);
            if (response.getStatus() >= 400 && !response.isCommitted() && response.getHeader("Cache-Control") == null) {
                response.setHeader("Cache-Control", "no-store");
            }
            return;
        }
        String pathAndQuery = request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String key = key(pathAndQuery, cache.variesOn(pathAndQuery), request);
        PageCache.Stored stored = cache.lookup(key);
        if (stored != null && (cache.fresh(stored) || cache.retryLater(stored))) {
            boolean fresh = cache.fresh(stored);
            response.setHeader(STATUS_HEADER, fresh ? "HIT" : "STALE");
            replay(response, stored.page());
            send(request, response, stored.page(), fresh ? PUBLIC : STALE);
            return;
        }
        long generation = cache.generation();
        Capture capture = new Capture(response);
        chain.doFilter(request, capture);
        if (capture.passedThrough) {
            return; // sendError: the container has answered already
        }
        byte[] body = capture.body();
        int status = capture.getStatus();
        if (status == HttpServletResponse.SC_SERVICE_UNAVAILABLE && stored != null) {
            // the database is unreachable: the last good copy beats an error page
            cache.renderFailed(key, stored);
            response.setHeader("Retry-After", null);
            response.setHeader(STATUS_HEADER, "STALE");
            replay(response, stored.page());
            send(request, response, stored.page(), STALE);
            return;
        }
        if (status == 200 && method.equals("GET") && storable(request, response, body)) {
            List<String> vary = vary(response);
            PageCache.Page page = new PageCache.Page(body, etag(body), response.getContentType(), replayable(response));
            if (!vary.contains("*")) {
                cache.learnVary(pathAndQuery, vary);
                cache.put(key(pathAndQuery, vary, request), page, generation);
            }
            response.setHeader(STATUS_HEADER, "MISS");
            send(request, response, page, PUBLIC);
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

    private static boolean storable(HttpServletRequest request, HttpServletResponse response, byte[] body) {
        return response.getHeader("Cache-Control") == null
                && response.getHeader("Set-Cookie") == null
                && request.getSession(false) == null
                && body.length <= MAX_BODY_BYTES;
    }

    /** The stored page's own headers; those set for every request (security headers) are only replaced. */
    private static void replay(HttpServletResponse response, PageCache.Page page) {
        Set<String> replaced = new java.util.HashSet<>();
        for (Map.Entry<String, String> header : page.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (replaced.add(name)) {
                response.setHeader(header.getKey(), header.getValue());
            } else {
                response.addHeader(header.getKey(), header.getValue());
            }
        }
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, PageCache.Page page,
            String cacheControl) throws IOException {
        response.setHeader("ETag", page.etag());
        response.setHeader("Cache-Control", cacheControl);
        if (matches(request.getHeaders("If-None-Match"), page.etag())) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        if (page.contentType() != null) {
            response.setContentType(page.contentType());
        }
        response.setContentLength(page.body().length);
        if (!request.getMethod().equals("HEAD")) {
            response.getOutputStream().write(page.body());
        }
    }

    /** Weak comparison, as RFC 9110 asks for If-None-Match. */
    static boolean matches(java.util.Enumeration<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        while (ifNoneMatch.hasMoreElements()) {
            for (String candidate : ifNoneMatch.nextElement().split(",")) {
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

    /** The origin is part of the key: without a configured public URL, pages carry the request's origin. */
    private static String key(String pathAndQuery, List<String> vary, HttpServletRequest request) {
        StringBuilder key = new StringBuilder(request.getScheme()).append("://").append(request.getServerName())
                .append(':').append(request.getServerPort()).append(pathAndQuery);
        for (String name : vary) {
            key.append('\n').append(name).append(':').append(String.valueOf(request.getHeader(name)));
        }
        return key.toString();
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
