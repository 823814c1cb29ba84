package org.nightlight.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered public pages in memory, bounded by bytes (Caffeine's W-TinyLFU admission keeps the popular
 * pages even when random search queries stream through). Everything is dropped at once whenever the
 * public content changes ({@link #invalidateAll()}, driven by PostgreSQL NOTIFY), and a page rendered
 * before such a change is refused when it arrives after it, thanks to a generation number.
 */
public final class PageCache {

    /** One rendered response: status 200, its body, its strong ETag and the headers to send again. */
    public record Page(byte[] body, String etag, String contentType, List<Map.Entry<String, String>> headers) {
    }

    private final Cache<String, Page> pages;
    /** Header names a path's response varies on (besides Accept-Encoding), learned from its Vary header. */
    private final Cache<String, List<String>> varies;
    private final AtomicLong generation = new AtomicLong();

    public PageCache(long maxBytes) {
        this.pages = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Page page) -> 2 * key.length() + page.body().length + 256)
                // a safety net only: changes clear the cache through NOTIFY within milliseconds
                .expireAfterWrite(Duration.ofHours(1))
                .build();
        this.varies = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    /** Read before rendering, and handed back to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    public Page get(String key) {
        return pages.getIfPresent(key);
    }

    /** Stores the page unless the content changed since {@code renderedAt} (it may be stale). */
    public void put(String key, Page page, long renderedAt) {
        if (generation.get() != renderedAt) {
            return;
        }
        pages.put(key, page);
        if (generation.get() != renderedAt) {
            pages.invalidate(key); // an invalidation ran between the check and the put
        }
    }

    public List<String> variesOn(String pathAndQuery) {
        List<String> names = varies.getIfPresent(pathAndQuery);
        return names == null ? List.of() : names;
    }

    public void learnVary(String pathAndQuery, List<String> names) {
        if (names.isEmpty()) {
            varies.invalidate(pathAndQuery);
        } else {
            varies.put(pathAndQuery, names);
        }
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }
}
