package org.nightlight.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * At most {@code permits} actions per {@code period} per client address: a token bucket per client
 * (Bucket4j) in a bounded map that forgets idle clients (Caffeine). State is per app instance, as the
 * design allows; behind a reverse proxy, Jetty's ForwardedRequestCustomizer must be configured first, or
 * every reader shares the proxy's address.
 */
public final class RateLimiter {

    private final int permits;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(int permits, Duration period) {
        this.permits = permits;
        this.period = period;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(period)
                .maximumSize(100_000)
                .build();
    }

    /** True, and one permit used, if the client may act now. */
    public boolean tryAcquire(String clientAddress) {
        return buckets.get(key(clientAddress), k -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(permits).refillGreedy(permits, period)).build();
    }

    /** The address itself for IPv4; for IPv6 its /64 network, which one household or phone usually owns whole. */
    static String key(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address.replaceAll("^\\[|\\]$", "")).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                prefix.append(String.format("%02x", bytes[i]));
            }
            return prefix.append("::/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
