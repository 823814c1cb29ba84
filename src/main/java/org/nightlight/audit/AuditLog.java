package org.nightlight.audit;

import java.time.Clock;
import org.hibernate.Session;

/** Writes audit events inside the caller's transaction, so an action and its record commit together. */
public final class AuditLog {

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    public void record(Session session, Attribution actor, String action, Long itemId, String languageCode,
            Long revisionId, String details) {
        session.persist(new AuditEvent(clock.instant(), actor == null ? null : actor.userId(), action, itemId,
                languageCode, revisionId, details, actor == null ? null : actor.client()));
    }

    /** An action by nobody signed in (a failed login), with where it came from. */
    public void recordAnonymous(Session session, String client, String action, String details) {
        session.persist(new AuditEvent(clock.instant(), null, action, null, null, null, details, client));
    }
}
