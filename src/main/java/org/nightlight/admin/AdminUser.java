package org.nightlight.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.nightlight.account.Accounts.Person;
import org.nightlight.account.Actor;

/** The signed-in person of an admin request, kept in the HTTP session (stored in PostgreSQL). */
final class AdminUser {

    static final String USER_ID = "nightlight.userId";
    static final String SIGNED_IN_AT = "nightlight.signedInAt";
    static final String CSRF = "nightlight.csrf";
    static final String REQUEST_PERSON = "nightlight.person";
    static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminUser() {
    }

    /** Starts a signed-in session under a new id, so an id planted before login is worthless. */
    static void signIn(HttpServletRequest request, Person person, Instant now) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(USER_ID, person.id());
        // strictly after the password's last change, which ends the sessions signed in before it
        Instant changed = person.passwordChangedAt();
        session.setAttribute(SIGNED_IN_AT, changed == null ? now.toEpochMilli()
                : Math.max(now.toEpochMilli(), changed.toEpochMilli() + 1));
        session.setAttribute(CSRF, newToken());
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /**
     * Whether this session was signed in after the person's password last changed: a change or reset ends
     * every other session (the one that changed it signs in again at once).
     */
    static boolean signedInSince(HttpServletRequest request, Instant passwordChangedAt) {
        HttpSession session = request.getSession(false);
        return passwordChangedAt == null || session != null && session.getAttribute(SIGNED_IN_AT) instanceof Long since
                && since > passwordChangedAt.toEpochMilli();
    }

    /** The signed-in user's id while the session is within its absolute lifetime. */
    static Optional<Long> userId(HttpServletRequest request, Instant now) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(USER_ID) instanceof Long id)
                || !(session.getAttribute(SIGNED_IN_AT) instanceof Long since)) {
            return Optional.empty();
        }
        if (Instant.ofEpochMilli(since).plus(ABSOLUTE_TIMEOUT).isBefore(now)) {
            session.invalidate();
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /** The form token of this session; a session without sign-in (login form) gets one too. */
    static String csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(true);
        Object token = session.getAttribute(CSRF);
        if (token instanceof String s) {
            return s;
        }
        String fresh = newToken();
        session.setAttribute(CSRF, fresh);
        return fresh;
    }

    static boolean csrfMatches(HttpServletRequest request, String submitted) {
        HttpSession session = request.getSession(false);
        if (session == null || submitted == null || !(session.getAttribute(CSRF) instanceof String expected)) {
            return false;
        }
        return java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                submitted.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Person person(HttpServletRequest request) {
        return (Person) request.getAttribute(REQUEST_PERSON);
    }

    static Actor actor(HttpServletRequest request) {
        return new Actor(person(request).id(), request.getRemoteAddr());
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
