package org.nightlight.feedback;

import org.nightlight.db.SqlValues;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;

/**
 * "Was this helpful?" answers from readers, stored for editors. Nothing identifies the reader: no account,
 * no cookie, no address.
 */
public final class ReaderFeedback {

    public static final int MAX_COMMENT_CHARS = 500;

    /** Control characters other than line breaks and tabs, and invisible direction overrides. */
    private static final Pattern UNWANTED = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]|[\\u202A-\\u202E\\u2066-\\u2069]|\\p{Cs}");

    /** One reader's answer about one item, as seen in one language. */
    public record Entry(long id, long itemId, String languageCode, Long revisionId, boolean helpful, String comment,
            Instant createdAt) {
    }

    private final SessionFactory sessions;

    public ReaderFeedback(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * Stores an answer. {@code comment} must already be {@link #clean(String) cleaned} and at most
     * {@link #MAX_COMMENT_CHARS} characters; the database refuses a longer one.
     */
    public void record(long itemId, String languageCode, long revisionId, boolean helpful, String comment) {
        sessions.inTransaction(s -> s.createNativeMutationQuery("""
                insert into feedback (item_id, language_code, revision_id, helpful, comment)
                values (:item, :lang, :revision, :helpful, :comment)""")
                .setParameter("item", itemId)
                .setParameter("lang", languageCode)
                .setParameter("revision", revisionId)
                .setParameter("helpful", helpful)
                .setParameter("comment", comment)
                .executeUpdate());
    }

    /** The newest answers first, for editors. */
    public List<Entry> recent(int limit) {
        return sessions.fromTransaction(s -> s.createNativeQuery("""
                select id, item_id, language_code, revision_id, helpful, comment, created_at
                from feedback order by created_at desc, id desc limit :limit""", Object[].class)
                .setParameter("limit", limit)
                .getResultList().stream()
                .map(row -> new Entry(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2],
                        row[3] == null ? null : ((Number) row[3]).longValue(), (Boolean) row[4], (String) row[5],
                        SqlValues.instant(row[6])))
                .toList());
    }

    /** Answers about one item in one language, for an editor's overview. */
    public record Summary(long itemId, String languageCode, long helpful, long notHelpful, long comments,
            Instant latest) {
    }

    /** Per item and language, the most recently answered first. */
    public List<Summary> summary() {
        return sessions.fromTransaction(s -> s.createNativeQuery("""
                select item_id, language_code, count(*) filter (where helpful), count(*) filter (where not helpful),
                       count(*) filter (where comment <> ''), max(created_at)
                from feedback group by item_id, language_code
                order by max(created_at) desc, item_id, language_code""", Object[].class)
                .getResultList().stream()
                .map(row -> new Summary(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue(), ((Number) row[4]).longValue(), SqlValues.instant(row[5])))
                .toList());
    }

    /** A comment as stored: line breaks normalised, controls removed, surrounding blanks trimmed. */
    public static String clean(String comment) {
        if (comment == null) {
            return "";
        }
        String text = comment.replace("\r\n", "\n").replace('\r', '\n');
        return UNWANTED.matcher(text).replaceAll("").strip();
    }

    public static boolean tooLong(String cleanedComment) {
        return cleanedComment.codePointCount(0, cleanedComment.length()) > MAX_COMMENT_CHARS;
    }

}
