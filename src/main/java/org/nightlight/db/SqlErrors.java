package org.nightlight.db;

import java.sql.SQLException;
import java.util.Set;

/**
 * Tells apart why the database refused a write, from the SQLSTATE of the first {@link SQLException} in the
 * cause chain: someone else wrote the same row first (a race, told to the person as "meanwhile"), a safeguard of
 * the database refused it (a trigger or check: a rule the application should have refused first), or the
 * server's role may not do it.
 */
public final class SqlErrors {

    public enum Kind {
        /** 23505, or Hibernate's optimistic-lock failure: someone else changed it first */
        CONFLICT,
        /** NL001 (V8 triggers), 23514 (V2/V7 checks and triggers), 42501 (the role lacks the grant) */
        REFUSED,
        /** anything else: a bug or an outage, not a rule */
        OTHER
    }

    private static final String UNIQUE_VIOLATION = "23505";
    private static final Set<String> REFUSALS = Set.of("NL001", "23514", "42501");

    private SqlErrors() {
    }

    public static Kind kind(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.StaleStateException || t instanceof jakarta.persistence.OptimisticLockException) {
                return Kind.CONFLICT;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (UNIQUE_VIOLATION.equals(state)) {
                    return Kind.CONFLICT;
                }
                return state != null && REFUSALS.contains(state) ? Kind.REFUSED : Kind.OTHER;
            }
        }
        return Kind.OTHER;
    }

    /** The database's own words for the refusal (for logs, never for a page), or the error's message. */
    public static String message(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState() + ": " + sql.getMessage();
            }
        }
        return String.valueOf(error.getMessage());
    }
}
