package org.nightlight.notify;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.nightlight.web.Messages;

/** A notification's words, in the recipient's language: one mail per notification, or one digest of many. */
final class MailText {

    record Mail(String subject, String body) {
    }

    private final Messages messages;
    private final Supplier<String> baseUrl;

    MailText(Messages messages, Supplier<String> baseUrl) {
        this.messages = messages;
        this.baseUrl = baseUrl;
    }

    String headline(Locale locale, Notification n) {
        return messages.get(locale, n.event().messageKey(), n.title(), n.languageCode() == null ? "" : n.languageCode(),
                n.actorName() == null ? "" : n.actorName());
    }

    Mail single(Locale locale, Notification n) {
        String headline = headline(locale, n);
        StringBuilder body = new StringBuilder(headline).append("\n\n");
        comment(locale, n, body);
        body.append(messages.get(locale, "notify.mail.open", link(n))).append("\n");
        footer(locale, body);
        return new Mail(messages.get(locale, "notify.mail.subject", headline), body.toString());
    }

    /** Many notifications in one mail, grouped by item and language, oldest first within a group. */
    Mail digest(Locale locale, List<Notification> notes) {
        Map<String, List<Notification>> groups = new LinkedHashMap<>();
        for (Notification n : notes) {
            groups.computeIfAbsent(n.group(), g -> new java.util.ArrayList<>()).add(n);
        }
        StringBuilder body = new StringBuilder(messages.get(locale, "notify.digest.intro", notes.size()))
                .append("\n");
        for (List<Notification> group : groups.values()) {
            Notification first = group.get(0);
            body.append("\n").append(first.title())
                    .append(first.languageCode() == null ? "" : " (" + first.languageCode() + ")").append("\n");
            for (Notification n : group) {
                body.append("- ").append(headline(locale, n)).append("\n");
                if (!n.text().isEmpty()) {
                    body.append("  ").append(messages.get(locale, "notify.mail.comment", nameOf(n))).append(" ")
                            .append(n.text().replace("\n", "\n  ")).append("\n");
                }
            }
            body.append("  ").append(messages.get(locale, "notify.mail.open", link(group.get(group.size() - 1))))
                    .append("\n");
        }
        footer(locale, body);
        return new Mail(messages.get(locale, "notify.digest.subject", notes.size()), body.toString());
    }

    private void comment(Locale locale, Notification n, StringBuilder body) {
        if (!n.text().isEmpty()) {
            body.append(messages.get(locale, "notify.mail.comment", nameOf(n))).append("\n");
            for (String line : n.text().split("\n", -1)) {
                body.append("> ").append(line).append("\n");
            }
            body.append("\n");
        }
    }

    private void footer(Locale locale, StringBuilder body) {
        body.append("\n-- \n").append(messages.get(locale, "notify.mail.footer", baseUrl.get() + "/admin/notifications"))
                .append("\n");
    }

    private String link(Notification n) {
        return baseUrl.get() + n.path();
    }

    private static String nameOf(Notification n) {
        return n.actorName() == null ? "" : n.actorName();
    }
}
