package org.nightlight.notify;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.db.SqlValues;

/** A person's notifications: the newest first, the unread count for the menu, marking them read. */
public final class Inbox {

    public static final int PAGE = 100;
    /**
     * How long the menu's count may be reused: every admin page shows it, and each page's statements are bounded
     * (AdminStatementsTest). This instance drops a person's count at once when their notifications change here;
     * notifications written by another instance show within this time.
     */
    static final Duration UNREAD_FRESH_FOR = Duration.ofSeconds(20);

    private final SessionFactory sessions;
    private final Clock clock;
    private final Cache<Long, Long> unreadCounts = Caffeine.newBuilder().expireAfterWrite(UNREAD_FRESH_FOR)
            .maximumSize(10_000).build();

    public Inbox(SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    /** The number in the menu: one statement on an index of the unread rows, reused for a few seconds. */
    public long unread(long userId) {
        return unreadCounts.get(userId, id -> sessions.fromTransaction(s -> s.createNativeQuery(
                "select count(*) from notifications where user_id = :user and read_at is null", Long.class)
                .setParameter("user", id).getSingleResult()));
    }

    /** The person's notifications changed (committed): their next page counts again. */
    void changed(long userId) {
        unreadCounts.invalidate(userId);
    }

    /** The newest notifications of a person, newest first. */
    public List<Notification> newest(long userId) {
        return sessions.fromTransaction(s -> read(s, "n.user_id = :user", userId, PAGE, false));
    }

    /** Marks one of the person's own notifications read; another person's is left alone (false). */
    public boolean markRead(long userId, long notificationId) {
        boolean marked = sessions.fromTransaction(s -> markRead(s, userId, notificationId));
        changed(userId);
        return marked;
    }

    private boolean markRead(Session s, long userId, long notificationId) {
        return s.createNativeMutationQuery("""
                update notifications set read_at = :now where id = :id and user_id = :user and read_at is null""")
                .setParameter("now", clock.instant()).setParameter("id", notificationId).setParameter("user", userId)
                .executeUpdate() == 1;
    }

    /** Marks one of the person's own notifications read and answers where it points (empty: not theirs). */
    public java.util.Optional<String> open(long userId, long notificationId) {
        return sessions.fromTransaction(s -> {
            java.util.Optional<String> path = read(s, "n.user_id = :user and n.id = " + notificationId, userId, 1, false)
                    .stream().findFirst().map(Notification::path);
            path.ifPresent(p -> markRead(s, userId, notificationId));
            return path;
        }).map(p -> {
            changed(userId);
            return p;
        });
    }

    public int markAllRead(long userId) {
        int marked = sessions.fromTransaction(s -> s.createNativeMutationQuery("""
                update notifications set read_at = :now where user_id = :user and read_at is null""")
                .setParameter("now", clock.instant()).setParameter("user", userId).executeUpdate());
        changed(userId);
        return marked;
    }

    /** Notifications matching {@code where} (on {@code n}, with :user), with the actor's name, in one statement. */
    static List<Notification> read(Session s, String where, long userId, int limit, boolean oldestFirst) {
        return s.createNativeQuery("""
                select n.id, n.event, n.item_id, n.language_code, n.revision_id, a.display_name, n.title, n.text,
                       n.created_at, n.read_at
                from notifications n left join users a on a.id = n.actor_id
                where\s""" + where + " order by n.id " + (oldestFirst ? "asc" : "desc"), Object[].class)
                .setParameter("user", userId).setMaxResults(limit).getResultList().stream()
                .map(r -> new Notification(((Number) r[0]).longValue(), Event.valueOf((String) r[1]), longOf(r[2]),
                        (String) r[3], longOf(r[4]), (String) r[5], (String) r[6], (String) r[7],
                        SqlValues.instant(r[8]), SqlValues.instant(r[9])))
                .toList();
    }

    private static Long longOf(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
