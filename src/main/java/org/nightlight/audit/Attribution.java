package org.nightlight.audit;

/**
 * Whom an audit event is attributed to: a user's id and the client they acted from. The audit log's own
 * type, so that it needs nothing from {@code account} (whose {@code Actor} is one), while accounts record
 * their changes here.
 */
public interface Attribution {

    long userId();

    /** Where the request came from, or null (commands, the demo). */
    String client();
}
