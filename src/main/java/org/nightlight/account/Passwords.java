package org.nightlight.account;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Argon2id hashes (OWASP parameters: 19 MiB, 2 iterations, 1 lane). */
public final class Passwords {

    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return hash != null && encoder.matches(password, hash);
    }
}
