package org.nightlight.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.hibernate.SessionFactory;

/** Reading the audit log: newest first, filtered, a page at a time or all of it in batches (export). */
public final class AuditTrail {

    /** Every part optional (null); dates are whole UTC days, both ends included. */
    public record Filter(Long actorId, Long itemId, String languageCode, String action, LocalDate from,
            LocalDate to) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /** One event with the acting person's name (null actor: the system or an anonymous visitor). */
    public record Row(long id, Instant at, Long actorId, String actorName, String actorUsername, String action,
            Long itemId, String languageCode, Long revisionId, String details, String client) {
    }

    public record Page(List<Row> rows, long total, int number, int size) {

        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasPrevious() {
            return number > 1;
        }

        public boolean hasNext() {
            return number < pages();
        }
    }

    private static final String SELECT = "select e.id, e.at, e.actorId, u.displayName, u.username, e.action,"
            + " e.itemId, e.languageCode, e.revisionId, e.details, e.client"
            + " from AuditEvent e left join User u on u.id = e.actorId";
    private static final int BATCH = 1000;

    private final SessionFactory sessions;

    public AuditTrail(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Page {@code number} (from 1) of the filtered events, newest first. */
    public Page page(Filter filter, int number, int size) {
        Map<String, Object> params = new HashMap<>();
        String where = where(filter, params);
        return sessions.fromTransaction(s -> {
            var count = s.createSelectionQuery("select count(e) from AuditEvent e" + where, Long.class);
            params.forEach(count::setParameter);
            long total = count.getSingleResult();
            var query = s.createSelectionQuery(SELECT + where + " order by e.at desc, e.id desc", Object[].class);
            params.forEach(query::setParameter);
            List<Row> rows = query.setFirstResult((number - 1) * size).setMaxResults(size).getResultList().stream()
                    .map(AuditTrail::row).toList();
            return new Page(rows, total, number, size);
        });
    }

    /** Every filtered event, newest first, read in batches so a long log never sits in memory at once. */
    public void forEach(Filter filter, Consumer<Row> each) {
        Row last = null;
        while (true) {
            Map<String, Object> params = new HashMap<>();
            StringBuilder where = new StringBuilder(where(filter, params));
            if (last != null) {
                where.append(where.isEmpty() ? " where " : " and ")
                        .append("(e.at < :lastAt or (e.at = :lastAt and e.id < :lastId))");
                params.put("lastAt", last.at());
                params.put("lastId", last.id());
            }
            List<Row> batch = sessions.fromTransaction(s -> {
                var query = s.createSelectionQuery(SELECT + where + " order by e.at desc, e.id desc", Object[].class);
                params.forEach(query::setParameter);
                return query.setMaxResults(BATCH).getResultList().stream().map(AuditTrail::row).toList();
            });
            batch.forEach(each);
            if (batch.size() < BATCH) {
                return;
            }
            last = batch.get(batch.size() - 1);
        }
    }

    /** The actions the log holds, for a filter's choices. */
    public List<String> actions() {
        return sessions.fromTransaction(s -> s.createSelectionQuery(
                "select distinct action from AuditEvent order by action", String.class).getResultList());
    }

    private static String where(Filter f, Map<String, Object> params) {
        List<String> conditions = new ArrayList<>();
        if (f.actorId() != null) {
            conditions.add("e.actorId = :actor");
            params.put("actor", f.actorId());
        }
        if (f.itemId() != null) {
            conditions.add("e.itemId = :item");
            params.put("item", f.itemId());
        }
        if (f.languageCode() != null) {
            conditions.add("e.languageCode = :lang");
            params.put("lang", f.languageCode());
        }
        if (f.action() != null) {
            conditions.add("e.action = :action");
            params.put("action", f.action());
        }
        if (f.from() != null) {
            conditions.add("e.at >= :from");
            params.put("from", f.from().atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        if (f.to() != null) {
            conditions.add("e.at < :to");
            params.put("to", f.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    private static Row row(Object[] r) {
        return new Row((Long) r[0], (Instant) r[1], (Long) r[2], (String) r[3], (String) r[4], (String) r[5],
                (Long) r[6], (String) r[7], (Long) r[8], (String) r[9], (String) r[10]);
    }
}
