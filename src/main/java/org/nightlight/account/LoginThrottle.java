package org.nightlight.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows password guessing per account and per client address: after a few failures each further attempt
 * must wait, twice as long each time, up to 15 minutes. State is per instance, which is enough to make
 * guessing impractical; a success clears the account's count.
 */
public final class LoginThrottle {

    static final int FREE_ATTEMPTS = 4;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long this attempt must still wait; zero when it may go ahead. */
    public Duration waitBefore(String username, String client) {
        Duration forAccount = wait(key("user", username));
        Duration forClient = wait(key("client", client));
        return forAccount.compareTo(forClient) >= 0 ? forAccount : forClient;
    }

    public void failed(String username, String client) {
        Instant now = clock.instant();
        for (String key : new String[] {key("user", username), key("client", client)}) {
            failures.asMap().merge(key, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        }
    }

    public void succeeded(String username) {
        failures.invalidate(key("user", username));
    }

    private Duration wait(String key) {
        Failures f = failures.getIfPresent(key);
        if (f == null || f.count() < FREE_ATTEMPTS) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(f.count() - FREE_ATTEMPTS, 20);
        Duration delay = Duration.ofSeconds(seconds).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : Duration.ofSeconds(seconds);
        Duration left = Duration.between(clock.instant(), f.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static String key(String kind, String value) {
        return kind + ":" + (value == null ? "" : value.toLowerCase(Locale.ROOT));
    }
}
