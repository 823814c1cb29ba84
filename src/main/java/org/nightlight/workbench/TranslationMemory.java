package org.nightlight.workbench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.nightlight.units.Unit;
import org.nightlight.units.Units;

/**
 * Suggestions from what translators wrote before: pairs of source unit and translated unit (and of titles),
 * cut from approved, published translations whose units line up with the source revision they were made
 * from, found again exactly or by trigram similarity (pg_trgm).
 *
 * <p>The segments are cut lazily, per language pair, just before suggestions are made, rather than in the
 * publishing transaction: publishing, rollback and the demo's seeding all reach the memory without the
 * workflow knowing about it, and a publication never waits for (or fails because of) the memory. Published
 * revisions never change, so a revision is cut once; a withdrawn one is left out when suggesting.
 */
public final class TranslationMemory implements Suggestions {

    /** Below this trigram similarity a segment is too different to help (short titles share many trigrams). */
    static final double MIN_SIMILARITY = 0.6;
    static final int PER_UNIT = 3;
    static final int TITLE = -1;

    private final SessionFactory sessions;

    public TranslationMemory(SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public List<List<Suggestion>> suggest(String sourceLanguage, String targetLanguage, List<String> sourceTexts) {
        catchUp(targetLanguage);
        List<List<Suggestion>> all = new ArrayList<>();
        sourceTexts.forEach(t -> all.add(new ArrayList<>()));
        if (sourceTexts.isEmpty()) {
            return all;
        }
        sessions.inTransaction(s -> s.doWork(c -> {
            // one statement for every unit: each looks up its own best few, one per distinct translation
            try (PreparedStatement st = c.prepareStatement("""
                    select q.n, m.source_text, m.target_text, m.score, m.item_id, m.title, m.number
                    from unnest(?::text[]) with ordinality q(t, n)
                    cross join lateral (
                        select * from (
                            select distinct on (m.target_text) m.source_text, m.target_text, m.item_id,
                                   r.title, r.number, similarity(m.source_text, q.t) score
                            from memory_segments m join revisions r on r.id = m.revision_id
                            where m.source_language = ? and m.target_language = ?
                              and (m.source_text = q.t or (m.source_text % q.t and similarity(m.source_text, q.t) >= ?))
                              and exists (select 1 from publications p
                                          where p.revision_id = m.revision_id and p.withdrawn_at is null)
                            order by m.target_text, (m.source_text = q.t) desc, similarity(m.source_text, q.t) desc,
                                     m.revision_id desc) best
                        order by (best.source_text = q.t) desc, best.score desc
                        limit ?) m
                    order by q.n, (m.source_text = q.t) desc, m.score desc""")) {
                st.setArray(1, c.createArrayOf("text", sourceTexts.toArray()));
                st.setString(2, sourceLanguage);
                st.setString(3, targetLanguage);
                st.setDouble(4, MIN_SIMILARITY);
                st.setInt(5, PER_UNIT);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        int unit = rs.getInt(1) - 1;
                        String source = rs.getString(2);
                        boolean exact = source.equals(sourceTexts.get(unit));
                        int score = exact ? 100 : Math.min(99, (int) Math.round(rs.getDouble(4) * 100));
                        all.get(unit).add(new Suggestion(source, rs.getString(3), score,
                                new Origin(rs.getLong(5), rs.getString(6), targetLanguage, rs.getInt(7))));
                    }
                }
            }
        }));
        return all;
    }

    /** Cuts every published translation into {@code targetLanguage} not cut yet. */
    void catchUp(String targetLanguage) {
        sessions.inTransaction(s -> s.doWork(c -> {
            for (long[] pending : pending(c, targetLanguage)) {
                harvest(c, pending[0], pending[1]);
            }
        }));
    }

    private static List<long[]> pending(Connection c, String targetLanguage) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("""
                select distinct r.id, r.base_source_revision_id from publications p
                join revisions r on r.id = p.revision_id
                where p.language_code = ? and p.withdrawn_at is null and r.base_source_revision_id is not null
                  and not exists (select 1 from memory_harvests h where h.revision_id = r.id)
                order by r.id""")) {
            st.setString(1, targetLanguage);
            List<long[]> pending = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    pending.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return pending;
        }
    }

    /** One translation against its source revision: its title and, when the units line up, each unit. */
    private static void harvest(Connection c, long revisionId, long sourceRevisionId) throws SQLException {
        String[] translation = text(c, revisionId);
        String[] source = text(c, sourceRevisionId);
        List<String[]> pairs = new ArrayList<>();
        pairs.add(new String[] {source[1], translation[1]});
        Units.Split from = Units.of(source[2]);
        Units.Split to = Units.of(translation[2]);
        boolean aligned = from.units().size() == to.units().size();
        for (int i = 0; aligned && i < from.units().size(); i++) {
            aligned = from.units().get(i).kind() == to.units().get(i).kind();
        }
        List<Integer> indexes = new ArrayList<>(List.of(TITLE));
        if (aligned) {
            for (Unit unit : from.units()) {
                if (unit.translatable()) {
                    pairs.add(new String[] {unit.content(), to.units().get(unit.index()).content()});
                    indexes.add(unit.index());
                }
            }
        }
        try (PreparedStatement st = c.prepareStatement(
                "insert into memory_harvests (revision_id, segments) values (?, ?) on conflict do nothing")) {
            st.setLong(1, revisionId);
            st.setInt(2, pairs.size());
            if (st.executeUpdate() == 0) {
                return; // another request cut it meanwhile
            }
        }
        try (PreparedStatement st = c.prepareStatement("""
                insert into memory_segments (revision_id, source_revision_id, item_id, source_language,
                    target_language, unit_index, source_text, target_text) values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int i = 0; i < pairs.size(); i++) {
                st.setLong(1, revisionId);
                st.setLong(2, sourceRevisionId);
                st.setLong(3, Long.parseLong(translation[3]));
                st.setString(4, source[0]);
                st.setString(5, translation[0]);
                st.setInt(6, indexes.get(i));
                st.setString(7, pairs.get(i)[0]);
                st.setString(8, pairs.get(i)[1]);
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    /** Language, title, body and item of a revision. */
    private static String[] text(Connection c, long revisionId) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "select language_code, title, body, item_id from revisions where id = ?")) {
            st.setLong(1, revisionId);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)};
            }
        }
    }
}
