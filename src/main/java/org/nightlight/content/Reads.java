package org.nightlight.content;

import org.hibernate.SessionFactory;
import org.hibernate.jdbc.ReturningWork;

/**
 * How the public site reads: without a transaction. Under READ COMMITTED each statement reads a snapshot of its
 * own inside a transaction as well, so one would add nothing to a page's reads but its COMMIT's round trip.
 */
final class Reads {

    private Reads() {
    }

    static <T> T withoutTransaction(SessionFactory sessions, ReturningWork<T> work) {
        return sessions.fromSession(s -> s.doReturningWork(work));
    }
}
