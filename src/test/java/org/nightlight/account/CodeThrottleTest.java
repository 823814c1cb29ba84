package org.nightlight.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.nightlight.testing.MutableClock;

/** Second-factor codes are asked only after the right password, so guesses spread over addresses wait too. */
class CodeThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    private final LoginThrottle codes = LoginThrottle.forCodes(clock);

    @Test
    void guessingCodesFromManyAddresses_slowsTheAccountAsMuchAsFromOne() {
        for (int i = 0; i < 30; i++) {
            codes.failed("editor", "203.0.113." + i);
        }
        assertThat(codes.waitBefore("editor", "198.51.100.7")).isEqualTo(LoginThrottle.MAX_WAIT);
    }

    @Test
    void likePasswords_fourMistakesSlowThePair_andTwentyTheAddress_butNotAColleague() {
        for (int i = 0; i < 4; i++) {
            codes.failed("clinician", "192.0.2.10");
        }
        assertThat(codes.waitBefore("clinician", "192.0.2.10")).isPositive();
        assertThat(codes.waitBefore("editor", "192.0.2.10")).isZero();
        for (int i = 0; i < 20; i++) {
            codes.failed("user" + i, "192.0.2.20");
        }
        assertThat(codes.waitBefore("someone-else", "192.0.2.20")).isPositive();
    }

    @Test
    void theRightCode_clearsTheAccountsCount() {
        for (int i = 0; i < 12; i++) {
            codes.failed("admin", "203.0.113." + i);
        }
        codes.succeeded("admin", "198.51.100.7");
        clock.advance(Duration.ofSeconds(1));
        assertThat(codes.waitBefore("admin", "198.51.100.8")).isZero();
    }
}
