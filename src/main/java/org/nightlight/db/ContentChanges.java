package org.nightlight.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the PostgreSQL channel {@value #CHANNEL}, which triggers on publications, content items and
 * languages notify at commit (V3 migration), and tells the {@link Listener} what changed, so every app
 * instance on the database drops what it cached of it: a publication row names its item and language
 * ({@code publications 42 fr}); languages and reviewers' names and credentials are shared parts of every page
 * (rendered again, nothing dropped); anything else (order, search words, help numbers) means everything. One thread and one
 * connection of its own (not from the pool: it is held for ever). When the connection fails it reconnects
 * with back-off, and reports everything changed once listening again, because notifications sent in between
 * are lost.
 */
public final class ContentChanges implements AutoCloseable {

    public static final String CHANNEL = "nightlight_content";
    /** The listener's application_name in pg_stat_activity. */
    public static final String APPLICATION_NAME = "nightlight-listener";

    private static final Logger LOG = LoggerFactory.getLogger(ContentChanges.class);
    private static final int POLL_MILLIS = 500;
    private static final long CHECK_EVERY_MILLIS = 30_000;
    /** Tables whose notices mean the shared parts of every page changed, not what any page says. */
    private static final Set<String> SHARED_PARTS = Set.of("languages", "users", "user_credentials");

    private final String url;
    private final Properties properties = new Properties();
    private final Listener onChange;

    /** What a batch of notifications said. */
    public interface Listener {
        /** What readers see of one item in one language changed (published, withdrawn, unpublished, rolled back). */
        void itemChanged(long itemId, String languageCode);

        /** The language list or a reviewer's name or credentials changed: every page's frame, not its text. */
        void sharedPartsChanged();

        /** Anything else changed, or notices may have been missed: nothing cached may be served again. */
        void everythingChanged();
    }
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Connection connection;

    private ContentChanges(String url, String user, String password, Listener onChange) {
        this.url = url;
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("tcpKeepAlive", "true");
        this.onChange = onChange;
        this.thread = new Thread(this::run, "nightlight-content-listener");
        this.thread.setDaemon(true);
    }

    /** Starts listening in the background. */
    public static ContentChanges listen(String url, String user, String password, Listener onChange) {
        ContentChanges changes = new ContentChanges(url, user, password, onChange);
        changes.thread.start();
        return changes;
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection c = DriverManager.getConnection(url, properties)) {
                connection = c;
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                backoff = 100;
                everythingChanged();
                PGConnection pg = c.unwrap(PGConnection.class);
                long lastCheck = System.currentTimeMillis();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        LOG.debug("{} content change(s), first: {}", notifications.length,
                                notifications[0].getParameter());
                        changed(notifications);
                    }
                    if (System.currentTimeMillis() - lastCheck > CHECK_EVERY_MILLIS) {
                        // a half-open connection raises nothing on its own
                        if (!c.isValid(5)) {
                            throw new SQLException("listener connection is no longer valid");
                        }
                        lastCheck = System.currentTimeMillis();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                LOG.warn("content change listener lost its connection ({}); reconnecting in {} ms", e.getMessage(),
                        backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    break;
                }
                backoff = Math.min(backoff * 2, 5_000);
            } finally {
                connection = null;
            }
        }
    }

    private void changed(PGNotification[] notifications) {
        Set<String> items = new LinkedHashSet<>();
        boolean sharedParts = false;
        for (PGNotification notification : notifications) {
            String[] parts = notification.getParameter().split(" ");
            if (parts.length == 1 && SHARED_PARTS.contains(parts[0])) {
                sharedParts = true;
                continue;
            }
            if (parts.length != 3 || !parts[0].equals("publications") || !parts[1].matches("[0-9]{1,18}")) {
                everythingChanged();
                return;
            }
            items.add(parts[1] + " " + parts[2]);
        }
        for (String item : items) {
            String[] parts = item.split(" ");
            try {
                onChange.itemChanged(Long.parseLong(parts[0]), parts[1]);
            } catch (RuntimeException e) {
                LOG.error("content change handler failed", e);
                everythingChanged();
                return;
            }
        }
        if (sharedParts) {
            try {
                onChange.sharedPartsChanged();
            } catch (RuntimeException e) {
                LOG.error("content change handler failed", e);
                everythingChanged();
            }
        }
    }

    private void everythingChanged() {
        try {
            onChange.everythingChanged();
        } catch (RuntimeException e) {
            LOG.error("content change handler failed", e);
        }
    }

    /** Stops the thread and closes its connection; waits briefly for it to end. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing to unblock the thread; it is going away
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
