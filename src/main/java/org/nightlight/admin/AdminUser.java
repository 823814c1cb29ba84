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

/**
 * The signed-in person of an admin request, kept in the HTTP session (stored in PostgreSQL). Between the password
 * and the second factor the session holds only the person's id as pending, which opens nothing but the second
 * step (AdminGuard); no session exists before the password is accepted.
 */
final class AdminUser {

    static final String USER_ID = "nightlight.userId";
    static final String SIGNED_IN_AT = "nightlight.signedInAt";
    static final String CSRF = "nightlight.csrf";
    static final String REQUEST_PERSON = "nightlight.person";
    static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);
    /** Who has given the right password and must now give a code or enrol. */
    static final String PENDING_USER_ID = "nightlight.pendingUserId";
    static final String PENDING_NEXT = "nightlight.pendingNext";
    static final Duration SECOND_STEP_TIMEOUT = Duration.ofMinutes(10);
    /** Set when this session's sign-in included a second factor (a code, a recovery code or an enrolment). */
    static final String SECOND_FACTOR_DONE = "nightlight.secondFactor";
    /** The person in the second step, for the resources of that step only (never REQUEST_PERSON). */
    static final String REQUEST_STEP_PERSON = "nightlight.stepPerson";

    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminUser() {
    }

    /** Starts a signed-in session under a new id, so an id planted before login is worthless. */
    static void signIn(HttpServletRequest request, Person person, Instant now) {
        signIn(request, person, now, false);
    }

    /** As above; {@code secondFactorDone} when this sign-in included a second factor. */
    static void signIn(HttpServletRequest request, Person person, Instant now, boolean secondFactorDone) {
        HttpSession session = freshSession(request, person, now);
        session.setAttribute(USER_ID, person.id());
        if (secondFactorDone) {
            session.setAttribute(SECOND_FACTOR_DONE, Boolean.TRUE);
        }
    }

    /** The password was right; the second factor comes next, in a new session that opens nothing else. */
    static void startSecondStep(HttpServletRequest request, Person person, Instant now, String next) {
        HttpSession session = freshSession(request, person, now);
        session.setAttribute(PENDING_USER_ID, person.id());
        session.setAttribute(PENDING_NEXT, next);
    }

    private static HttpSession freshSession(HttpServletRequest request, Person person, Instant now) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.invalidate();
        }
        HttpSession session = request.getSession(true);
        // strictly after the last time this person's sessions were ended (a password change, a reset)
        Instant ended = person.sessionsValidAfter();
        session.setAttribute(SIGNED_IN_AT, ended == null ? now.toEpochMilli()
                : Math.max(now.toEpochMilli(), ended.toEpochMilli() + 1));
        session.setAttribute(CSRF, newToken());
        return session;
    }

    /** The id of the person in the second step, while that step is within its time. */
    static Optional<Long> pendingUserId(HttpServletRequest request, Instant now) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(PENDING_USER_ID) instanceof Long id)
                || !(session.getAttribute(SIGNED_IN_AT) instanceof Long since)) {
            return Optional.empty();
        }
        if (Instant.ofEpochMilli(since).plus(SECOND_STEP_TIMEOUT).isBefore(now)) {
            session.invalidate();
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /** Where the person was going when asked to sign in. */
    static String pendingNext(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(PENDING_NEXT) instanceof String next ? next : "/admin/";
    }

    static boolean secondFactorDone(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && Boolean.TRUE.equals(session.getAttribute(SECOND_FACTOR_DONE));
    }

    /** After turning one's second factor off: a person who must have one is sent to enrol again. */
    static void forgetSecondFactor(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(SECOND_FACTOR_DONE);
        }
    }

    static Person stepPerson(HttpServletRequest request) {
        return (Person) request.getAttribute(REQUEST_STEP_PERSON);
    }

    static void signOut(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    /**
     * Whether this session was signed in after the person's sessions last ended: a password change or reset, or
     * a reset of the second factor, ends every other session (the one that changed it signs in again at once).
     */
    static boolean signedInSince(HttpServletRequest request, Instant sessionsEnded) {
        HttpSession session = request.getSession(false);
        return sessionsEnded == null || session != null && session.getAttribute(SIGNED_IN_AT) instanceof Long since
                && since > sessionsEnded.toEpochMilli();
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

    /** The form token of this session; empty without a session (the sign-in form's token is then signed). */
    static Optional<String> csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return Optional.empty();
        }
        Object token = session.getAttribute(CSRF);
        if (token instanceof String s) {
            return Optional.of(s);
        }
        String fresh = newToken();
        session.setAttribute(CSRF, fresh);
        return Optional.of(fresh);
    }

    /** Whether this request has a session with a form token, which its forms must then carry. */
    static boolean hasSessionToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session != null && session.getAttribute(CSRF) instanceof String;
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
