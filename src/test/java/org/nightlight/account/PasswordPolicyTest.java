package org.nightlight.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The password rules, checked at once after a start: the estimator is built on demand before its delayed build
 * (a check that waited for a build nobody began would hang: the timeouts fail it instead).
 */
@Timeout(60)
class PasswordPolicyTest {

    @Test
    void rightAfterAStart_aCommonPasswordIsRefused_andAStrongOneAccepted() {
        PasswordPolicy policy = new PasswordPolicy();
        assertThat(policy.problem("password1234", "ana")).contains("account.password.tooCommon");
        assertThat(policy.problem("quiet-violet-harbour-lantern-72", "ana")).isEmpty();
        assertThat(policy.problem("short", "ana")).contains("account.password.tooShort");
        assertThat(policy.problem("ana-and-her-long-passphrase", "ana")).contains("account.password.containsUsername");
    }

    @Test
    void manyFirstChecksAtOnce_allGetTheirAnswer() throws Exception {
        PasswordPolicy policy = new PasswordPolicy();
        Callable<Optional<String>> common = () -> policy.problem("qwertyuiop123", null);
        Callable<Optional<String>> strong = () -> policy.problem("quiet-violet-harbour-lantern-72", null);
        var pool = Executors.newFixedThreadPool(4);
        try {
            var answers = pool.invokeAll(List.of(common, strong, common, strong));
            assertThat(answers.get(0).get()).contains("account.password.tooCommon");
            assertThat(answers.get(1).get()).isEmpty();
            assertThat(answers.get(2).get()).contains("account.password.tooCommon");
            assertThat(answers.get(3).get()).isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }
}
