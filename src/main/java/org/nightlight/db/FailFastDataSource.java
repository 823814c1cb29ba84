package org.nightlight.db;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool behind a circuit breaker. Once a connection could not be made, callers fail at once (a 503 at the
 * edge) instead of each waiting out the pool's timeout; one caller at a time tries again every
 * {@link #RETRY_EVERY}, so everything recovers by itself as soon as PostgreSQL is back.
 */
public final class FailFastDataSource implements DataSource {

    static final Duration RETRY_EVERY = Duration.ofMillis(500);
    /** SQLSTATE class 08: connection exception; what the refusal below says too. */
    private static final String CONNECTION_EXCEPTION = "08001";
    private static final long CLOSED = Long.MIN_VALUE;

    private final DataSource pool;
    private final Clock clock;
    /** When the next attempt may be made while open; {@link #CLOSED} while connections work. */
    private final AtomicLong nextAttemptAt = new AtomicLong(CLOSED);

    public FailFastDataSource(DataSource pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return guarded(() -> pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return guarded(() -> pool.getConnection(username, password));
    }

    /** Whether connections were failing at the last attempt. */
    public boolean open() {
        return nextAttemptAt.get() != CLOSED;
    }

    private interface Connect {
        Connection get() throws SQLException;
    }

    private Connection guarded(Connect connect) throws SQLException {
        long next = nextAttemptAt.get();
        long now = clock.millis();
        if (next != CLOSED && (now < next || !nextAttemptAt.compareAndSet(next, now + RETRY_EVERY.toMillis()))) {
            throw new SQLTransientConnectionException("the database is unreachable; next attempt soon",
                    CONNECTION_EXCEPTION);
        }
        try {
            Connection connection = connect.get();
            nextAttemptAt.set(CLOSED);
            return connection;
        } catch (SQLException e) {
            if (unreachable(e)) {
                nextAttemptAt.set(clock.millis() + RETRY_EVERY.toMillis());
            }
            throw e;
        }
    }

    /** No connection could be had: none free within the pool's timeout, refused, or lost. */
    private static boolean unreachable(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || e.getSQLState() != null && (e.getSQLState().startsWith("08") || e.getSQLState().startsWith("57P"));
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
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
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
