package org.nightlight.workflow;

import org.hibernate.Session;
import org.nightlight.db.SqlValues;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;

/**
 * What the policy reads, from one piece of SQL: the service (inside its locked transaction), the admin's pages
 * and the work-queue overview all get their {@link Slot} and {@link Rev} facts from these columns, so they
 * cannot disagree about where a text stands.
 */
final class Facts {

    private Facts() {
    }

    /** A revision {@code v}: the newest review of each kind (highest id) decides. */
    static final String REV_COLUMNS = """
            v.id as f_id, v.number as f_number, v.author_id as f_author,
            exists (select 1 from submissions su where su.revision_id = v.id) as f_submitted,
            (select rv.decision from reviews rv where rv.revision_id = v.id and rv.kind = 'MEDICAL'
             order by rv.id desc limit 1) as f_medical,
            (select rv.created_at from reviews rv where rv.revision_id = v.id and rv.kind = 'MEDICAL'
             order by rv.id desc limit 1) as f_medical_at,
            (select rv.decision from reviews rv where rv.revision_id = v.id and rv.kind = 'LANGUAGE'
             order by rv.id desc limit 1) as f_language,
            exists (select 1 from publications pv where pv.revision_id = v.id) as f_published,
            exists (select 1 from publications pv where pv.revision_id = v.id and pv.withdrawn_at is not null)
                as f_withdrawn,
            v.base_source_revision_id as f_base,
            (select b.number from revisions b where b.id = v.base_source_revision_id) as f_base_number""";

    /** Item {@code i} in language {@code l}, with {@code r}, {@code p} and {@code sp} from {@link #SLOT_FROM}. */
    static final String SLOT_COLUMNS = """
            i.id, l.code, l.is_source, r.id, r.base_source_revision_id, p.revision_id, p.withdrawn_at is not null,
            case when sp.withdrawn_at is null then sp.revision_id end,
            (select max(sv.number) from publications ps join revisions sv on sv.id = ps.revision_id
             where ps.item_id = i.id and ps.language_code = (select code from languages where is_source)
               and ps.source_change = 'SAFETY'),
            (select min(b.number) from revisions t join revisions b on b.id = t.base_source_revision_id
             where t.item_id = i.id
               and (exists (select 1 from publications pt where pt.revision_id = t.id and pt.ended_at is null
                            and pt.withdrawn_at is null)
                    or t.number = (select max(t2.number) from revisions t2
                                   where t2.item_id = t.item_id and t2.language_code = t.language_code)))""";
    static final int SLOT_WIDTH = 10;

    /** The newest revision {@code r}, the live publication {@code p}, the live source publication {@code sp}. */
    static final String SLOT_FROM = """
            from content_items i
            cross join languages l
            left join lateral (select * from revisions v where v.item_id = i.id and v.language_code = l.code
                               order by v.number desc limit 1) r on true
            left join publications p on p.item_id = i.id and p.language_code = l.code and p.ended_at is null
            left join publications sp on sp.item_id = i.id and sp.ended_at is null
                                     and sp.language_code = (select code from languages where is_source)
            left join lateral (select\s""" + REV_COLUMNS + """
             from revisions v where v.id = r.id) f on true
            """;

    static Slot slot(Session s, long itemId, String lang) {
        Object[] row = s.createNativeQuery("select " + SLOT_COLUMNS + " " + SLOT_FROM
                + " where i.id = :item and l.code = :lang", Object[].class)
                .setParameter("item", itemId)
                .setParameter("lang", lang)
                .getResultList().stream().findFirst().orElse(null);
        return row == null ? null : slot(row, 0);
    }

    static Rev rev(Session s, long revisionId) {
        Object[] row = s.createNativeQuery("select " + REV_COLUMNS + " from revisions v where v.id = :id",
                Object[].class)
                .setParameter("id", revisionId)
                .getResultList().stream().findFirst().orElse(null);
        return row == null ? null : rev(row, 0);
    }

    static Slot slot(Object[] row, int at) {
        return new Slot(longOf(row[at]), (String) row[at + 1], (Boolean) row[at + 2], longOf(row[at + 3]),
                longOf(row[at + 4]), longOf(row[at + 5]), (Boolean) row[at + 6], longOf(row[at + 7]),
                intOf(row[at + 8]), intOf(row[at + 9]));
    }

    /** The revision facts starting at column {@code at}, or null when the revision is absent (a left join). */
    static Rev rev(Object[] row, int at) {
        if (row[at] == null) {
            return null;
        }
        return new Rev(longOf(row[at]), intOf(row[at + 1]), longOf(row[at + 2]), (Boolean) row[at + 3],
                decision(row[at + 4]), SqlValues.instant(row[at + 5]), decision(row[at + 6]), (Boolean) row[at + 7],
                (Boolean) row[at + 8], longOf(row[at + 9]), intOf(row[at + 10]));
    }

    private static Long longOf(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    private static Integer intOf(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Decision decision(Object value) {
        return value == null ? null : Decision.valueOf((String) value);
    }
}
