package org.nightlight.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool behind a circuit breaker. Once a connection could not be made, every caller fails at once (a 503 at
 * the edge) instead of waiting out the pool's timeout, and a background probe tries again every
 * {@link #RETRY_EVERY}, so no request waits while PostgreSQL is away and everything recovers by itself as soon
 * as it is back.
 */
public final class FailFastDataSource implements DataSource, AutoCloseable {

    static final Duration RETRY_EVERY = Duration.ofMillis(500);
    /** SQLSTATE class 08: connection exception; what the refusal below says too. */
    private static final String CONNECTION_EXCEPTION = "08001";
    private static final Logger LOG = LoggerFactory.getLogger(FailFastDataSource.class);

    private final DataSource pool;
    private final AtomicBoolean open = new AtomicBoolean();
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "database-probe");
        thread.setDaemon(true);
        return thread;
    });

    public FailFastDataSource(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(pool::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(() -> pool.getConnection(username, password));
    }

    /** Whether connections were failing at the last attempt. */
    public boolean open() {
        return open.get();
    }

    private interface Connect {
        Connection get() throws SQLException;
    }

    private Connection guarded(Connect connect) throws SQLException {
        if (open.get()) {
            throw new SQLTransientConnectionException("the database is unreachable; trying again in the background",
                    CONNECTION_EXCEPTION);
        }
        try {
            return connect.get();
        } catch (SQLException e) {
            if (unreachable(e)) {
                unreachable(e.getMessage());
            }
            throw e;
        }
    }

    /**
     * Opens the breaker from outside: a connection the pool handed out without checking (used moments ago)
     * turned out dead, so the next caller would otherwise wait for the pool's timeout.
     */
    public void unreachable(String why) {
        if (open.compareAndSet(false, true)) {
            LOG.warn("database unreachable ({}): answering 503 until it is back", why);
            probe.schedule(this::probe, RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * One attempt; closes the breaker when a connection answers, else tries again later. The pool may hand out
     * an idle connection used moments ago without checking it, so the probe asks it to answer.
     */
    private void probe() {
        boolean answers;
        try (Connection c = pool.getConnection()) {
            answers = c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            answers = false;
        }
        if (answers) {
            open.set(false);
            LOG.info("database reachable again");
        } else if (!probe.isShutdown()) {
            probe.schedule(this::probe, RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** No connection could be had: none free within the pool's timeout, refused, or lost. */
    private static boolean unreachable(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"));
    }

    @Override
    public void close() {
        probe.shutdownNow();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
