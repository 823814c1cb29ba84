package org.nightlight.notify;

import java.time.Clock;
import java.util.Locale;
import org.hibernate.SessionFactory;
import org.nightlight.audit.Attribution;
import org.nightlight.audit.AuditLog;
import org.nightlight.web.Messages;

/** Each person's own notification settings: their mail address, the language of their mail, immediate or digest. */
public final class Preferences {

    /** A person's settings; {@code email} null: the inbox only. */
    public record Choice(String email, String language, Delivery delivery) {
    }

    /** A setting that cannot be used, named by its form field and a message key. */
    public static final class Invalid extends RuntimeException {
        private final String field;
        private final String messageKey;

        Invalid(String field, String messageKey) {
            super(field + ": " + messageKey);
            this.field = field;
            this.messageKey = messageKey;
        }

        public String field() {
            return field;
        }

        public String messageKey() {
            return messageKey;
        }
    }

    private final SessionFactory sessions;
    private final AuditLog audit;
    private final Clock clock;

    public Preferences(SessionFactory sessions, AuditLog audit, Clock clock) {
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    /** The person's settings, or the defaults (no mail, English, immediate) when they never chose. */
    public Choice of(long userId) {
        return sessions.fromTransaction(s -> s.createNativeQuery(
                "select email, language, delivery from notification_settings where user_id = :user", Object[].class)
                .setParameter("user", userId).getResultList().stream().findFirst()
                .map(r -> new Choice((String) r[0], (String) r[1], Delivery.valueOf((String) r[2])))
                .orElse(new Choice(null, "en", Delivery.IMMEDIATE)));
    }

    /**
     * Saves the signed-in person's own settings (never anyone else's) and records the change, since a changed
     * address redirects their mail. A blank address turns mail off.
     */
    public void save(Attribution me, String email, String language, String delivery) {
        String address = email == null || email.isBlank() ? null : email.strip();
        if (address != null && !MailSettings.isAddress(address)) {
            throw new Invalid("email", "notify.settings.emailInvalid");
        }
        if (language == null || !Messages.UI_LANGUAGES.contains(language)) {
            throw new Invalid("language", "notify.settings.languageInvalid");
        }
        Delivery how;
        try {
            how = Delivery.valueOf(String.valueOf(delivery).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Invalid("delivery", "notify.settings.deliveryInvalid");
        }
        sessions.inTransaction(s -> {
            s.createNativeMutationQuery("""
                    insert into notification_settings (user_id, email, language, delivery, digest_sent_at)
                    values (:user, :email, :lang, :delivery, :now)
                    on conflict (user_id) do update set email = excluded.email, language = excluded.language,
                        delivery = excluded.delivery,
                        digest_sent_at = case when notification_settings.delivery = excluded.delivery
                                              then notification_settings.digest_sent_at else excluded.digest_sent_at end""")
                    .setParameter("user", me.userId()).setParameter("email", address, String.class)
                    .setParameter("lang", language).setParameter("delivery", how.name())
                    .setParameter("now", clock.instant()).executeUpdate();
            audit.record(s, me, "NOTIFICATIONS_CHANGED", null, null, null,
                    (address == null ? "no mail" : address) + ", " + language + ", " + how);
        });
    }
}
