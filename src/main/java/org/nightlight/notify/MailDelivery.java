package org.nightlight.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.db.SqlValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mail queue (outgoing_mail): mail is queued in the transaction of what it tells of and sent afterwards on
 * a thread of its own, so a slow or unreachable mail server never holds up or fails a workflow step. A failed
 * attempt is tried again after a growing wait (1 minute, doubling, at most 8 attempts over about four hours);
 * several instances share the queue (FOR UPDATE SKIP LOCKED). Without an SMTP host the mail is kept for the
 * admins' outbox page and logged.
 */
public final class MailDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailDelivery.class);
    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    private static final int BATCH = 20;
    private static final int TIMEOUT_MS = 10_000;

    /** One mail as the outbox page lists it. */
    public record OutgoingMail(long id, String recipient, String language, String subject, String body,
            Instant createdAt, Instant sentAt, String via, int attempts, String lastError) {
    }

    private final SessionFactory sessions;
    private final Clock clock;
    private final MailSettings settings;
    private final jakarta.mail.Session mail;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public MailDelivery(SessionFactory sessions, Clock clock, MailSettings settings) {
        this.sessions = sessions;
        this.clock = clock;
        this.settings = settings;
        this.mail = jakarta.mail.Session.getInstance(properties(settings));
    }

    private static Properties properties(MailSettings settings) {
        Properties p = new Properties();
        settings.host().ifPresent(host -> p.put("mail.smtp.host", host));
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
        p.put("mail.smtp.connectiontimeout", Integer.toString(TIMEOUT_MS));
        p.put("mail.smtp.timeout", Integer.toString(TIMEOUT_MS));
        p.put("mail.smtp.writetimeout", Integer.toString(TIMEOUT_MS));
        p.put("mail.smtp.from", settings.from());
        switch (settings.tls()) {
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case TLS -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case NONE -> {
            }
        }
        return p;
    }

    /** Adds a mail to the queue in the caller's transaction; it leaves after the commit. */
    void queue(Session s, long userId, String recipient, String language, MailText.Mail mail, Instant now) {
        s.createNativeMutationQuery("""
                insert into outgoing_mail (user_id, recipient, language, subject, body, created_at, next_attempt_at)
                values (:user, :to, :lang, :subject, :body, :now, :now)""")
                .setParameter("user", userId).setParameter("to", recipient).setParameter("lang", language)
                .setParameter("subject", mail.subject()).setParameter("body", mail.body()).setParameter("now", now)
                .executeUpdate();
    }

    /** Runs the queue every {@code every}, and at once after each {@link #wake()}, on a thread of its own. */
    public synchronized void start(Duration every, Runnable alsoEvery) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nightlight-mail");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            safely(alsoEvery);
            safely(this::deliverDue);
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Something was queued and committed: deliver soon (several wakes before the thread runs make one run). */
    void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            running.execute(() -> {
                wakeQueued.set(false);
                safely(this::deliverDue);
            });
        }
    }

    /** Sends what is due now; returns how many left (by SMTP or to the outbox). */
    public int deliverDue() {
        int delivered = 0;
        while (true) {
            int[] batch = sessions.fromTransaction(this::deliverBatch);
            delivered += batch[0];
            if (batch[1] < BATCH) {
                return delivered;
            }
        }
    }

    /** {delivered, looked at} for one batch, locked against other instances until it is recorded. */
    private int[] deliverBatch(Session s) {
        Instant now = clock.instant();
        List<Object[]> due = s.createNativeQuery("""
                select id, recipient, subject, body, attempts from outgoing_mail
                where sent_at is null and next_attempt_at <= :now and attempts < :max
                order by next_attempt_at, id limit :batch for update skip locked""", Object[].class)
                .setParameter("now", now).setParameter("max", MAX_ATTEMPTS).setParameter("batch", BATCH)
                .getResultList();
        int delivered = 0;
        for (Object[] row : due) {
            long id = ((Number) row[0]).longValue();
            int attempts = ((Number) row[4]).intValue() + 1;
            try {
                String via = send((String) row[1], (String) row[2], (String) row[3]);
                s.createNativeMutationQuery("""
                        update outgoing_mail set sent_at = :now, via = :via, attempts = :attempts, last_error = null
                        where id = :id""").setParameter("now", now).setParameter("via", via)
                        .setParameter("attempts", attempts).setParameter("id", id).executeUpdate();
                delivered++;
            } catch (MessagingException | RuntimeException e) {
                Instant next = now.plus(FIRST_RETRY.multipliedBy(1L << Math.min(attempts - 1, 20)));
                String error = String.valueOf(e.getMessage());
                LOG.warn("mail {} to {} not sent (attempt {} of {}): {}", id, row[1], attempts, MAX_ATTEMPTS, error);
                s.createNativeMutationQuery("""
                        update outgoing_mail set attempts = :attempts, next_attempt_at = :next, last_error = :error
                        where id = :id""").setParameter("attempts", attempts).setParameter("next", next)
                        .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
                        .setParameter("id", id).executeUpdate();
            }
        }
        return new int[] {delivered, due.size()};
    }

    private String send(String to, String subject, String body) throws MessagingException {
        if (settings.host().isEmpty()) {
            LOG.info("mail to {} kept in the outbox (no NIGHTLIGHT_SMTP_HOST): {}\n{}", to, subject, body);
            return "OUTBOX";
        }
        MimeMessage message = new MimeMessage(mail);
        message.setFrom(new InternetAddress(settings.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        if (settings.user().isPresent()) {
            Transport.send(message, settings.user().get(), settings.password());
        } else {
            Transport.send(message);
        }
        return "SMTP";
    }

    /** The newest mail, sent or waiting, for the admins' outbox page. */
    public List<OutgoingMail> newest(int limit) {
        return sessions.fromTransaction(s -> s.createNativeQuery("""
                select id, recipient, language, subject, body, created_at, sent_at, via, attempts, last_error
                from outgoing_mail order by id desc""", Object[].class).setMaxResults(limit).getResultList().stream()
                .map(r -> new OutgoingMail(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3],
                        (String) r[4], SqlValues.instant(r[5]), SqlValues.instant(r[6]), (String) r[7],
                        ((Number) r[8]).intValue(), (String) r[9]))
                .toList());
    }

    public boolean smtp() {
        return settings.host().isPresent();
    }

    private static void safely(Runnable job) {
        try {
            job.run();
        } catch (RuntimeException e) {
            LOG.warn("notification job failed; it runs again shortly", e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }
}
