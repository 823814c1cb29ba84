package org.nightlight.content;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.audit.AuditLog;

/**
 * Telephone numbers a parent can call, per country and care level: proposed by editors, signed off by a
 * clinician who did not propose them, public from then until withdrawn, never translated. The database's
 * trigger (V15) holds the same rules, so the service only names the problem for the form.
 */
public final class HelpNumbers {

    /** One number; {@code signedBy} null while it waits for a clinician. */
    public record HelpNumber(long id, String country, CareLevel level, String number, String service,
            List<String> languages, String proposedBy, String signedBy, Instant withdrawnAt) {

        public boolean live() {
            return signedBy != null && withdrawnAt == null;
        }

        /** For {@code tel:} links: the digits alone. */
        public String dial() {
            return number.replace(" ", "");
        }
    }

    private final SessionFactory sessions;
    private final AuditLog audit;
    private final Runnable pagesChanged;

    public HelpNumbers(SessionFactory sessions, AuditLog audit, Runnable pagesChanged) {
        this.sessions = sessions;
        this.audit = audit;
        this.pagesChanged = pagesChanged;
    }

    private static final String SELECT = """
            select h.id, h.country, h.care_level, h.number, h.service, h.languages, p.display_name,
                   s.display_name, h.withdrawn_at
            from help_numbers h join users p on p.id = h.proposed_by left join users s on s.id = h.signed_by
            """;

    /** Every number, signed or not, withdrawn or not: what the admin lists. */
    public List<HelpNumber> all() {
        return query(SELECT + " order by h.country, h.care_level, h.id", st -> { });
    }

    /** The live numbers offered to readers of {@code lang}, by country. */
    public Map<String, List<HelpNumber>> liveFor(String lang) {
        Map<String, List<HelpNumber>> byCountry = new LinkedHashMap<>();
        query(SELECT + " where h.signed_by is not null and h.withdrawn_at is null and ? = any (h.languages)"
                + " order by h.country, h.care_level, h.id", st -> st.setString(1, lang))
                .forEach(n -> byCountry.computeIfAbsent(n.country(), c -> new ArrayList<>()).add(n));
        return byCountry;
    }

    /** Proposes a number; problems come back by field. */
    public void propose(Actor actor, String country, String level, String number, String service,
            List<String> languages) {
        String c = country == null ? "" : country.strip().toUpperCase(Locale.ROOT);
        String n = number == null ? "" : number.strip().replaceAll("\\s+", " ");
        String s = service == null || service.isBlank() ? null : service.strip();
        Map<String, String> problems = new LinkedHashMap<>();
        if (!Set.of(Locale.getISOCountries()).contains(c)) {
            problems.put("country", "admin.helpNumbers.countryInvalid");
        }
        CareLevel careLevel = level == null ? null : switch (level) {
            case "EMERGENCY" -> CareLevel.EMERGENCY;
            case "URGENT" -> CareLevel.URGENT;
            default -> null;
        };
        if (careLevel == null) {
            problems.put("level", "admin.helpNumbers.levelInvalid");
        }
        if (!n.matches("[0-9][0-9 ]{1,14}")) {
            problems.put("number", "admin.helpNumbers.numberInvalid");
        }
        if (s != null && s.length() > 80) {
            problems.put("service", "admin.helpNumbers.serviceTooLong");
        }
        if (languages == null || languages.isEmpty()) {
            problems.put("languages", "admin.helpNumbers.languagesRequired");
        }
        if (!problems.isEmpty()) {
            throw new HelpNumberException(problems);
        }
        try {
            insert(actor, c, careLevel, n, s, languages);
        } catch (RuntimeException e) {
            throw refusal(e);
        }
    }

    private void insert(Actor actor, String c, CareLevel careLevel, String n, String s, List<String> languages) {
        sessions.inTransaction(session -> session.doWork(con -> {
            long id;
            try (PreparedStatement st = con.prepareStatement("insert into help_numbers (country, care_level, number,"
                    + " service, languages, proposed_by) values (?, ?, ?, ?, ?, ?) returning id")) {
                st.setString(1, c);
                st.setString(2, careLevel.name());
                st.setString(3, n);
                st.setString(4, s);
                st.setArray(5, con.createArrayOf("text", languages.toArray()));
                st.setLong(6, actor.userId());
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            audit.record(session, actor, "HELP_NUMBER_PROPOSED", null, null, null,
                    "#" + id + " " + c + " " + careLevel + " " + n + (s == null ? "" : " (" + s + ")"));
        }));
    }

    /** A clinician's sign-off (never of their own proposal): from now on readers see the number. */
    public void sign(Actor actor, long id) {
        change(actor, id, "update help_numbers set signed_by = ?, signed_at = now()"
                + " where id = ? and signed_by is null and withdrawn_at is null", true,
                session -> audit.record(session, actor, "HELP_NUMBER_SIGNED", null, null, null, "#" + id));
    }

    /** Takes a number off the site for good. */
    public void withdraw(Actor actor, long id) {
        change(actor, id, "update help_numbers set withdrawn_at = now() where id = ? and withdrawn_at is null",
                false, session -> audit.record(session, actor, "HELP_NUMBER_WITHDRAWN", null, null, null, "#" + id));
    }

    /** Runs one update of number {@code id}, the actor's id bound first when {@code bySigner}, then records it. */
    private void change(Actor actor, long id, String sql, boolean bySigner,
            java.util.function.Consumer<org.hibernate.Session> recorded) {
        try {
            sessions.inTransaction(session -> session.doWork(con -> {
                try (PreparedStatement st = con.prepareStatement(sql)) {
                    int at = 1;
                    if (bySigner) {
                        st.setLong(at++, actor.userId());
                    }
                    st.setLong(at, id);
                    if (st.executeUpdate() == 0) {
                        throw new HelpNumberException(Map.of("id", "admin.helpNumbers.notChanged"));
                    }
                }
                recorded.accept(session);
            }));
        } catch (RuntimeException e) {
            throw refusal(e);
        }
        pagesChanged.run();
    }

    /** The database's own refusal (SQLSTATE NL001: a rule of V15) as a problem the admin can name. */
    private static RuntimeException refusal(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "NL001".equals(sql.getSQLState())) {
                return new HelpNumberException(Map.of("id", "admin.helpNumbers.refused"));
            }
        }
        return e;
    }

    private interface Binder {
        void bind(PreparedStatement st) throws SQLException;
    }

    private List<HelpNumber> query(String sql, Binder binder) {
        return sessions.fromTransaction(session -> session.doReturningWork(con -> {
            try (PreparedStatement st = con.prepareStatement(sql)) {
                binder.bind(st);
                List<HelpNumber> numbers = new ArrayList<>();
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        numbers.add(new HelpNumber(rs.getLong(1), rs.getString(2), CareLevel.valueOf(rs.getString(3)),
                                rs.getString(4), rs.getString(5), strings(rs.getArray(6)), rs.getString(7),
                                rs.getString(8), rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()));
                    }
                }
                return numbers;
            }
        }));
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
