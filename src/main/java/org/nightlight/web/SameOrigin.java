package org.nightlight.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;

/**
 * Cross-site request forgery check for forms on pages that set no cookie. The usual defence, a token in a
 * cookie or session matched against a form field, needs state that public pages must not have (no cookie,
 * cached and shared pages). Browsers instead say where a request comes from: Sec-Fetch-Site (all current
 * browsers), else Origin (sent with every cross-origin and, in current browsers, every same-origin POST),
 * else Referer. A POST is accepted only when one of them shows it came from a page of this site (the same
 * scheme-less host and port as the Host header) or from the reader directly (Sec-Fetch-Site: none); a
 * request that carries none of them is refused, since every browser sends at least one. The same approach
 * as Go 1.25's CrossOriginProtection, stricter about requests with no such header.
 */
public final class SameOrigin {

    private SameOrigin() {
    }

    public static boolean check(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null) {
            return fetchSite.equals("same-origin") || fetchSite.equals("none");
        }
        String host = request.getHeader("Host");
        if (host == null || host.isBlank()) {
            return false;
        }
        String origin = request.getHeader("Origin");
        if (origin != null) {
            return host.equalsIgnoreCase(authority(origin));
        }
        String referer = request.getHeader("Referer");
        return referer != null && host.equalsIgnoreCase(authority(referer));
    }

    /** host[:port] of an absolute http(s) URL, or null ("null" origins, relative or malformed URLs). */
    private static String authority(String url) {
        try {
            URI uri = new URI(url.trim());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                return null;
            }
            return uri.getRawAuthority();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
