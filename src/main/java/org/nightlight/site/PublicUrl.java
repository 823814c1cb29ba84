package org.nightlight.site;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Absolute addresses of public pages (canonical, hreflang, Open Graph, sitemap). The origin is
 * NIGHTLIGHT_PUBLIC_URL when set, which a deployment behind a proxy or a cache should do; otherwise the
 * scheme, host and port the request came to.
 */
final class PublicUrl {

    private final Optional<String> configured;

    PublicUrl(Optional<String> configured) {
        this.configured = configured;
    }

    String origin(HttpServletRequest request) {
        return configured.orElseGet(() -> {
            String scheme = request.getScheme().toLowerCase(Locale.ROOT);
            String host = request.getServerName();
            if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
                host = "[" + host + "]";
            }
            int port = request.getServerPort();
            boolean defaultPort = port <= 0 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return scheme + "://" + host + (defaultPort ? "" : ":" + port);
        });
    }

    /** The path of a page: /{lang}/, /{lang}/{topic}/ or /{lang}/{topic}/{question}, slugs percent-encoded. */
    static String path(String lang, String topicSlug, String questionSlug) {
        StringBuilder path = new StringBuilder("/").append(lang).append('/');
        if (topicSlug != null) {
            path.append(encode(topicSlug)).append('/');
            if (questionSlug != null) {
                path.append(encode(questionSlug));
            }
        }
        return path.toString();
    }

    /** Where the language switcher sends a visitor: remember the choice, then show that page. */
    static String choose(String lang, String path) {
        return "/language?to=" + encode(lang) + "&next=" + encode(path);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
