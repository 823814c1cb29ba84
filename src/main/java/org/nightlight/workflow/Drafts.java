package org.nightlight.workflow;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.db.SqlValues;

/**
 * What a person is typing in the editor of one item in one language, kept on the server (V21) so that nothing
 * typed is lost: the interface-language switch, leaving the page and a session that ended all come back to it.
 * A draft is not content: nobody else sees it, and saving the revision deletes it ({@link Workflow#saveRevision}).
 */
public final class Drafts {

    /** The fields as typed (not stripped), and the revision number the writer started from. */
    public record Draft(String title, String slug, String body, String sources, String note, int basedOn,
            Instant savedAt) {

        /** Within what the table keeps (V21): far more than a revision may hold, so only abuse is refused. */
        public boolean fits() {
            return title.length() <= 1000 && slug.length() <= 1000 && body.length() <= 200_000
                    && sources.length() <= 50_000 && note.length() <= 1000;
        }
    }

    private final SessionFactory sessions;
    private final Clock clock;

    Drafts(SessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    public Optional<Draft> find(long userId, long itemId, String languageCode) {
        return sessions.fromTransaction(s -> s.createNativeQuery("""
                select title, slug, body, sources, note, based_on, saved_at from drafts
                where user_id = :user and item_id = :item and language_code = :lang""", Object[].class)
                .setParameter("user", userId)
                .setParameter("item", itemId)
                .setParameter("lang", languageCode)
                .getResultList().stream().findFirst()
                .map(r -> new Draft((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                        ((Number) r[5]).intValue(), SqlValues.instant(r[6]))));
    }

    /** Keeps the draft, replacing the person's earlier one of the same item and language. */
    public void save(long userId, long itemId, String languageCode, Draft draft) {
        sessions.inTransaction(s -> s.createNativeMutationQuery("""
                insert into drafts (user_id, item_id, language_code, title, slug, body, sources, note, based_on,
                                    saved_at)
                values (:user, :item, :lang, :title, :slug, :body, :sources, :note, :basedOn, :at)
                on conflict (user_id, item_id, language_code) do update
                    set title = excluded.title, slug = excluded.slug, body = excluded.body,
                        sources = excluded.sources, note = excluded.note, based_on = excluded.based_on,
                        saved_at = excluded.saved_at""")
                .setParameter("user", userId)
                .setParameter("item", itemId)
                .setParameter("lang", languageCode)
                .setParameter("title", draft.title())
                .setParameter("slug", draft.slug())
                .setParameter("body", draft.body())
                .setParameter("sources", draft.sources())
                .setParameter("note", draft.note())
                .setParameter("basedOn", draft.basedOn())
                .setParameter("at", clock.instant())
                .executeUpdate());
    }

    public void discard(long userId, long itemId, String languageCode) {
        sessions.inTransaction(s -> delete(s, userId, itemId, languageCode));
    }

    /** In the caller's transaction: the revision that was being drafted has been saved. */
    static void delete(Session s, long userId, long itemId, String languageCode) {
        s.createNativeMutationQuery("""
                delete from drafts where user_id = :user and item_id = :item and language_code = :lang""")
                .setParameter("user", userId)
                .setParameter("item", itemId)
                .setParameter("lang", languageCode)
                .executeUpdate();
    }
}
