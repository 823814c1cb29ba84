package org.nightlight.notify;

import java.time.Instant;

/** One notification as the inbox and the mail show it; {@code text} is what a person typed (a comment). */
public record Notification(long id, Event event, Long itemId, String languageCode, Long revisionId,
        String actorName, String title, String text, Instant createdAt, Instant readAt) {

    public boolean unread() {
        return readAt == null;
    }

    /** Where to act on it in the admin: the revision when there is one, else the item in that language. */
    public String path() {
        if (revisionId != null) {
            return "/admin/revisions/" + revisionId;
        }
        return itemId == null ? "/admin/" : "/admin/items/" + itemId + "/" + languageCode;
    }

    /** Notifications of one item in one language go together in a digest. */
    String group() {
        return itemId + "/" + languageCode;
    }
}
