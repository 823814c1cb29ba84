package org.nightlight.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;

/**
 * Gives every request an id (logged, sent as X-Request-Id, shown on error pages) and the security headers
 * every page carries.
 */
public final class RequestIds implements Filter {

    public static final String ATTRIBUTE = "nightlight.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final boolean https; // served over HTTPS (NIGHTLIGHT_HTTPS): browsers must keep to HTTPS
    public RequestIds(boolean https) { this.https = https; }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        request.setAttribute(ATTRIBUTE, id);
        HttpServletResponse http = (HttpServletResponse) response;
        http.setHeader("X-Request-Id", id);
        http.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self';"
                + " script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
        http.setHeader("X-Content-Type-Options", "nosniff");
        if (https) { http.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains"); }
        http.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
        http.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()");
        MDC.put("requestId", id);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("requestId");
        }
    }
}
