package org.nightlight.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered public pages in memory, bounded by bytes (Caffeine's W-TinyLFU admission keeps the popular
 * pages even when random search queries stream through). A change of public content drops the pages that
 * show it ({@link #invalidate(Collection)}, or everything), on this instance at once and on the others by
 * PostgreSQL NOTIFY; a page rendered before any such change is refused when it arrives after it, thanks to a
 * generation number. A change of what every page shows around its content (the language list, a reviewer's
 * name) drops nothing: {@link #sharedPartsChanged()} makes every page outdated, and an outdated page keeps
 * serving while {@link BackgroundRenders} renders it again, so such a change sends no visitor to the slow path.
 * A page older than its freshness is not dropped but stale: it is rendered again, and while the database is
 * unreachable its last good copy keeps serving (never one a change dropped).
 */
public final class PageCache implements MeterBinder {

    /** A safety net only: changes drop pages through NOTIFY within milliseconds. */
    public static final Duration FRESH_FOR = Duration.ofHours(1);
    /** After a failed re-render, how long a stale page is served without trying again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);

    /** One rendered response (status 200): its encodings, each with every header it is sent with. */
    public record Page(PageVariants variants) {

        public PageVariants.Variant identity() {
            return variants.identity();
        }

        public byte[] body() {
            return identity().body();
        }

        public String etag() {
            return identity().etag();
        }
    }

    /**
     * A page as stored: when, what it shows (tags), until when a failed re-render is not retried, the request that
     * renders it again, and the version of the shared parts it was rendered with.
     */
    public record Stored(Page page, Instant storedAt, Set<String> tags, Instant retryNotBefore, PageRequest request,
            long sharedParts) {
    }

    /**
     * What a page's key is made of, which is also what it takes to render the page again: scheme, host and port
     * (pages carry the origin when no public URL is configured), raw path and the query parameters pages read
     * ({@link #READ_PARAMETERS}), and the values of the request
     * headers the page varies on (null where the request had none).
     */
    public record PageRequest(String scheme, String host, int port, String pathAndQuery, List<String> varyNames,
            List<String> varyValues) {

        /** {@code pathAndQuery} as {@link PageCache#pathAndQuery} gave it for this request. */
        static PageRequest of(org.eclipse.jetty.server.Request request, String pathAndQuery, List<String> vary) {
            org.eclipse.jetty.http.HttpURI uri = request.getHttpURI();
            String[] values = new String[vary.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = request.getHeaders().get(vary.get(i));
            }
            return new PageRequest(uri.getScheme() == null ? "http" : uri.getScheme(),
                    org.eclipse.jetty.server.Request.getServerName(request),
                    org.eclipse.jetty.server.Request.getServerPort(request), pathAndQuery,
                    List.copyOf(vary),
                    java.util.Collections.unmodifiableList(java.util.Arrays.asList(values)));
        }

        String key() {
            StringBuilder key = new StringBuilder(scheme).append("://").append(host).append(':').append(port)
                    .append(pathAndQuery);
            for (int i = 0; i < varyNames.size(); i++) {
                key.append('\n').append(varyNames.get(i)).append(':').append(String.valueOf(varyValues.get(i)));
            }
            return key.toString();
        }
    }

    /**
     * The query parameters a public page reads (topic {@code page}, question {@code feedback} in its template,
     * search {@code q}, help numbers {@code country}, sitemap {@code part}): the only ones in a page's key. Any
     * other (a shared link's {@code utm_source}, {@code fbclid}) changes nothing on the page, so it must not make a
     * page of its own. {@code KeyedParametersTest} checks every parameter the public resources read is here.
     */
    public static final Set<String> READ_PARAMETERS = Set.of("page", "feedback", "q", "country", "part");

    /** {@code ?feedback=thanks}: where FeedbackResource sends a reader after sending, thanked by the question page. */
    public static final String FEEDBACK_THANKS = "thanks";

    /**
     * Parameters a page reads only some values of: any other value renders the same page as none. An address with
     * another value is rendered but never stored, so made-up values ({@code ?feedback=<random>}, one new page each)
     * cannot crowd real pages out of the cache. {@code feedback}: the question page reads only
     * {@code thanks}, which {@code FeedbackResource}'s redirect after sending adds.
     */
    static final Map<String, Set<String>> READ_VALUES = Map.of("feedback", Set.of(FEEDBACK_THANKS));

    /** False where the query carries a value its page ignores ({@link #READ_VALUES}): render it, do not store it. */
    static boolean worthStoring(String pathAndQuery) {
        int mark = pathAndQuery.indexOf('?');
        if (mark < 0) {
            return true;
        }
        for (String parameter : pathAndQuery.substring(mark + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String name = decoded(equals < 0 ? parameter : parameter.substring(0, equals));
            Set<String> read = name == null ? null : READ_VALUES.get(name);
            String value = read == null || equals < 0 ? null : decoded(parameter.substring(equals + 1));
            if (read != null && (value == null || !read.contains(value))) {
                return false;
            }
        }
        return true;
    }

    /** As the server decodes a query's name or value; null when it does not decode. */
    private static String decoded(String raw) {
        try {
            return java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The path with only the query parameters pages read, in their order and as sent. A name is compared decoded,
     * as the server decodes it; one that does not decode stays in (never two pages under one key).
     */
    static String keyedPathAndQuery(String pathAndQuery) {
        int mark = pathAndQuery.indexOf('?');
        if (mark < 0) {
            return pathAndQuery;
        }
        StringBuilder keyed = new StringBuilder(pathAndQuery.length()).append(pathAndQuery, 0, mark);
        char separator = '?';
        for (String parameter : pathAndQuery.substring(mark + 1).split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = decoded(equals < 0 ? parameter : parameter.substring(0, equals));
            if (name == null || READ_PARAMETERS.contains(name)) {
                keyed.append(separator).append(parameter);
                separator = '&';
            }
        }
        return keyed.toString();
    }

    /** Read before rendering and handed back to {@link #put}: what the page may be out of date with. */
    public record Render(long generation, long sharedParts) {
    }

    private final Cache<String, Stored> pages;
    /** Header names a path's response varies on (besides Accept-Encoding), learned from its Vary header. */
    private final Cache<String, List<String>> varies;
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong sharedParts = new AtomicLong();
    /** Renders not stored because content changed while they ran (a storm of changes shows here). */
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong droppedAll = new AtomicLong();
    /** Renders outdated pages again; none until a server is attached (then outdated pages are dropped instead). */
    private volatile BackgroundRenders backgroundRenders;
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
                .weigher((String key, Stored stored) -> 2 * key.length() + stored.page().variants().bytes() + 256)
                .recordStats()
                .build();
        this.varies = Caffeine.newBuilder().maximumSize(10_000).build();
    }

    /** The key of a request's page ({@link PageRequest}). The same for the front handler and the filter. */
    static String key(org.eclipse.jetty.server.Request request, String pathAndQuery, List<String> vary) {
        return PageRequest.of(request, pathAndQuery, vary).key();
    }

    static String pathAndQuery(org.eclipse.jetty.server.Request request) {
        return keyedPathAndQuery(request.getHttpURI().getPathQuery());
    }

    /** Read before rendering, and handed back to {@link #put}. */
    public Render beforeRender() {
        return new Render(generation.get(), sharedParts.get());
    }

    /** The stored page, fresh or stale, or null. */
    public Stored lookup(String key) {
        return pages.getIfPresent(key);
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
     * {@code render} began (it may show what changed). Returns its key.
     */
    public String put(PageRequest request, Page page, Set<String> tags, Render render) {
        String key = request.key();
        if (generation.get() != render.generation()) {
            refused.incrementAndGet();
            return key;
        }
        // an encoding made later (the first client to ask for gzip, say) is weighed in when made: the bound counts
        // what is held, not a guess (counting every encoding from the start took twice the identity for each page,
        // where all three take about 1.4 times)
        page.variants().whenGrown(() -> pages.asMap().computeIfPresent(key, (k, stored) -> stored));
        pages.put(key, new Stored(page, clock.instant(), Set.copyOf(tags), null, request, render.sharedParts()));
        if (generation.get() != render.generation()) {
            pages.invalidate(key); // an invalidation ran between the check and the put
        }
        return key;
    }

    /** Rendered before the shared parts last changed: serve it, and have it rendered again. */
    public boolean outdated(Stored stored) {
        return stored.sharedParts() != sharedParts.get();
    }

    /**
     * An outdated page was just served: render it again in the background (once, however many ask meanwhile).
     * Not while a failed re-render waits for its retry; dropped at once where nothing can render it in the
     * background, so the next request renders it.
     */
    public void renderAgainLater(String key, Stored stored) {
        BackgroundRenders renders = backgroundRenders;
        if (renders == null) {
            pages.asMap().remove(key, stored);
        } else if (!retryLater(stored)) {
            renders.renderAgain(key, stored);
        }
    }

    /**
     * After a background render: a page that is still the outdated copy was not replaced. Gone or moved: drop it;
     * failed for now (the database is down): the outdated copy keeps serving and a later visitor asks again.
     */
    void rendered(String key, Stored outdated, boolean gone) {
        if (gone) {
            pages.asMap().remove(key, outdated);
        }
    }

    void renderAgainWith(BackgroundRenders renders) {
        this.backgroundRenders = renders;
    }

    /** Every page shows something that changed around its content (language list, a reviewer's name). */
    public void sharedPartsChanged() {
        sharedParts.incrementAndGet();
    }

    /** The re-render of a stale page failed (database unreachable): keep serving it for a while. */
    public void renderFailed(String key, Stored stale) {
        pages.asMap().replace(key, stale, new Stored(stale.page(), stale.storedAt(), stale.tags(),
                clock.instant().plus(RETRY_AFTER_FAILURE), stale.request(), stale.sharedParts()));
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

    /** Drops every page of these languages (their home, searches and topic pages) and the sitemap. */
    public void invalidateLanguages(Collection<String> languages) {
        if (languages.isEmpty()) {
            return;
        }
        generation.incrementAndGet();
        pages.asMap().values().removeIf(stored -> stored.tags().stream()
                .anyMatch(tag -> PageTags.inAnyOf(tag, languages)));
    }

    public void invalidateAll() {
        generation.incrementAndGet();
        droppedAll.incrementAndGet();
        pages.invalidateAll();
    }

    /** What the cached pages weigh (bytes, roughly): never more than {@link #maxBytes()} for long. */
    public long weighedBytes() {
        pages.cleanUp(); // weights of the latest writes are applied by Caffeine's maintenance
        return pages.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    public long maxBytes() {
        return pages.policy().eviction().orElseThrow().getMaximum();
    }

    /**
     * What /metrics shows of the cache: Caffeine's own (size, hits, misses, evictions and their weight) under
     * {@code cache="pages"}, the bytes held against the bound, renders refused because content changed meanwhile,
     * and how often everything was dropped: enough to tell a cache that lost its pages from one that is too small.
     */
    @Override
    public void bindTo(MeterRegistry registry) {
        CaffeineCacheMetrics.monitor(registry, pages, "pages");
        Gauge.builder("nightlight.page.cache.bytes", this, PageCache::weighedBytes)
                .description("bytes the cached pages weigh").baseUnit("bytes").register(registry);
        Gauge.builder("nightlight.page.cache.max.bytes", this, PageCache::maxBytes)
                .description("the bound on the cached pages' weight").baseUnit("bytes").register(registry);
        FunctionCounter.builder("nightlight.page.cache.refused", refused, AtomicLong::get)
                .description("renders not stored: content changed while they ran").register(registry);
        FunctionCounter.builder("nightlight.page.cache.dropped.all", droppedAll, AtomicLong::get)
                .description("times every cached page was dropped").register(registry);
    }
}
