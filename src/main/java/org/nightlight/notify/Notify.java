package org.nightlight.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.hibernate.SessionFactory;
import org.nightlight.audit.AuditLog;
import org.nightlight.web.Messages;
import org.nightlight.workflow.NextSteps;
import org.nightlight.workflow.Policy;

/**
 * The notification feature as the composition root wires it: {@link #listener()} goes into the audit log
 * the workflow records with, {@link #start()} runs the mail once the server serves.
 */
public final class Notify implements AutoCloseable {

    /** How often the background thread looks for due mail, digests and reviews falling due. */
    static final Duration JOBS_EVERY = Duration.ofMinutes(1);

    private final MailDelivery delivery;
    private final Notifications notifications;
    private final Inbox inbox;
    private final Preferences preferences;

    /** {@code linkBase}: the site's origin for links in mail (NIGHTLIGHT_PUBLIC_URL, else this server). */
    public Notify(SessionFactory sessions, Clock clock, Policy policy, MailSettings mail, Supplier<String> linkBase) {
        this.delivery = new MailDelivery(sessions, clock, mail);
        this.inbox = new Inbox(sessions, clock);
        this.notifications = new Notifications(sessions, clock, new NextSteps(policy),
                new MailText(new Messages(), linkBase), delivery, inbox);
        // its own log: a change of settings is recorded like any change, and nobody is notified of it
        this.preferences = new Preferences(sessions, new AuditLog(clock), clock);
    }

    public AuditLog.Listener listener() {
        return notifications;
    }

    /** Starts sending mail and the periodic jobs (digests, reviews falling due); {@link #close()} stops them. */
    public void start() {
        delivery.start(JOBS_EVERY, () -> {
            notifications.sendDigests();
            notifications.notifyReviewsDue();
        });
    }

    public Notifications notifications() {
        return notifications;
    }

    public Inbox inbox() {
        return inbox;
    }

    public Preferences preferences() {
        return preferences;
    }

    public MailDelivery mail() {
        return delivery;
    }

    @Override
    public void close() {
        delivery.close();
    }
}
