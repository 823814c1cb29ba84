package org.nightlight.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered public pages in memory, bounded by bytes (Caffeine's W-TinyLFU admission keeps the popular
 * pages even when random search queries stream through). A change of public content drops the pages that
 * show it ({@link #invalidate(Collection)}, or everything), on this instance at once and on the others by
 * PostgreSQL NOTIFY; a page rendered before any such change is refused when it arrives after it, thanks to a
 * generation number. A page older than its freshness is not dropped but stale: it is rendered again, and
 * while the database is unreachable its last good copy keeps serving (never one a change dropped).
 */
public final class PageCache {

    /** A safety net only: changes drop pages through NOTIFY within milliseconds. */
    public static final Duration FRESH_FOR = Duration.ofHours(1);
    /** After a failed re-render, how long a stale page is served without trying again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    /** One rendered response (status 200): its encodings, identity first, each with every header it is sent with. */
    public record Page(List<PageVariants.Variant> variants) {

        public PageVariants.Variant identity() {
            return variants.get(0);
        }

        public byte[] body() {
            return identity().body();
        }

        public String etag() {
            return identity().etag();
        }
    }

    /** A page as stored: when, what it shows (tags), and until when a failed re-render is not retried. */
    public record Stored(Page page, Instant storedAt, Set<String> tags, Instant retryNotBefore) {
    }

    private final Cache<String, Stored> pages;
    /** Header names a path's response varies on (besides Accept-Encoding), learned from its Vary header. */
    private final Cache<String, List<String>> varies;
    private final AtomicLong generation = new AtomicLong();
    private final Clock clock;
    private final Duration freshFor;

    public PageCache(long maxBytes) {
        this(maxBytes, Clock.systemUTC(), FRESH_FOR);
    }

    public PageCache(long maxBytes, Clock clock, Duration freshFor) {
        this.clock = clock;
        this.freshFor = freshFor;
        this.pages = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Stored stored) -> 2 * key.length() + weight(stored.page()) + 256)
                .build();
        this.varies = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    private static int weight(Page page) {
        return page.variants().stream().mapToInt(v -> v.body().length + 512).sum();
    }

    /**
     * The key of a request's page: origin (pages carry it when no public URL is configured), raw path and query,
     * and the values of the request headers the page varies on. The same for the front handler and the filter.
     */
    static String key(org.eclipse.jetty.server.Request request, List<String> vary) {
        org.eclipse.jetty.http.HttpURI uri = request.getHttpURI();
        StringBuilder key = new StringBuilder(uri.getScheme() == null ? "http" : uri.getScheme()).append("://")
                .append(org.eclipse.jetty.server.Request.getServerName(request)).append(':')
                .append(org.eclipse.jetty.server.Request.getServerPort(request)).append(uri.getPathQuery());
        for (String name : vary) {
            key.append('\n').append(name).append(':').append(String.valueOf(request.getHeaders().get(name)));
        }
        return key.toString();
    }

    static String pathAndQuery(org.eclipse.jetty.server.Request request) {
        return request.getHttpURI().getPathQuery();
    }

    /** Read before rendering, and handed back to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    /** The stored page, fresh or stale, or null. */
    public Stored lookup(String key) {
        return pages.getIfPresent(key);
    }

    /** The page if it is stored and fresh. */
    public Page get(String key) {
        Stored stored = pages.getIfPresent(key);
        return stored != null && fresh(stored) ? stored.page() : null;
    }

    public boolean fresh(Stored stored) {
        return clock.instant().isBefore(stored.storedAt().plus(freshFor));
    }

    /** A stale page whose re-render failed a moment ago: serve it as it is, do not try again yet. */
    public boolean retryLater(Stored stored) {
        return stored.retryNotBefore() != null && clock.instant().isBefore(stored.retryNotBefore());
    }

    /**
     * Stores the page with the tags {@link #invalidate} finds it by, unless the content changed since
     * {@code renderedAt} (it may show what changed).
     */
    public void put(String key, Page page, Set<String> tags, long renderedAt) {
        if (generation.get() != renderedAt) {
            return;
        }
        pages.put(key, new Stored(page, clock.instant(), Set.copyOf(tags), null));
        if (generation.get() != renderedAt) {
            pages.invalidate(key); // an invalidation ran between the check and the put
        }
    }

    /** The re-render of a stale page failed (database unreachable): keep serving it for a while. */
    public void renderFailed(String key, Stored stale) {
        pages.asMap().replace(key, stale,
                new Stored(stale.page(), stale.storedAt(), stale.tags(), clock.instant().plus(RETRY_AFTER_FAILURE)));
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

    /** Drops every page carrying one of {@code tags}. */
    public void invalidate(Collection<String> tags) {
        generation.incrementAndGet();
        Set<String> dropped = Set.copyOf(tags);
        pages.asMap().values().removeIf(stored -> stored.tags().stream().anyMatch(dropped::contains));
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        pages.invalidateAll();
    }
}
