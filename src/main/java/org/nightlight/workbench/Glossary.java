package org.nightlight.workbench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.account.User;
import org.nightlight.audit.AuditLog;
import org.nightlight.content.Language;
import org.nightlight.workflow.Policy;

/**
 * Terms and their approved translations per language pair, with a note and a "do not translate" flag. Kept by
 * editors and the target language's reviewers ({@link Policy#manageGlossary}); every change is an audit event
 * in the same transaction, which is the entries' history.
 */
public final class Glossary {

    static final int MAX_TERM = 120;
    static final int MAX_NOTE = 500;

    /** One entry; {@code changedBy} is the display name of who wrote it last. */
    public record Entry(long id, String sourceLanguage, String targetLanguage, String term, String translation,
            String note, boolean doNotTranslate, String changedBy, Instant changedAt) {
    }

    /** What a person types for an entry. */
    public record Draft(String term, String translation, String note, boolean doNotTranslate) {
    }

    private final SessionFactory sessions;
    private final AuditLog audit;
    private final Policy policy;

    public Glossary(SessionFactory sessions, AuditLog audit, Policy policy) {
        this.sessions = sessions;
        this.audit = audit;
        this.policy = policy;
    }

    /** A language pair's entries, by term. */
    public List<Entry> terms(String sourceLanguage, String targetLanguage) {
        return select("where g.source_language = ? and g.target_language = ?", sourceLanguage, targetLanguage);
    }

    /** The same entries as the automatic checks read them (a do-not-translate term is its own translation). */
    public org.nightlight.checks.Glossary forChecks() {
        return (sourceLanguage, targetLanguage) -> terms(sourceLanguage, targetLanguage).stream()
                .map(e -> new org.nightlight.checks.Glossary.Term(e.term(),
                        e.doNotTranslate() ? e.term() : e.translation(), e.doNotTranslate()))
                .toList();
    }

    /** Every pair's entries, by target language and term. */
    public List<Entry> all() {
        return select("");
    }

    /** The entries whose term occurs in {@code text} as a whole word or phrase, ignoring case. */
    public static List<Entry> foundIn(String text, List<Entry> entries) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return entries.stream().filter(e -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(
                e.term().toLowerCase(Locale.ROOT)) + "(?![\\p{L}\\p{N}])").matcher(lower).find()).toList();
    }

    public void add(Actor actor, String sourceLanguage, String targetLanguage, Draft typed) {
        Draft draft = clean(typed);
        sessions.inTransaction(s -> {
            requireAllowed(s, actor, targetLanguage);
            Map<String, String> problems = check(draft);
            Language source = sourceLanguage == null ? null : s.find(Language.class, sourceLanguage);
            Language target = targetLanguage == null ? null : s.find(Language.class, targetLanguage);
            if (source == null || target == null || source.code().equals(target.code())) {
                problems.put("target", "admin.glossary.pairUnknown");
            }
            if (problems.isEmpty() && !terms(s, "where g.source_language = ? and g.target_language = ?"
                    + " and lower(g.term) = lower(?)", sourceLanguage, targetLanguage, draft.term()).isEmpty()) {
                problems.put("term", "admin.glossary.taken");
            }
            if (!problems.isEmpty()) {
                throw GlossaryException.invalid(problems);
            }
            s.doWork(c -> {
                try (PreparedStatement st = c.prepareStatement("""
                        insert into glossary_terms (source_language, target_language, term, translation, note,
                            do_not_translate, created_by, changed_by) values (?, ?, ?, ?, ?, ?, ?, ?)""")) {
                    st.setString(1, sourceLanguage);
                    st.setString(2, targetLanguage);
                    st.setString(3, draft.term());
                    st.setString(4, draft.translation());
                    st.setString(5, draft.note());
                    st.setBoolean(6, draft.doNotTranslate());
                    st.setLong(7, actor.userId());
                    st.setLong(8, actor.userId());
                    st.executeUpdate();
                }
            });
            audit.record(s, actor, "GLOSSARY_TERM_ADDED", null, targetLanguage, null, describe(draft));
        });
    }

    /** A new translation, note or flag for an entry; the term itself never changes. */
    public void change(Actor actor, long id, Draft typed) {
        sessions.inTransaction(s -> {
            Entry old = one(s, id);
            requireAllowed(s, actor, old.targetLanguage());
            Draft draft = clean(new Draft(old.term(), typed.translation(), typed.note(), typed.doNotTranslate()));
            Map<String, String> problems = check(draft);
            if (!problems.isEmpty()) {
                throw GlossaryException.invalid(problems);
            }
            s.doWork(c -> {
                try (PreparedStatement st = c.prepareStatement("update glossary_terms set translation = ?,"
                        + " note = ?, do_not_translate = ?, changed_by = ? where id = ?")) {
                    st.setString(1, draft.translation());
                    st.setString(2, draft.note());
                    st.setBoolean(3, draft.doNotTranslate());
                    st.setLong(4, actor.userId());
                    st.setLong(5, id);
                    st.executeUpdate();
                }
            });
            audit.record(s, actor, "GLOSSARY_TERM_CHANGED", null, old.targetLanguage(), null,
                    describe(new Draft(old.term(), old.translation(), old.note(), old.doNotTranslate())) + " => "
                            + describe(draft));
        });
    }

    public void remove(Actor actor, long id) {
        sessions.inTransaction(s -> {
            Entry old = one(s, id);
            requireAllowed(s, actor, old.targetLanguage());
            s.doWork(c -> {
                try (PreparedStatement st = c.prepareStatement("delete from glossary_terms where id = ?")) {
                    st.setLong(1, id);
                    st.executeUpdate();
                }
            });
            audit.record(s, actor, "GLOSSARY_TERM_REMOVED", null, old.targetLanguage(), null,
                    describe(new Draft(old.term(), old.translation(), old.note(), old.doNotTranslate())));
        });
    }

    /** Whether this person may keep the glossary into {@code targetLanguage} (to offer the forms). */
    public boolean mayManage(long userId, String targetLanguage) {
        return sessions.fromTransaction(s -> allowed(s, userId, targetLanguage));
    }

    private boolean allowed(Session s, long userId, String targetLanguage) {
        User user = s.find(User.class, userId);
        return user != null && policy.manageGlossary(Policy.Person.of(user), targetLanguage).allowed();
    }

    private void requireAllowed(Session s, Actor actor, String targetLanguage) {
        if (actor == null || !allowed(s, actor.userId(), targetLanguage)) {
            throw GlossaryException.notAllowed((actor == null ? "nobody" : actor.userId())
                    + " may not keep the glossary into " + targetLanguage);
        }
    }

    private Entry one(Session s, long id) {
        List<Entry> found = terms(s, "where g.id = ?", id);
        if (found.isEmpty()) {
            throw GlossaryException.invalid(Map.of("term", "admin.glossary.gone"));
        }
        return found.get(0);
    }

    private static Map<String, String> check(Draft draft) {
        Map<String, String> problems = new LinkedHashMap<>();
        length(problems, "term", draft.term(), MAX_TERM);
        length(problems, "translation", draft.translation(), MAX_TERM);
        if (draft.note().codePointCount(0, draft.note().length()) > MAX_NOTE) {
            problems.put("note", "admin.glossary.tooLong");
        }
        return problems;
    }

    private static void length(Map<String, String> problems, String field, String value, int max) {
        if (value.isEmpty()) {
            problems.put(field, "admin.glossary.empty");
        } else if (value.codePointCount(0, value.length()) > max) {
            problems.put(field, "admin.glossary.tooLong");
        }
    }

    /** Whitespace collapsed, control characters dropped; a term not to translate is its own translation. */
    private static Draft clean(Draft typed) {
        String term = oneLine(typed.term());
        String translation = typed.doNotTranslate() ? term : oneLine(typed.translation());
        String note = typed.note() == null ? "" : typed.note().replaceAll("[\\p{Cc}\\p{Cf}&&[^\\n]]", " ").strip();
        return new Draft(term, translation, note, typed.doNotTranslate());
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cc}\\p{Cf}]", " ").replaceAll("\\s+", " ").strip();
    }

    private static String describe(Draft d) {
        return d.term() + " -> " + (d.doNotTranslate() ? "[do not translate]" : d.translation())
                + (d.note().isEmpty() ? "" : " (" + d.note() + ")");
    }

    private List<Entry> select(String where, Object... values) {
        return sessions.fromTransaction(s -> terms(s, where, values));
    }

    private static List<Entry> terms(Session s, String where, Object... values) {
        return s.doReturningWork(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    select g.id, g.source_language, g.target_language, g.term, g.translation, g.note,
                           g.do_not_translate, u.display_name, g.changed_at
                    from glossary_terms g join users u on u.id = g.changed_by
                    join languages l on l.code = g.target_language
                    """ + where + " order by l.position, lower(g.term)")) {
                for (int i = 0; i < values.length; i++) {
                    st.setObject(i + 1, values[i]);
                }
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        entries.add(entry(rs));
                    }
                }
                return entries;
            }
        });
    }

    private static Entry entry(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getBoolean(7), rs.getString(8), rs.getTimestamp(9).toInstant());
    }
}
