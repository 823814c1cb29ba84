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

    /** Built beside the start-up (its word lists take a moment to load); the first password check waits for it. */
    private final java.util.concurrent.CompletableFuture<Nbvcxz> estimator =
            java.util.concurrent.CompletableFuture.supplyAsync(PasswordPolicy::estimator);

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
        Result result = estimator.join().estimate(password);
        if (!result.isMinimumEntropyMet()) {
            return Optional.of("account.password.tooCommon");
        }
        return Optional.empty();
    }
}
