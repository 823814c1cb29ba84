package org.nightlight.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * Times every request by route, method and status, counts page cache hits and misses from the header the
 * page cache sets (X-Nightlight-Cache), and answers GET /metrics to allowed addresses. For anyone else
 * /metrics goes on to the application, which answers it as the unknown page it is for them. The client
 * address is the one after trusted-proxy handling (a connector customizer runs before any handler).
 */
final class MetricsHandler extends Handler.Wrapper {

    /** Set by web.PageCacheFilter on the public pages: HIT or MISS (or another word it may add). */
    static final String CACHE_HEADER = "X-Nightlight-Cache";
    private static final Pattern CACHE_RESULT = Pattern.compile("[A-Za-z]{1,16}");
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry;
    private final InetAddressSet readableFrom = new InetAddressSet();
    /** Looked up once per (route, method, status) and per cache result: both sets are bounded. */
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> cacheCounters = new ConcurrentHashMap<>();

    MetricsHandler(PrometheusMeterRegistry registry, List<String> readableFrom, Handler next) {
        super(next);
        this.registry = registry;
        readableFrom.forEach(this.readableFrom::add);
        // both from the start, at 0: a hit ratio can be computed before the first hit
        cacheCounter("hit");
        cacheCounter("miss");
    }

    private Counter cacheCounter(String result) {
        return Counter.builder("nightlight.page.cache.requests").description("public pages answered from the page"
                + " cache (hit) or rendered (miss)").tag("result", result).register(registry);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long started = System.nanoTime();
        String path = Request.getPathInContext(request);
        String route = Routes.of(path);
        // recorded as the response completes, before the server is told so
        Callback measured = Callback.from(() -> record(request, response, route, started), callback);
        if (route.equals("metrics") && allowed(request)) {
            scrape(request, response, measured);
            return true;
        }
        return super.handle(request, response, measured);
    }

    private boolean allowed(Request request) {
        String address = Request.getRemoteAddr(request);
        if (address == null || !address.matches("[0-9A-Fa-f.:\\[\\]]+")) {
            return false; // an obfuscated or unknown client (Forwarded: for=_hidden): never looked up by name
        }
        try {
            InetAddress client = InetAddress.getByName(address);
            return !throughUntrustedProxy(request, client) && readableFrom.test(client);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Forwarding headers that were not believed (the peer is not in NIGHTLIGHT_TRUSTED_PROXIES) mean a proxy
     * passed the request on: with one on this machine, every reader would otherwise look like loopback.
     */
    private static boolean throughUntrustedProxy(Request request, InetAddress client) {
        if (!request.getHeaders().contains("Forwarded") && !request.getHeaders().contains("X-Forwarded-For")) {
            return false;
        }
        var peer = request.getConnectionMetaData().getConnection().getEndPoint().getRemoteSocketAddress();
        return peer instanceof java.net.InetSocketAddress socket && client.equals(socket.getAddress());
    }

    private void scrape(Request request, Response response, Callback callback) {
        if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
            Response.writeError(request, response, callback, 405);
            return;
        }
        byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, request.getMethod().equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body),
                callback);
    }

    private void record(Request request, Response response, String route, long started) {
        int status = response.getStatus();
        String method = method(request.getMethod());
        String statusTag = status >= 100 && status < 600 ? Integer.toString(status) : "other";
        timers.computeIfAbsent(new TimerKey(route, method, statusTag), key -> Timer.builder("http.server.requests")
                        .description("HTTP requests by route (a fixed set), method and status")
                        .tag("route", route)
                        .tag("method", method)
                        .tag("status", statusTag)
                        .tag("outcome", outcome(status))
                        .serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        String cache = response.getHeaders().get(CACHE_HEADER);
        if (cache == null) {
            return;
        }
        // HIT, MISS, or whatever else the page cache says (a value of ours, never the client's: bounded); known
        // values are found as they are spelt, without the check
        Counter counter = cacheCounters.get(cache);
        if (counter == null && CACHE_RESULT.matcher(cache).matches()) {
            counter = cacheCounters.computeIfAbsent(cache, value -> cacheCounter(value.toLowerCase(Locale.ROOT)));
        }
        if (counter != null) {
            counter.increment();
        }
    }

    /** Route, method and status: a key whose hash costs three cached string hashes. */
    private record TimerKey(String route, String method, String status) {
    }

    private static String method(String method) {
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "POST" -> method.toUpperCase(Locale.ROOT);
            default -> "other";
        };
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }
}
