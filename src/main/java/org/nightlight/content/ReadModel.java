package org.nightlight.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.hibernate.Session;

/**
 * Keeps the public site's read model (V18's live_texts) equal to the live publications: every change of what
 * readers see of an item calls {@link #refresh} inside its own transaction, so the model commits with it.
 * Markdown is rendered here, once per publication, never per request; the database fills in everything else.
 */
public final class ReadModel {

    private static final String LIVE_TEXTS = """
            select v.id, v.body, v.sources from publications p join revisions v on v.id = p.revision_id
            where p.item_id = ? and p.ended_at is null and p.withdrawn_at is null""";
    // items whose live publications and rows disagree: never refreshed (data from before V18), or changed by
    // hand in SQL
    private static final String STALE = """
            select p.item_id from publications p left join live_texts t on t.publication_id = p.id
            where p.ended_at is null and (t.publication_id is null or t.withdrawn <> (p.withdrawn_at is not null))
            union
            select t.item_id from live_texts t join publications p on p.id = t.publication_id
            where p.ended_at is not null""";

    private final UnaryOperator<String> html;
    private final UnaryOperator<String> plain;

    /** {@code html}: Markdown to sanitized HTML; {@code plain}: Markdown to one line of plain text. */
    public ReadModel(UnaryOperator<String> html, UnaryOperator<String> plain) {
        this.html = html;
        this.plain = plain;
    }

    /** Rebuilds the rows of one item (every language) in the session's transaction. */
    public void refresh(Session s, long itemId) {
        s.flush();
        s.doWork(c -> refresh(c, itemId));
    }

    /**
     * Brings every item whose rows disagree with its live publications up to date, in one transaction of its
     * own; returns how many. Needs only a connection: the start runs it while Hibernate is being built.
     */
    public int refreshStale(DataSource database) {
        try (Connection c = database.getConnection()) {
            c.setAutoCommit(false);
            try {
                int refreshed = refreshStale(c);
                c.commit();
                return refreshed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("checking the read model failed: " + e.getMessage(), e);
        }
    }

    private int refreshStale(Connection c) throws SQLException {
        List<Long> items = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(STALE); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                items.add(rs.getLong(1));
            }
        }
        for (long item : items) {
            // one item at a time, as every workflow step (V8's lock_item), which holds it when it refreshes
            try (PreparedStatement lock = c.prepareStatement("select lock_item(?)")) {
                lock.setLong(1, item);
                lock.execute();
            }
            refresh(c, item);
        }
        return items.size();
    }

    private void refresh(Connection c, long itemId) throws SQLException {
        List<Long> revisions = new ArrayList<>();
        List<String> htmls = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        List<String> plains = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement(LIVE_TEXTS)) {
            st.setLong(1, itemId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    revisions.add(rs.getLong(1));
                    htmls.add(html.apply(rs.getString(2)));
                    String references = rs.getString(3);
                    sources.add(references == null || references.isBlank() ? "" : html.apply(references));
                    plains.add(plain.apply(rs.getString(2)));
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement("select refresh_live_texts(?, ?, ?, ?, ?)")) {
            st.setLong(1, itemId);
            st.setArray(2, c.createArrayOf("bigint", revisions.toArray()));
            st.setArray(3, c.createArrayOf("text", htmls.toArray()));
            st.setArray(4, c.createArrayOf("text", sources.toArray()));
            st.setArray(5, c.createArrayOf("text", plains.toArray()));
            st.execute();
        }
    }
}
