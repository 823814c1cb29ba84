package org.nightlight.metrics;

import org.nightlight.web.LanguagePaths;

/**
 * The route a path belongs to, from a small fixed set: a metric label made from the raw path would let anyone
 * create a new time series with every request.
 */
final class Routes {

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
        if (path.equals("/")) {
            return "home";
        }
        int at = LanguagePaths.afterLanguage(path);
        if (at < 0) {
            return "other";
        }
        return ofPage(path.substring(at));
    }

    /** The route of what follows the language: "", "/", "/search", "/topic[/]", "/topic/question[/feedback]". */
    private static String ofPage(String rest) {
        if (rest.isEmpty() || rest.equals("/")) {
            return "home";
        }
        if (rest.equals("/search")) {
            return "search";
        }
        String[] parts = rest.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            // a topic may end in '/', nothing else may be empty
            if (parts[i].isEmpty() && !(i == 1 && parts.length == 2)) {
                return "other";
            }
        }
        return switch (parts.length) {
            case 1 -> "topic";
            case 2 -> parts[1].isEmpty() ? "topic" : "question";
            case 3 -> parts[2].equals("feedback") ? "feedback" : "other";
            default -> "other";
        };
    }
}
