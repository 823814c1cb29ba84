package org.nightlight.notify;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.audit.Attribution;
import org.nightlight.audit.AuditEvent;
import org.nightlight.audit.AuditLog;
import org.nightlight.workflow.NextSteps;

/**
 * Who hears of what. Notifications follow from the audit events of workflow steps, written in the step's own
 * transaction ({@link AuditLog.Listener}); who receives one is who the workflow's policy lets act next
 * ({@link NextSteps}), the author of a reviewed text, or everyone working in a language a SAFETY change hit.
 * Never the person who acted. Mail is queued in the same transaction and sent after the commit by
 * {@link MailDelivery}; a digest reader's notifications wait for {@link #sendDigests()}.
 */
public final class Notifications implements AuditLog.Listener {

    static final Duration DIGEST_EVERY = Duration.ofDays(1);
    static final int REVIEW_DUE_DAYS = 30;

    private record Recipient(String email, String language, Delivery delivery) {
    }

    private final SessionFactory sessions;
    private final Clock clock;
    private final NextSteps nextSteps;
    private final MailText text;
    private final MailDelivery delivery;
    private final Inbox inbox;

    public Notifications(SessionFactory sessions, Clock clock, NextSteps nextSteps, MailText text,
            MailDelivery delivery, Inbox inbox) {
        this.sessions = sessions;
        this.clock = clock;
        this.nextSteps = nextSteps;
        this.text = text;
        this.delivery = delivery;
        this.inbox = inbox;
    }

    @Override
    public void recorded(Session s, AuditEvent e) {
        if (e.itemId() == null || e.languageCode() == null) {
            return;
        }
        switch (e.action()) {
            case "SUBMITTED" -> workArrives(s, e, e.itemId(), e.languageCode(), false);
            case "REVIEWED" -> reviewed(s, e);
            case "PUBLISHED" -> published(s, e);
            case "WITHDRAWN" -> safety(s, e);
            case "COMMENT_ADDED", "COMMENT_REPLIED" -> commentWritten(s, e);
            default -> {
            }
        }
    }

    /**
     * Someone commented on a text: its author hears of it, and so do {@code participants} (the others in the
     * conversation), never the one who wrote the comment. Call it inside the transaction that stores the comment.
     */
    public void commented(Session s, Attribution actor, long itemId, String languageCode, Long revisionId,
            String comment, Collection<Long> participants) {
        Set<Long> to = new LinkedHashSet<>(participants);
        Long author = revisionId == null ? null : s.createNativeQuery(
                "select author_id from revisions where id = :id", Long.class).setParameter("id", revisionId)
                .getResultList().stream().findFirst().orElse(null);
        if (author != null) {
            to.add(author);
        }
        for (long userId : to) {
            add(s, userId, Event.COMMENTED, itemId, languageCode, revisionId, actor.userId(), comment);
        }
    }

    /**
     * A comment in an item's conversation (V19): the revision's author and everyone else in that topic hear of it.
     * A review decision's own comment is left out: the decision's notice carries it already.
     */
    private void commentWritten(Session s, AuditEvent e) {
        if (e.actorId() == null || e.details().contains(" of review ")) {
            return;
        }
        s.flush();
        List<Object[]> written = s.createNativeQuery("""
                select c.body, coalesce(c.parent_id, c.id) from comments c
                where c.item_id = :item and c.language_code = :lang and c.author_id = :actor
                order by c.id desc limit 1""", Object[].class).setParameter("item", e.itemId())
                .setParameter("lang", e.languageCode()).setParameter("actor", e.actorId()).getResultList();
        if (written.isEmpty()) {
            return;
        }
        long topic = ((Number) written.get(0)[1]).longValue();
        List<Long> participants = s.createNativeQuery(
                "select distinct author_id from comments where id = :topic or parent_id = :topic", Long.class)
                .setParameter("topic", topic).getResultList();
        long actorId = e.actorId();
        commented(s, new Attribution() {
            @Override
            public long userId() {
                return actorId;
            }

            @Override
            public String client() {
                return null;
            }
        }, e.itemId(), e.languageCode(), e.revisionId(), (String) written.get(0)[0], participants);
    }

    /** The people whose queue the text now enters hear of it; {@code translating}: only translators. */
    private void workArrives(Session s, AuditEvent e, long itemId, String languageCode, boolean translating) {
        s.flush(); // the step's own rows, so the policy sees the state after it
        for (Map.Entry<Long, NextSteps.Work> next : nextSteps.whoActsNext(s, itemId, languageCode).entrySet()) {
            if (translating && next.getValue() != NextSteps.Work.TO_TRANSLATE) {
                continue;
            }
            add(s, next.getKey(), Event.valueOf(next.getValue().name()), itemId, languageCode,
                    next.getValue() == NextSteps.Work.TO_TRANSLATE ? null : latestRevision(s, itemId, languageCode),
                    e.actorId(), "");
        }
    }

    /** The author hears the decision with its comment; on approval the next person's queue gets the text. */
    private void reviewed(Session s, AuditEvent e) {
        s.flush();
        Object[] review = s.createNativeQuery("""
                select rv.decision, rv.comment, v.author_id from reviews rv join revisions v on v.id = rv.revision_id
                where rv.revision_id = :rev order by rv.id desc limit 1""", Object[].class)
                .setParameter("rev", e.revisionId()).getSingleResult();
        boolean approved = "APPROVED".equals(review[0]);
        if (review[2] != null) {
            add(s, ((Number) review[2]).longValue(), approved ? Event.APPROVED : Event.SENT_BACK, e.itemId(),
                    e.languageCode(), e.revisionId(), e.actorId(), (String) review[1]);
        }
        if (approved) {
            workArrives(s, e, e.itemId(), e.languageCode(), false);
        }
    }

    /**
     * New source text: every language it left behind has translating to do. Live translations a SAFETY change
     * withdraws hear of it as SAFETY (their WITHDRAWN events follow in this transaction), not twice.
     */
    private void published(Session s, AuditEvent e) {
        if (!e.languageCode().equals(sourceLanguage(s))) {
            return;
        }
        boolean safety = "source change SAFETY".equals(e.details());
        List<Object[]> languages = s.createNativeQuery("""
                select l.code, exists (select 1 from publications p where p.item_id = :item
                                        and p.language_code = l.code and p.ended_at is null)
                from languages l where not l.is_source order by l.position, l.code""", Object[].class)
                .setParameter("item", e.itemId()).getResultList();
        for (Object[] language : languages) {
            if (!(safety && (Boolean) language[1])) {
                workArrives(s, e, e.itemId(), (String) language[0], true);
            }
        }
    }

    /** Text taken off the site: everyone who works in that language hears at once (editors too, for source text). */
    private void safety(Session s, AuditEvent e) {
        List<Long> people = s.createNativeQuery("""
                select u.id from users u where u.active and (
                    exists (select 1 from user_qualifications q where q.user_id = u.id and q.language_code = :lang)
                    or exists (select 1 from user_roles r where r.user_id = u.id and r.role = 'EDITOR')
                       and :lang = (select code from languages where is_source))
                order by u.id""", Long.class).setParameter("lang", e.languageCode()).getResultList();
        for (long userId : people) {
            add(s, userId, Event.SAFETY, e.itemId(), e.languageCode(), null, e.actorId(), "");
        }
    }

    /**
     * The daily job: a live text whose clinical review falls due within 30 days is told, once, to the editors
     * and clinicians (who see it in their "review due" queue).
     */
    public int notifyReviewsDue() {
        LocalDate until = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(REVIEW_DUE_DAYS);
        return sessions.fromTransaction(s -> {
            List<Object[]> due = s.createNativeQuery("""
                    select p.item_id, p.language_code, p.revision_id, u.id
                    from publications p cross join users u
                    where p.ended_at is null and p.withdrawn_at is null and p.next_review_due <= :until and u.active
                      and exists (select 1 from user_roles r where r.user_id = u.id and r.role in ('EDITOR', 'CLINICIAN'))
                      and not exists (select 1 from notifications n where n.user_id = u.id
                                      and n.revision_id = p.revision_id and n.event = 'REVIEW_DUE')
                    order by p.next_review_due, p.id, u.id""", Object[].class)
                    .setParameter("until", until).getResultList();
            for (Object[] row : due) {
                add(s, ((Number) row[3]).longValue(), Event.REVIEW_DUE, ((Number) row[0]).longValue(),
                        (String) row[1], ((Number) row[2]).longValue(), null, "");
            }
            return due.size();
        });
    }

    /**
     * Sends each digest reader whose last digest is a day old everything that waited since, in one mail
     * grouped by item and language. Returns how many digests were queued.
     */
    public int sendDigests() {
        Instant now = clock.instant();
        List<Long> readers = sessions.fromTransaction(s -> s.createNativeQuery("""
                select ns.user_id from notification_settings ns
                where ns.delivery = 'DAILY_DIGEST' and ns.email is not null and ns.digest_sent_at <= :due
                  and exists (select 1 from notifications n where n.user_id = ns.user_id and n.mail = 'DIGEST')
                order by ns.user_id""", Long.class).setParameter("due", now.minus(DIGEST_EVERY)).getResultList());
        int sent = 0;
        for (long userId : readers) {
            sent += sessions.fromTransaction(s -> {
                Object[] r = s.createNativeQuery("""
                        select email, language from notification_settings
                        where user_id = :user and digest_sent_at <= :due for update skip locked""", Object[].class)
                        .setParameter("user", userId).setParameter("due", now.minus(DIGEST_EVERY))
                        .getResultList().stream().findFirst().orElse(null);
                if (r == null) {
                    return 0; // another instance is sending it
                }
                List<Notification> waiting = Inbox.read(s, "n.user_id = :user and n.mail = 'DIGEST'", userId,
                        Integer.MAX_VALUE, true);
                if (waiting.isEmpty()) {
                    return 0;
                }
                MailText.Mail mail = text.digest(Locale.forLanguageTag((String) r[1]), waiting);
                delivery.queue(s, userId, (String) r[0], (String) r[1], mail, now);
                s.createNativeMutationQuery("update notifications set mail = 'DIGESTED' where user_id = :user"
                        + " and mail = 'DIGEST' and id <= :last").setParameter("user", userId)
                        .setParameter("last", waiting.get(waiting.size() - 1).id()).executeUpdate();
                s.createNativeMutationQuery("update notification_settings set digest_sent_at = :now"
                        + " where user_id = :user").setParameter("now", now).setParameter("user", userId)
                        .executeUpdate();
                afterCommit(s, delivery::wake);
                return 1;
            });
        }
        return sent;
    }

    private void add(Session s, long userId, Event event, Long itemId, String languageCode, Long revisionId,
            Long actorId, String comment) {
        if (actorId != null && actorId == userId) {
            return;
        }
        Recipient to = recipient(s, userId);
        if (to == null) {
            return; // no such active person
        }
        String mail = to.email() == null ? "NONE"
                : event.urgent() || to.delivery() == Delivery.IMMEDIATE ? "MAILED" : "DIGEST";
        Instant now = clock.instant();
        String title = title(s, itemId, languageCode);
        Long id = s.createNativeQuery("""
                insert into notifications (user_id, event, item_id, language_code, revision_id, actor_id, title, text,
                                           created_at, mail)
                values (:user, :event, :item, :lang, :rev, :actor, :title, :text, :now, :mail) returning id""", Long.class)
                .setParameter("user", userId).setParameter("event", event.name())
                .setParameter("item", itemId, Long.class).setParameter("lang", languageCode, String.class)
                .setParameter("rev", revisionId, Long.class).setParameter("actor", actorId, Long.class)
                .setParameter("title", title).setParameter("text", comment == null ? "" : comment)
                .setParameter("now", now).setParameter("mail", mail).getSingleResult();
        afterCommit(s, () -> inbox.changed(userId));
        if (mail.equals("MAILED")) {
            Notification n = new Notification(id, event, itemId, languageCode, revisionId, name(s, actorId), title,
                    comment == null ? "" : comment, now, null);
            delivery.queue(s, userId, to.email(), to.language(), text.single(Locale.forLanguageTag(to.language()), n),
                    now);
            afterCommit(s, delivery::wake);
        }
    }

    /**
     * Runs once the step has committed, never if it rolls back: mail leaves then, on the sender's thread (never
     * inside the request's step), and the menu's count is read again.
     */
    private static void afterCommit(Session s, Runnable then) {
        s.getTransaction().registerSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    then.run();
                }
            }
        });
    }

    private static Recipient recipient(Session s, long userId) {
        Object[] row = s.createNativeQuery("""
                select ns.email, ns.language, ns.delivery from users u
                left join notification_settings ns on ns.user_id = u.id where u.id = :user and u.active""",
                Object[].class).setParameter("user", userId).getResultList().stream().findFirst().orElse(null);
        if (row == null) {
            return null;
        }
        return new Recipient((String) row[0], row[1] == null ? "en" : (String) row[1],
                row[2] == null ? Delivery.IMMEDIATE : Delivery.valueOf((String) row[2]));
    }

    /** The item's newest title in the language, else in the source language. */
    private static String title(Session s, Long itemId, String languageCode) {
        if (itemId == null) {
            return "";
        }
        return s.createNativeQuery("""
                select title from revisions where item_id = :item
                  and (language_code = :lang or language_code = (select code from languages where is_source))
                order by (language_code = :lang) desc, number desc limit 1""", String.class)
                .setParameter("item", itemId).setParameter("lang", languageCode, String.class)
                .getResultList().stream().findFirst().orElse("");
    }

    private static String name(Session s, Long userId) {
        return userId == null ? null : s.createNativeQuery("select display_name from users where id = :id",
                String.class).setParameter("id", userId).getSingleResult();
    }

    private static Long latestRevision(Session s, long itemId, String languageCode) {
        return s.createNativeQuery("""
                select id from revisions where item_id = :item and language_code = :lang order by number desc limit 1""",
                Long.class).setParameter("item", itemId).setParameter("lang", languageCode)
                .getResultList().stream().findFirst().orElse(null);
    }

    private static String sourceLanguage(Session s) {
        return s.createNativeQuery("select code from languages where is_source", String.class).getSingleResult();
    }
}
