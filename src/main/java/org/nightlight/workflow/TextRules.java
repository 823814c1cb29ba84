package org.nightlight.workflow;

import java.util.regex.Pattern;
import org.hibernate.Session;
import org.nightlight.content.ItemKind;
import org.nightlight.content.RevisionText;
import org.nightlight.workflow.WorkflowException.InvalidText;

/** What a text must be before it can become a revision; each problem names its field. */
final class TextRules {

    private static final Pattern SLUG = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:-[\\p{L}\\p{M}\\p{N}]+)*");
    static final int MAX_BODY = 20_000;

    private TextRules() {
    }

    static void check(ItemKind kind, RevisionText text) {
        if (text.title().isBlank()) {
            throw new InvalidText("title", "workflow.error.titleRequired", "the title is empty");
        }
        if (text.title().length() > 300) {
            throw new InvalidText("title", "workflow.error.titleTooLong", "the title is longer than 300 characters");
        }
        if (text.slug().length() > 120 || !SLUG.matcher(text.slug()).matches()
                || !text.slug().equals(text.slug().toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidText("slug", "workflow.error.slugInvalid",
                    "the address must be lower-case words joined by hyphens, at most 120 characters");
        }
        if (kind != ItemKind.TOPIC && text.body().isBlank()) {
            throw new InvalidText("body", "workflow.error.bodyRequired", "the answer is empty");
        }
        if (text.body().length() > MAX_BODY || text.sources().length() > MAX_BODY) {
            throw new InvalidText("body", "workflow.error.bodyTooLong", "the text is longer than 20,000 characters");
        }
    }

    /** Two siblings with one address in a language would make one of them unreachable. */
    static void requireUniqueSlug(Session s, Long topicId, ItemKind kind, String lang, Long exceptItem, String slug) {
        Long clashes = s.createSelectionQuery("""
                select count(*) from Revision r join r.item i
                where r.languageCode = :lang and r.slug = :slug and i.kind = :kind
                  and (:topic is null and i.topicId is null or i.topicId = :topic)
                  and (:except is null or i.id <> :except)
                  and r.number = (select max(r2.number) from Revision r2
                                  where r2.itemId = r.itemId and r2.languageCode = r.languageCode)""", Long.class)
                .setParameter("lang", lang)
                .setParameter("slug", slug)
                .setParameter("kind", kind)
                .setParameter("topic", topicId)
                .setParameter("except", exceptItem)
                .getSingleResult();
        if (clashes > 0) {
            throw new InvalidText("slug", "workflow.error.slugTaken", "another item here already uses the address "
                    + slug);
        }
    }
}
