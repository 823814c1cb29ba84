package org.nightlight.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * OWASP ASVS level 2 password rules: at least 12 characters, at most 128, and not a common, breached
 * or easily guessed password (nbvcxz ships the common-password lists; site words count as guessable).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;

    /**
     * Its word lists take a few hundred ms of CPU to load, which slowed the start by about 0.2 s on 2 cores: built
     * this long after, or at once by a password check that comes sooner.
     */
    static final java.time.Duration BUILD_AFTER = java.time.Duration.ofSeconds(5);

    private final java.util.concurrent.CompletableFuture<Nbvcxz> estimator =
            new java.util.concurrent.CompletableFuture<>();
    private final java.util.concurrent.atomic.AtomicBoolean building =
            new java.util.concurrent.atomic.AtomicBoolean();

    public PasswordPolicy() {
        java.util.concurrent.CompletableFuture.delayedExecutor(BUILD_AFTER.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS).execute(this::build);
    }

    /** Builds the estimator unless that has begun (here or on the delayed thread). */
    private void build() {
        if (building.compareAndSet(false, true)) {
            try {
                estimator.complete(estimator());
            } catch (RuntimeException | Error e) {
                estimator.completeExceptionally(e);
            }
        }
    }

    private static Nbvcxz estimator() {
        List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        dictionaries.add(new DictionaryBuilder().setDictionaryName("site").setExclusion(true)
                .addWord("nightlight", 0).addWord("myoclonus", 0).addWord("clinician", 0).addWord("translator", 0)
                .addWord("password", 0).addWord("admin", 0).createDictionary());
        return new Nbvcxz(new ConfigurationBuilder().setDictionaries(dictionaries).setMinimumEntropy(40d)
                .createConfiguration());
    }

    /** The message key of the first problem, or empty when the password is acceptable. */
    public Optional<String> problem(String password, String username) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("account.password.tooShort");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("account.password.tooLong");
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(java.util.Locale.ROOT).contains(username.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("account.password.containsUsername");
        }
        build();
        Result result = estimator.join().estimate(password);
        if (!result.isMinimumEntropyMet()) {
            return Optional.of("account.password.tooCommon");
        }
        return Optional.empty();
    }
}
