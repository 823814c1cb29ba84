package org.nightlight.admin;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The form token of a request without a session (the sign-in form): a signed double-submit value, so showing
 * the form stores nothing. The same token goes in a cookie and in the form; a POST is accepted when both agree
 * and the token carries a valid HMAC-SHA256 of its nonce and issue time, keyed by a secret every instance shares
 * (table server_secrets, made by V9). Another site can neither read the cookie nor make a token that verifies.
 */
final class SignedFormToken {

    static final String COOKIE = "nightlight_form";
    static final Duration LIFETIME = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final byte[] secret;
    private final boolean https;
    private final Clock clock;

    SignedFormToken(byte[] secret, boolean https, Clock clock) {
        this.secret = secret.clone();
        this.https = https;
        this.clock = clock;
    }

    /** The token for a form on this page: the browser's own while still valid, else a new one set as cookie. */
    String issue(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(COOKIE) instanceof String issued) {
            return issued;
        }
        String token = cookie(request);
        if (token == null || !valid(token)) {
            byte[] nonce = new byte[18];
            RANDOM.nextBytes(nonce);
            String payload = BASE64.encodeToString(nonce) + "." + clock.instant().getEpochSecond();
            token = payload + "." + mac(payload);
            response.addHeader("Set-Cookie", COOKIE + "=" + token + "; Path=/admin; HttpOnly; SameSite=Strict"
                    + (https ? "; Secure" : ""));
        }
        request.setAttribute(COOKIE, token);
        return token;
    }

    /** Whether the submitted token is the cookie's, and the cookie's is one this server signed, not expired. */
    boolean matches(HttpServletRequest request, String submitted) {
        String token = cookie(request);
        return token != null && submitted != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8))
                && valid(token);
    }

    private boolean valid(String token) {
        int mark = token.lastIndexOf('.');
        if (mark < 0) {
            return false;
        }
        String payload = token.substring(0, mark);
        if (!MessageDigest.isEqual(mac(payload).getBytes(StandardCharsets.US_ASCII),
                token.substring(mark + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            long issued = Long.parseLong(payload.substring(payload.indexOf('.') + 1));
            long age = clock.instant().getEpochSecond() - issued;
            return age >= -60 && age <= LIFETIME.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return BASE64.encodeToString(mac.doFinal(("sign-in-form|" + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (COOKIE.equals(c.getName())) {
                return c.getValue();
            }
        }
        return null;
    }
}
