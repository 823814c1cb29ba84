package org.nightlight.metrics;

import java.util.regex.Pattern;

/**
 * The route a path belongs to, from a small fixed set: a metric label made from the raw path would let anyone
 * create a new time series with every request.
 */
final class Routes {

    private static final String LANG = "/[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*";
    private static final Pattern HOME = Pattern.compile("/|" + LANG + "/?");
    private static final Pattern SEARCH = Pattern.compile(LANG + "/search");
    private static final Pattern TOPIC = Pattern.compile(LANG + "/[^/]+/?");
    private static final Pattern QUESTION = Pattern.compile(LANG + "/[^/]+/[^/]+");
    private static final Pattern FEEDBACK = Pattern.compile(LANG + "/[^/]+/[^/]+/feedback");

    private Routes() {
    }

    static String of(String path) {
        if (path == null) {
            return "other";
        }
        if (path.equals("/metrics")) {
            return "metrics";
        }
        if (path.equals("/health")) {
            return "health";
        }
        if (path.equals("/language")) {
            return "language";
        }
        if (path.equals("/sitemap.xml") || path.equals("/robots.txt")) {
            return "sitemap";
        }
        if (path.startsWith("/static/")) {
            return "static";
        }
        if (path.equals("/admin") || path.startsWith("/admin/")) {
            return "admin";
        }
        if (HOME.matcher(path).matches()) {
            return "home";
        }
        if (SEARCH.matcher(path).matches()) {
            return "search";
        }
        if (TOPIC.matcher(path).matches()) {
            return "topic";
        }
        if (QUESTION.matcher(path).matches()) {
            return "question";
        }
        if (FEEDBACK.matcher(path).matches()) {
            return "feedback";
        }
        return "other";
    }
}
