package org.nightlight.account;

import org.nightlight.audit.Attribution;

/** Who does something and from where, as the audit log records it. */
public record Actor(long userId, String client) implements Attribution {

    public static Actor of(long userId) {
        return new Actor(userId, null);
    }
}
