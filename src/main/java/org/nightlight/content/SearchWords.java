package org.nightlight.content;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.account.Role;
import org.nightlight.account.User;
import org.nightlight.audit.AuditLog;

/**
 * The words readers use for what our texts say otherwise ("fit" for "seizure", "shaking" for "jerks"), per
 * language, kept by editors and admins, each change in the audit trail. {@link Search} looks for a reader's
 * word or any of the words it stands for.
 */
public final class SearchWords {

    static final int MAX_CHARS = 80;

    /** "term" is what readers type; "means" is a word or phrase of our texts. */
    public record Synonym(long id, String languageCode, String term, String means, String addedBy, Instant addedAt) {
    }

    private final SessionFactory sessions;
    private final AuditLog audit;
    private final Runnable searchesChanged;

    /** {@code searchesChanged}: after a change commits, so this instance serves no search found without it. */
    public SearchWords(SessionFactory sessions, AuditLog audit, Runnable searchesChanged) {
        this.sessions = sessions;
        this.audit = audit;
        this.searchesChanged = searchesChanged;
    }

    public List<Synonym> all() {
        return sessions.fromTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select w.id, w.language_code, w.term, w.means, u.display_name, w.created_at
                    from search_synonyms w join users u on u.id = w.created_by
                    join languages l on l.code = w.language_code
                    order by l.position, lower(w.term), lower(w.means)""");
                    ResultSet rs = st.executeQuery()) {
                List<Synonym> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(new Synonym(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getTimestamp(6).toInstant()));
                }
                return all;
            }
        }));
    }

    /** Adds "readers say {@code term} for {@code means}" in a language; problems come back by field. */
    public void add(Actor actor, String languageCode, String term, String means) {
        String t = clean(term);
        String m = clean(means);
        sessions.inTransaction(s -> {
            requireEditor(s, actor);
            Map<String, String> problems = new LinkedHashMap<>();
            if (languageCode == null || s.find(Language.class, languageCode) == null) {
                problems.put("language", "admin.searchWords.languageUnknown");
            }
            check(problems, "term", t);
            check(problems, "means", m);
            if (problems.isEmpty() && Search.fold(t).equals(Search.fold(m))) {
                problems.put("means", "admin.searchWords.same");
            }
            if (problems.isEmpty() && exists(s, languageCode, t, m)) {
                problems.put("term", "admin.searchWords.taken");
            }
            if (!problems.isEmpty()) {
                throw new SearchWordsException(problems);
            }
            s.doWork(c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "insert into search_synonyms (language_code, term, means, created_by) values (?, ?, ?, ?)")) {
                    st.setString(1, languageCode);
                    st.setString(2, t);
                    st.setString(3, m);
                    st.setLong(4, actor.userId());
                    st.executeUpdate();
                }
            });
            audit.record(s, actor, "SEARCH_SYNONYM_ADDED", null, languageCode, null, t + " -> " + m);
        });
        searchesChanged.run();
    }

    public void remove(Actor actor, long id) {
        sessions.inTransaction(s -> {
            requireEditor(s, actor);
            String[] removed = s.doReturningWork(c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "delete from search_synonyms where id = ? returning language_code, term, means")) {
                    st.setLong(1, id);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? new String[] {rs.getString(1), rs.getString(2), rs.getString(3)} : null;
                    }
                }
            });
            if (removed != null) {
                audit.record(s, actor, "SEARCH_SYNONYM_REMOVED", null, removed[0], null,
                        removed[1] + " -> " + removed[2]);
            }
        });
        searchesChanged.run();
    }

    /** A keyword of one item in one language: a search for it finds the item. */
    public record Keyword(long id, long itemId, String languageCode, String keyword, String addedBy) {
    }

    public List<Keyword> keywords() {
        return sessions.fromTransaction(s -> s.doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select k.id, k.item_id, k.language_code, k.keyword, u.display_name
                    from search_keywords k join users u on u.id = k.created_by
                    order by k.item_id, k.language_code, lower(k.keyword)""");
                    ResultSet rs = st.executeQuery()) {
                List<Keyword> all = new ArrayList<>();
                while (rs.next()) {
                    all.add(new Keyword(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getString(5)));
                }
                return all;
            }
        }));
    }

    /** Adds a keyword to an item in a language; the database indexes the item's published text again. */
    public void addKeyword(Actor actor, long itemId, String languageCode, String keyword) {
        String k = clean(keyword);
        sessions.inTransaction(s -> {
            requireEditor(s, actor);
            Map<String, String> problems = new LinkedHashMap<>();
            if (s.find(ContentItem.class, itemId) == null) {
                problems.put("item", "admin.searchWords.itemUnknown");
            }
            if (languageCode == null || s.find(Language.class, languageCode) == null) {
                problems.put("keywordLanguage", "admin.searchWords.languageUnknown");
            }
            check(problems, "keyword", k);
            if (problems.isEmpty() && s.doReturningWork(c -> {
                try (PreparedStatement st = c.prepareStatement("select 1 from search_keywords where item_id = ?"
                        + " and language_code = ? and search_fold(keyword) = search_fold(?)")) {
                    st.setLong(1, itemId);
                    st.setString(2, languageCode);
                    st.setString(3, k);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next();
                    }
                }
            })) {
                problems.put("keyword", "admin.searchWords.taken");
            }
            if (!problems.isEmpty()) {
                throw new SearchWordsException(problems);
            }
            s.doWork(c -> {
                try (PreparedStatement st = c.prepareStatement("insert into search_keywords (item_id, language_code,"
                        + " keyword, created_by) values (?, ?, ?, ?)")) {
                    st.setLong(1, itemId);
                    st.setString(2, languageCode);
                    st.setString(3, k);
                    st.setLong(4, actor.userId());
                    st.executeUpdate();
                }
            });
            audit.record(s, actor, "SEARCH_KEYWORD_ADDED", itemId, languageCode, null, k);
        });
        searchesChanged.run();
    }

    public void removeKeyword(Actor actor, long id) {
        sessions.inTransaction(s -> {
            requireEditor(s, actor);
            Object[] removed = s.doReturningWork(c -> {
                try (PreparedStatement st = c.prepareStatement(
                        "delete from search_keywords where id = ? returning item_id, language_code, keyword")) {
                    st.setLong(1, id);
                    try (ResultSet rs = st.executeQuery()) {
                        return rs.next() ? new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)} : null;
                    }
                }
            });
            if (removed != null) {
                audit.record(s, actor, "SEARCH_KEYWORD_REMOVED", (Long) removed[0], (String) removed[1], null,
                        (String) removed[2]);
            }
        });
        searchesChanged.run();
    }

    /** For each word or phrase readers use in {@code languageCode}, folded, the words of our texts it means. */
    static Map<String, List<String>> meanings(java.sql.Connection c, String languageCode) throws SQLException {
        Map<String, List<String>> meanings = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "select term, means from search_synonyms where language_code = ? order by id")) {
            st.setString(1, languageCode);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    meanings.computeIfAbsent(Search.fold(rs.getString(1)), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return meanings;
    }

    private static boolean exists(Session s, String languageCode, String term, String means) {
        return s.doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement("select 1 from search_synonyms where language_code = ?"
                    + " and search_fold(term) = search_fold(?) and search_fold(means) = search_fold(?)")) {
                st.setString(1, languageCode);
                st.setString(2, term);
                st.setString(3, means);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static void check(Map<String, String> problems, String field, String value) {
        if (value.isEmpty()) {
            problems.put(field, "admin.searchWords.empty");
        } else if (value.codePointCount(0, value.length()) > MAX_CHARS) {
            problems.put(field, "admin.searchWords.tooLong");
        }
    }

    /** Whitespace collapsed; control characters, which no reader types, dropped. */
    static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cc}\\p{Cf}]", " ").replaceAll("\\s+", " ").strip();
    }

    private static void requireEditor(Session s, Actor actor) {
        User user = actor == null ? null : s.find(User.class, actor.userId());
        if (user == null || !user.active() || !(user.has(Role.EDITOR) || user.has(Role.ADMIN))) {
            throw new SecurityException("only editors and admins keep the search words");
        }
    }
}
