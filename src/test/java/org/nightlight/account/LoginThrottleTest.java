package org.nightlight.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nightlight.testing.MutableClock;

/** Guessing is slowed where it comes from; the real person and their colleagues are not locked out. */
class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void aTrickleOfWrongPasswordsFromChangingAddresses_delaysTheRealUserFromANewAddressByAFewSecondsAtMost() {
        for (int i = 0; i < 200; i++) {
            throttle.failed("editor", "203.0.113." + i);
            clock.advance(Duration.ofMillis(200));
        }
        assertThat(throttle.waitBefore("editor", "198.51.100.7")).isLessThanOrEqualTo(LoginThrottle.ACCOUNT_MAX_WAIT);
        assertThat(LoginThrottle.ACCOUNT_MAX_WAIT).isLessThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void fourMistakesFromOneAddress_doNotSlowAColleagueBehindTheSameAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("translator-fr", "192.0.2.10");
        }
        assertThat(throttle.waitBefore("translator-fr", "192.0.2.10")).isPositive();
        assertThat(throttle.waitBefore("reviewer-fr", "192.0.2.10")).isZero();
    }

    @Test
    void guessingOneAccountFromOneAddress_waitsLongerEachTime_upToFifteenMinutes() {
        for (int i = 0; i < 30; i++) {
            throttle.failed("admin", "192.0.2.66");
        }
        assertThat(throttle.waitBefore("admin", "192.0.2.66")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void oneAddressTryingManyAccounts_isSlowed() {
        for (int i = 0; i < 40; i++) {
            throttle.failed("user" + i, "192.0.2.99");
        }
        assertThat(throttle.waitBefore("someone-else", "192.0.2.99")).isGreaterThan(Duration.ofMinutes(1));
    }

    @Test
    void aSuccess_clearsTheAccountsCount_forThatAddressAndOverall() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("editor", "192.0.2.1");
        }
        throttle.succeeded("editor", "192.0.2.1");
        assertThat(throttle.waitBefore("editor", "192.0.2.1")).isZero();
    }
}
