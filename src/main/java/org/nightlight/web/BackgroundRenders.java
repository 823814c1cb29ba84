package org.nightlight.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders outdated pages again behind the visitors' backs, so a change of what every page shows around its text
 * (the language list, a reviewer's name) sends nobody to the slow path: one thread sends each page's own request
 * (origin, path and query, the headers it varies on) through an in-memory connector into the same handlers, where
 * {@link PageCacheFilter} renders and stores it as for a miss, while the outdated copy keeps serving. One render
 * per page however many visitors ask meanwhile, and a rest as long as each render after it (half of one core at
 * most); a page that no longer renders (gone, moved) is dropped.
 */
public final class BackgroundRenders implements AutoCloseable {

    /** Marks a request of ours; believed only on the in-memory connector, which nothing outside can reach. */
    static final String HEADER = "X-Nightlight-Render-Again";
    /** More outdated pages than this wait for the next visitor to ask again. */
    private static final int MAX_WAITING = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundRenders.class);

    private final LocalConnector connector;
    private final PageCache cache;
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(MAX_WAITING), runnable -> {
                Thread t = new Thread(runnable, "nightlight-background-renders");
                t.setDaemon(true);
                return t;
            });

    private BackgroundRenders(LocalConnector connector, PageCache cache) {
        this.connector = connector;
        this.cache = cache;
    }

    /** Adds the in-memory connector to the (unstarted) server and has the cache render outdated pages through it. */
    public static BackgroundRenders attach(Server server, PageCache cache) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // the page's scheme and host as the visitor's request had them; only we write to this connector
        http.addCustomizer(new ForwardedRequestCustomizer());
        LocalConnector connector = new LocalConnector(server, new HttpConnectionFactory(http));
        server.addConnector(connector);
        BackgroundRenders renders = new BackgroundRenders(connector, cache);
        cache.renderAgainWith(renders);
        return renders;
    }

    /** A background render: it must render and store, not be answered from the outdated copy. */
    static boolean isRenderAgain(Request request) {
        return request.getHeaders().contains(HEADER)
                && request.getConnectionMetaData().getConnector() instanceof LocalConnector;
    }

    void renderAgain(String key, PageCache.Stored outdated) {
        if (!waiting.add(key)) {
            return;
        }
        try {
            thread.execute(() -> render(key, outdated));
        } catch (RejectedExecutionException e) {
            waiting.remove(key); // full or closed: the next visitor of the page asks again
        }
    }

    private void render(String key, PageCache.Stored outdated) {
        boolean gone = false;
        long started = System.nanoTime();
        try {
            if (!connector.isRunning()) {
                return; // the server is stopping: the outdated copy goes with it
            }
            String response = connector.getResponse(request(outdated.request()), 30, TimeUnit.SECONDS);
            if (response == null || !response.startsWith("HTTP/1.1 200 ")) {
                LOG.debug("background render of {} answered {}", key,
                        response == null ? "nothing" : response.lines().findFirst().orElse(""));
                // moved or not found: the page is gone; a 5xx (database outage) or no answer is not a verdict
                gone = response != null && (response.startsWith("HTTP/1.1 3") || response.startsWith("HTTP/1.1 4"));
            }
        } catch (Exception e) {
            if (connector.isRunning()) {
                LOG.warn("background render of {} failed: {}", outdated.request().pathAndQuery(), e.toString());
            }
        } finally {
            cache.rendered(key, outdated, gone);
            waiting.remove(key);
        }
        rest(System.nanoTime() - started);
    }

    /**
     * As long as the render took: renders behind the visitors' backs take at most half of one core, so thousands
     * of outdated pages (a language renamed) do not halve what the visitors get; the old copies serve meanwhile.
     */
    private static void rest(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(Math.min(nanos, TimeUnit.SECONDS.toNanos(1)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        }
    }

    /** The page's request as HTTP/1.1 text (header values came parsed from a request, so hold no line breaks). */
    static String request(PageCache.PageRequest page) {
        String host = page.host().contains(":") ? "[" + page.host() + "]" : page.host();
        String authority = host + ":" + page.port();
        StringBuilder request = new StringBuilder("GET ").append(page.pathAndQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n")
                .append("Forwarded: proto=").append(page.scheme()).append(";host=\"").append(authority).append("\"\r\n");
        for (int i = 0; i < page.varyNames().size(); i++) {
            String value = page.varyValues().get(i);
            if (value != null) {
                request.append(page.varyNames().get(i)).append(": ").append(value).append("\r\n");
            }
        }
        return request.append(HEADER).append(": 1\r\nConnection: close\r\n\r\n").toString();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
