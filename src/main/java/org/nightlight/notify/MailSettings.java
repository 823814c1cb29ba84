package org.nightlight.notify;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How notifications leave by mail (NIGHTLIGHT_SMTP_*, NIGHTLIGHT_MAIL_FROM). Without a host nothing is sent:
 * the mail is kept for the admins' outbox page and logged, so a site without a mail server still shows what it
 * would have sent.
 */
public record MailSettings(Optional<String> host, int port, Optional<String> user, String password, Tls tls,
        String from) {

    /** none: plain SMTP; starttls: upgrade on the SMTP port, required; tls: TLS from the first byte (port 465). */
    public enum Tls { NONE, STARTTLS, TLS }

    /** The same rule as V20's check of notification_settings.email: one plain address, no name or list. */
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+");

    public static boolean isAddress(String text) {
        return text != null && text.length() <= 254 && ADDRESS.matcher(text).matches();
    }

    /** No mail server configured. */
    public static MailSettings outboxOnly() {
        return new MailSettings(Optional.empty(), 25, Optional.empty(), "", Tls.NONE, "nightlight@localhost");
    }

    @Override
    public String toString() { // never the password, even in a log line
        return "MailSettings[host=" + host.orElse("(outbox)") + ", port=" + port + ", user=" + user.orElse("")
                + ", tls=" + tls + ", from=" + from + "]";
    }
}
