package org.nightlight.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Whether PostgreSQL cleans up after itself. Without autovacuum (or the statistics it runs on) dead rows stay in
 * the tables and their indexes, and statistics go stale: a search read twice as many index entries as it should
 * after one rolled-back update of the search index (bench/README.md). Checked once at start; a warning, not a
 * refusal, since an operator may vacuum on a schedule instead.
 */
public final class Autovacuum {

    private Autovacuum() {
    }

    /** The warning for the log, or empty when autovacuum runs. */
    public static Optional<String> warning(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select current_setting('autovacuum'), current_setting('track_counts')")) {
            rs.next();
            return warning("on".equals(rs.getString(1)), "on".equals(rs.getString(2)));
        } catch (SQLException e) {
            return Optional.of("Could not read the database's autovacuum setting: " + e.getMessage());
        }
    }

    static Optional<String> warning(boolean autovacuum, boolean trackCounts) {
        if (autovacuum && trackCounts) {
            return Optional.empty();
        }
        return Optional.of("PostgreSQL's " + (autovacuum ? "track_counts" : "autovacuum") + " is off: dead rows and"
                + " stale statistics will slow searches and every workflow step as the content changes. Turn it on"
                + " (the default) or vacuum and analyze on a schedule; see docs/operations.md.");
    }
}
