package org.nightlight.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows password guessing without locking anyone out. Failures count three ways: per account and address
 * (a guesser at one account: after 4, each try waits twice as long, up to 15 minutes); per address (one
 * address trying many accounts: after 20, the same); and per account over all addresses (guesses spread
 * over many addresses), which only ever delays by a few seconds, so nobody can keep the real person out
 * with a trickle of wrong passwords. Colleagues behind one address are not slowed by one person's mistakes.
 * State is per instance, which is enough to make guessing impractical; a success clears the account's counts.
 */
public final class LoginThrottle {

    static final int FREE_PER_PAIR = 4;
    static final int FREE_PER_ADDRESS = 20;
    static final int FREE_PER_ACCOUNT = 10;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration ACCOUNT_MAX_WAIT = Duration.ofSeconds(3);
    // a second-factor code is asked only after the right password: guesses spread over many addresses may
    // then be slowed as much as guesses from one, without letting a stranger lock the person out
    static final Duration CODE_ACCOUNT_MAX_WAIT = MAX_WAIT;

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Duration accountMaxWait;
    private final Cache<String, Failures> failures = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofHours(1))
            .maximumSize(100_000)
            .build();

    /** For passwords. */
    public LoginThrottle(Clock clock) {
        this(clock, ACCOUNT_MAX_WAIT);
    }

    private LoginThrottle(Clock clock, Duration accountMaxWait) {
        this.clock = clock;
        this.accountMaxWait = accountMaxWait;
    }

    /** For second-factor codes: counted apart from passwords, and per account as strictly as per address. */
    public static LoginThrottle forCodes(Clock clock) {
        return new LoginThrottle(clock, CODE_ACCOUNT_MAX_WAIT);
    }

    /** How long this attempt must still wait; zero when it may go ahead. */
    public Duration waitBefore(String username, String client) {
        return longest(wait(pair(username, client), FREE_PER_PAIR, MAX_WAIT),
                wait(key("client", client), FREE_PER_ADDRESS, MAX_WAIT),
                wait(key("user", username), FREE_PER_ACCOUNT, accountMaxWait));
    }

    public void failed(String username, String client) {
        Instant now = clock.instant();
        for (String key : new String[] {pair(username, client), key("client", client), key("user", username)}) {
            failures.asMap().merge(key, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        }
    }

    public void succeeded(String username, String client) {
        failures.invalidate(pair(username, client));
        failures.invalidate(key("user", username));
    }

    private Duration wait(String key, int free, Duration max) {
        Failures f = failures.getIfPresent(key);
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        long seconds = 1L << Math.min(f.count() - free, 20);
        Duration delay = Duration.ofSeconds(seconds).compareTo(max) > 0 ? max : Duration.ofSeconds(seconds);
        Duration left = Duration.between(clock.instant(), f.last().plus(delay));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration longest(Duration... waits) {
        Duration longest = Duration.ZERO;
        for (Duration w : waits) {
            longest = w.compareTo(longest) > 0 ? w : longest;
        }
        return longest;
    }

    private static String pair(String username, String client) {
        return key("pair", username) + "|" + (client == null ? "" : client);
    }

    private static String key(String kind, String value) {
        return kind + ":" + (value == null ? "" : value.toLowerCase(Locale.ROOT));
    }
}
