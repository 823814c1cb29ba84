package org.nightlight.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What a cached page shows, as tags the page cache drops it by: a page of a topic (the topic page and its
 * question pages, which list the topic's questions) is {@code "fr topic 7"}; any other page of a language
 * (home, search) is {@code "fr"}; the sitemap is {@value #SITEMAP}. The page says its topic while rendering
 * ({@link #showsTopic}); the language is the first segment of its address.
 */
public final class PageTags {

    static final String SITEMAP = "sitemap";
    private static final String TOPIC_ATTRIBUTE = "nightlight.cache.topic";

    private PageTags() {
    }

    /** Called by the page that shows a topic or one of its questions. */
    public static void showsTopic(HttpServletRequest request, long topicId) {
        request.setAttribute(TOPIC_ATTRIBUTE, topicId);
    }

    /** The tags of a page rendered at {@code path} for {@code request}. */
    static Set<String> of(HttpServletRequest request, String path) {
        if (path.equals("/sitemap.xml")) {
            return Set.of(SITEMAP);
        }
        String language = path.substring(1).split("/", 2)[0];
        Object topic = request.getAttribute(TOPIC_ATTRIBUTE);
        return Set.of(topic == null ? language : topic(language, (Long) topic));
    }

    /** Every page that shows topic {@code topicId} (or one of its items) in one of {@code languages}. */
    static List<String> changed(long topicId, Collection<String> languages) {
        List<String> tags = new ArrayList<>();
        for (String language : languages) {
            tags.add(language);
            tags.add(topic(language, topicId));
        }
        tags.add(SITEMAP);
        return tags;
    }

    /** Whether a page with {@code tag} shows one of {@code languages}: its pages, and the sitemap listing them all. */
    static boolean inAnyOf(String tag, Collection<String> languages) {
        return tag.equals(SITEMAP) || languages.contains(tag.split(" ", 2)[0]);
    }

    private static String topic(String language, long topicId) {
        return language + " topic " + topicId;
    }
}
