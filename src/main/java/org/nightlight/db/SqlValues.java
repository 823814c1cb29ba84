package org.nightlight.db;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** Column values of native queries, whichever JDBC type the driver hands back for them. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamptz column; null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /** A date column; null stays null. */
    public static LocalDate localDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }
}
