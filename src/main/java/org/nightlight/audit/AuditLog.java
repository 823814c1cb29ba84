package org.nightlight.audit;

import java.time.Clock;
import org.hibernate.Session;

/** Writes audit events inside the caller's transaction, so an action and its record commit together. */
public final class AuditLog {

    /**
     * Hears of each event as it is recorded, in the same transaction (notifications follow from what the log
     * records, so they commit or roll back with the step they tell of).
     */
    @FunctionalInterface
    public interface Listener {
        void recorded(Session session, AuditEvent event);
    }

    private final Clock clock;
    private final Listener listener;

    public AuditLog(Clock clock) {
        this(clock, (session, event) -> { });
    }

    public AuditLog(Clock clock, Listener listener) {
        this.clock = clock;
        this.listener = listener;
    }

    public void record(Session session, Attribution actor, String action, Long itemId, String languageCode,
            Long revisionId, String details) {
        AuditEvent event = new AuditEvent(clock.instant(), actor == null ? null : actor.userId(), action, itemId,
                languageCode, revisionId, details, actor == null ? null : actor.client());
        session.persist(event);
        listener.recorded(session, event);
    }

    /** An action by nobody signed in (a failed login), with where it came from. */
    public void recordAnonymous(Session session, String client, String action, String details) {
        session.persist(new AuditEvent(clock.instant(), null, action, null, null, null, details, client));
    }
}
