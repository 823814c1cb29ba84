package org.nightlight.account;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.account.Accounts.Person;
import org.nightlight.audit.AuditLog;

/**
 * Time-based one-time passwords (RFC 6238: SHA-1, 6 digits, 30 seconds, as every authenticator app reads them)
 * and ten recovery codes, each usable once and stored as Argon2id hashes like passwords. A code is accepted one
 * step either side of now (a phone's clock a little off, a code typed slowly), and never for a step at or
 * before the last one accepted, so a code seen over someone's shoulder cannot be used again. Time is the
 * services' clock.
 */
public final class SecondFactors {

    public static final String ISSUER = "Nightlight";
    public static final int RECOVERY_CODES = 10;
    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    private static final int DRIFT_STEPS = 1;

    /** What the person needs to set up an authenticator: the secret and the otpauth:// address a QR code holds. */
    public record Enrolment(String secret, QrData qr) {
    }

    public enum Outcome {
        CODE, RECOVERY_CODE, REFUSED
    }

    private final SessionFactory sessions;
    private final Passwords passwords;
    private final AuditLog audit;
    private final Clock clock;
    private final CodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    public SecondFactors(SessionFactory sessions, Passwords passwords, AuditLog audit, Clock clock) {
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether this person has confirmed an authenticator. */
    public boolean enrolled(long userId) {
        return sessions.fromTransaction(s -> s.createNativeQuery(
                "select count(*) from second_factors where user_id = :id and confirmed_at is not null", Long.class)
                .setParameter("id", userId).getSingleResult() > 0);
    }

    /**
     * The secret of this person's enrolment in progress, made at the first call and kept until confirmed, so a
     * reloaded page shows the same one. Refused once an authenticator is confirmed: it must be turned off first.
     */
    public Enrolment beginEnrolment(Person person) {
        String secret = sessions.fromTransaction(s -> {
            s.createNativeMutationQuery("insert into second_factors (user_id, secret, created_at)"
                    + " values (:id, :secret, :now) on conflict (user_id) do nothing")
                    .setParameter("id", person.id()).setParameter("secret", new DefaultSecretGenerator().generate())
                    .setParameter("now", clock.instant()).executeUpdate();
            Object[] row = s.createNativeQuery("select secret, confirmed_at is not null from second_factors"
                    + " where user_id = :id", Object[].class).setParameter("id", person.id()).getSingleResult();
            if ((Boolean) row[1]) {
                throw new IllegalStateException("already enrolled: turn the second factor off first");
            }
            return (String) row[0];
        });
        QrData qr = new QrData.Builder().label(person.username()).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(STEP_SECONDS).build();
        return new Enrolment(secret, qr);
    }

    /** Confirms the enrolment in progress with a code from it: the recovery codes (shown once), or empty. */
    public Optional<List<String>> confirmEnrolment(Actor actor, String code) {
        String typed = digits(code);
        return sessions.fromTransaction(s -> {
            List<String> secrets = s.createNativeQuery("select secret from second_factors where user_id = :id"
                    + " and confirmed_at is null for update", String.class)
                    .setParameter("id", actor.userId()).getResultList();
            Optional<Long> step = secrets.isEmpty() || typed == null ? Optional.empty()
                    : matchingStep(secrets.get(0), typed, null);
            if (step.isEmpty()) {
                return Optional.empty();
            }
            s.createNativeMutationQuery("update second_factors set confirmed_at = :now, last_step = :step"
                    + " where user_id = :id").setParameter("now", clock.instant()).setParameter("step", step.get())
                    .setParameter("id", actor.userId()).executeUpdate();
            List<String> recovery = newRecoveryCodes(s, actor.userId());
            audit.record(s, actor, "SECOND_FACTOR_ENROLLED", null, null, null, username(s, actor.userId()));
            return Optional.of(recovery);
        });
    }

    /** Checks a code from the authenticator or a recovery code (used up); a refusal is audited. */
    public Outcome verify(Actor actor, String code) {
        String typed = digits(code);
        return sessions.fromTransaction(s -> {
            String username = username(s, actor.userId());
            Outcome outcome = typed != null ? checkCode(s, actor.userId(), typed)
                    : recoveryCode(code).map(recovery -> useRecoveryCode(s, actor, recovery, username))
                            .orElse(Outcome.REFUSED);
            if (outcome == Outcome.REFUSED) {
                audit.record(s, actor, "SECOND_FACTOR_FAILED", null, null, null, username);
            }
            return outcome;
        });
    }

    /** Removes one's own authenticator and recovery codes, after a current code proves it is really them. */
    public boolean turnOff(Actor actor, String code) {
        if (verify(actor, code) == Outcome.REFUSED) {
            return false;
        }
        sessions.inTransaction(s -> {
            remove(s, actor.userId());
            audit.record(s, actor, "SECOND_FACTOR_TURNED_OFF", null, null, null, username(s, actor.userId()));
        });
        return true;
    }

    /**
     * An admin removes another person's authenticator (a lost phone): every session of that person ends, and
     * they enrol again at their next sign-in.
     */
    public void reset(Actor admin, long userId) {
        sessions.inTransaction(s -> {
            User acting = s.find(User.class, admin.userId());
            if (acting == null || !acting.has(Role.ADMIN)) {
                throw new SecurityException("only an admin may reset a second factor");
            }
            User user = s.find(User.class, userId);
            if (user == null) {
                throw AccountException.notFound(userId);
            }
            remove(s, userId);
            user.endSessions(clock.instant());
            audit.record(s, admin, "SECOND_FACTOR_RESET", null, null, null, user.username());
        });
    }

    /** How many unused recovery codes this person has left. */
    public long recoveryCodesLeft(long userId) {
        return sessions.fromTransaction(s -> recoveryCodesLeft(s, userId));
    }

    private Outcome checkCode(Session s, long userId, String typed) {
        List<Object[]> rows = s.createNativeQuery("select secret, last_step from second_factors where user_id = :id"
                + " and confirmed_at is not null for update", Object[].class)
                .setParameter("id", userId).getResultList();
        if (rows.isEmpty()) {
            return Outcome.REFUSED;
        }
        Long last = rows.get(0)[1] == null ? null : ((Number) rows.get(0)[1]).longValue();
        Optional<Long> step = matchingStep((String) rows.get(0)[0], typed, last);
        step.ifPresent(st -> s.createNativeMutationQuery("update second_factors set last_step = :step"
                + " where user_id = :id").setParameter("step", st).setParameter("id", userId).executeUpdate());
        return step.isPresent() ? Outcome.CODE : Outcome.REFUSED;
    }

    /** The step, within the drift allowed around now and after {@code last}, whose code this is. */
    private Optional<Long> matchingStep(String secret, String typed, Long last) {
        long now = Math.floorDiv(clock.instant().getEpochSecond(), STEP_SECONDS);
        for (long step = now - DRIFT_STEPS; step <= now + DRIFT_STEPS; step++) {
            if ((last == null || step > last) && MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
                    typed.getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(step);
            }
        }
        return Optional.empty();
    }

    private String code(String secret, long step) {
        try {
            return codes.generate(secret, step);
        } catch (CodeGenerationException e) {
            throw new IllegalStateException("cannot compute a TOTP code", e);
        }
    }

    private Outcome useRecoveryCode(Session s, Actor actor, String typed, String username) {
        List<Object[]> unused = s.createNativeQuery("select id, code_hash from recovery_codes where user_id = :id"
                + " and used_at is null order by id for update", Object[].class)
                .setParameter("id", actor.userId()).getResultList();
        for (Object[] row : unused) {
            if (passwords.matches(typed, (String) row[1])) {
                s.createNativeMutationQuery("update recovery_codes set used_at = :now where id = :id")
                        .setParameter("now", clock.instant()).setParameter("id", ((Number) row[0]).longValue())
                        .executeUpdate();
                audit.record(s, actor, "RECOVERY_CODE_USED", null, null, null,
                        username + ": " + recoveryCodesLeft(s, actor.userId()) + " left");
                return Outcome.RECOVERY_CODE;
            }
        }
        return Outcome.REFUSED;
    }

    private List<String> newRecoveryCodes(Session s, long userId) {
        s.createNativeMutationQuery("delete from recovery_codes where user_id = :id").setParameter("id", userId)
                .executeUpdate();
        List<String> fresh = List.of(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
        for (String code : fresh) {
            s.createNativeMutationQuery("insert into recovery_codes (user_id, code_hash) values (:id, :hash)")
                    .setParameter("id", userId).setParameter("hash", passwords.hash(recoveryCode(code).orElseThrow()))
                    .executeUpdate();
        }
        return fresh;
    }

    private static long recoveryCodesLeft(Session s, long userId) {
        return s.createNativeQuery("select count(*) from recovery_codes where user_id = :id and used_at is null",
                Long.class).setParameter("id", userId).getSingleResult();
    }

    private static void remove(Session s, long userId) {
        s.createNativeMutationQuery("delete from recovery_codes where user_id = :id").setParameter("id", userId)
                .executeUpdate();
        s.createNativeMutationQuery("delete from second_factors where user_id = :id").setParameter("id", userId)
                .executeUpdate();
    }

    private static String username(Session s, long userId) {
        User user = s.find(User.class, userId);
        return user == null ? String.valueOf(userId) : user.username();
    }

    /** Six digits, spaces allowed ("123 456" as some apps show it); null for anything else. */
    private static String digits(String code) {
        String typed = code == null ? "" : code.replace(" ", "").strip();
        return typed.matches("[0-9]{" + DIGITS + "}") ? typed : null;
    }

    /** A recovery code as stored: lower case, without the dashes and spaces it is shown and typed with. */
    private static Optional<String> recoveryCode(String code) {
        String typed = code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
        return typed.matches("[a-z0-9]{16}") ? Optional.of(typed) : Optional.empty();
    }
}
