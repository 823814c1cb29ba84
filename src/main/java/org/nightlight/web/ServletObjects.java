package org.nightlight.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The request and response the servlet behind this filter receives, kept as request attributes so code holding
 * Jersey's injected proxies can reach them in one call. Every call on such a proxy looks the object up in HK2's
 * request scope (the largest part of a page miss's time), and a template render calls them hundreds of times
 * (Thymeleaf keeps its variables as request attributes, and asks the response to encode each link).
 */
public final class ServletObjects implements Filter {

    private static final String REQUEST = ServletObjects.class.getName() + ".request";
    private static final String RESPONSE = ServletObjects.class.getName() + ".response";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        request.setAttribute(REQUEST, request);
        request.setAttribute(RESPONSE, response);
        chain.doFilter(request, response);
    }

    /** The request behind {@code request} (a proxy or not); itself where this filter did not run. */
    public static HttpServletRequest request(HttpServletRequest request) {
        return request.getAttribute(REQUEST) instanceof HttpServletRequest servlets ? servlets : request;
    }

    /** The response behind {@code response}, found through its {@code request}; itself where this filter did not run. */
    public static HttpServletResponse response(HttpServletRequest request, HttpServletResponse response) {
        return request.getAttribute(RESPONSE) instanceof HttpServletResponse servlets ? servlets : response;
    }
}
