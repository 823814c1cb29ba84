package org.nightlight.account;

/** Who does something and from where, as the audit log records it. */
public record Actor(long userId, String client) {

    public static Actor of(long userId) {
        return new Actor(userId, null);
    }
}
