package org.nightlight.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL reads and writes on a test class's database, for asserting what a test left behind. */
public final class Rows {

    private Rows() {
    }

    public static long count(TestPostgres db, String table) throws SQLException {
        return Long.parseLong(strings(db, "select count(*) from " + table).get(0));
    }

    /** The first column of every row, as text. */
    public static List<String> strings(TestPostgres db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    public static void execute(TestPostgres db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Empties the content tables (keeps languages and the schema) so each test starts from nothing. */
    public static void clearContent(TestPostgres db) throws SQLException {
        // the workflow tables refuse TRUNCATE by trigger; a superuser test connection may switch triggers off
        execute(db, "set session_replication_role = replica;"
                + " truncate audit_events, reviews, submissions, publications, revisions, content_items"
                + " restart identity cascade;"
                + " set session_replication_role = origin");
        execute(db, "delete from languages where not is_source");
    }
}
