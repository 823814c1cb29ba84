package org.nightlight.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.slf4j.MDC;

/**
 * Gives every request an id (logged, sent as X-Request-Id, shown on error pages) and the security headers
 * every page carries.
 */
public final class RequestIds implements Filter {

    public static final String ATTRIBUTE = "nightlight.requestId";
    /** The response header that carries it. */
    static final String HEADER = "X-Request-Id";
    // served over HTTPS (NIGHTLIGHT_HTTPS): tell browsers to keep to HTTPS
    private final boolean https;

    public RequestIds(boolean https) {
        this.https = https;
    }

    /** Every response's security headers, in order; also sent by {@link SafeErrorHandler} on Jetty's own errors. */
    static final Map<String, String> SECURITY_HEADERS = securityHeaderValues();

    private static Map<String, String> securityHeaderValues() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self';"
                + " script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        headers.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        return Collections.unmodifiableMap(headers);
    }

    static void securityHeaders(BiConsumer<String, String> set) {
        SECURITY_HEADERS.forEach(set);
    }

    private static final HexFormat HEX = HexFormat.of();

    /**
     * A new request id: 12 hex digits. Ids only tell requests apart in logs, so a fast generator does (every
     * cached page takes one; SecureRandom serialized the threads on its lock).
     */
    static String newId() {
        return HEX.toHexDigits(ThreadLocalRandom.current().nextLong()).substring(4);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String id = newId();
        request.setAttribute(ATTRIBUTE, id);
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader(HEADER, id);
        securityHeaders(http::setHeader);
        if (https) {
            http.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }
}
