package org.nightlight.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.nightlight.account.Actor;
import org.nightlight.account.Role;
import org.nightlight.account.User;
import org.nightlight.audit.AuditLog;
import org.nightlight.content.ContentItem;
import org.nightlight.content.ItemKind;
import org.nightlight.content.Language;
import org.nightlight.content.Revision;
import org.nightlight.content.RevisionText;
import org.nightlight.content.Slugs;

/**
 * Turns a parsed FAQ into a topic with ordered questions in the source language, in one transaction.
 * Items are matched by slug, so importing the same file again changes nothing; a changed answer gets a
 * new revision (a draft: the old text stays live until the new one is reviewed and published).
 */
public final class FaqImporter {

    /** What an import did, for the operator. */
    public record Report(long topicId, boolean topicCreated, List<String> created, List<String> updated,
            List<String> unchanged, List<DroppedLine> dropped) {

        public boolean changedNothing() {
            return !topicCreated && created.isEmpty() && updated.isEmpty();
        }
    }

    private final SessionFactory sessions;
    private final Clock clock;
    private final AuditLog audit;

    public FaqImporter(SessionFactory sessions, Clock clock, AuditLog audit) {
        this.sessions = sessions;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Imports as drafts written by {@code author}, an active editor: every text has an author, who can then
     * not review it (four eyes). They still need review and sign-off before anyone can publish them.
     */
    public Report importFaq(ParsedFaq faq, String languageCode, String topicTitle, Actor author) {
        Long authorId = author.userId();
        return sessions.fromTransaction(s -> {
            User writer = s.find(User.class, authorId);
            if (writer == null || !writer.has(Role.EDITOR)) {
                throw new FaqFormatException("The author of an import must be an active editor; user " + authorId
                        + " is not.");
            }
            Language language = s.find(Language.class, languageCode);
            if (language == null) {
                throw new FaqFormatException("The language '" + languageCode + "' does not exist.");
            }
            if (!language.isSource()) {
                throw new FaqFormatException("Imports create source-language content; '" + languageCode
                        + "' is not the source language. Translations are written in the admin.");
            }
            String title = topicTitle != null ? topicTitle : faq.title();
            if (title == null || title.isBlank()) {
                throw new FaqFormatException("The topic has no title: pass --topic \"Title\" or start the file"
                        + " with a line \"# Title\".");
            }
            RevisionText topicText = new RevisionText(title.strip(), Slugs.slugify(title), "", "");
            Optional<Revision> existingTopic = latestBySlug(s, languageCode, ItemKind.TOPIC, null, topicText.slug());
            ContentItem topic;
            boolean topicCreated = existingTopic.isEmpty();
            if (topicCreated) {
                int position = nextPosition(s, null);
                topic = ContentItem.newTopic(position);
                s.persist(topic);
                Revision revision = new Revision(topic, languageCode, 1, topicText, "Imported", authorId, null,
                        clock.instant());
                s.persist(revision);
                audit.record(s, author, "ITEM_CREATED", topic.id(), languageCode, revision.id(), "TOPIC imported");
            } else {
                topic = existingTopic.get().item();
            }

            List<String> created = new ArrayList<>();
            List<String> updated = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            int position = 0;
            for (ParsedQuestion q : faq.questions()) {
                position++;
                RevisionText text = new RevisionText(q.question(), Slugs.slugify(q.question()), q.answer(), "");
                Optional<Revision> existing = latestBySlug(s, languageCode, ItemKind.QUESTION, topic.id(), text.slug());
                if (existing.isEmpty()) {
                    ContentItem question = ContentItem.newQuestion(topic, position);
                    s.persist(question);
                    Revision revision = new Revision(question, languageCode, 1, text, "Imported", authorId, null,
                            clock.instant());
                    s.persist(revision);
                    audit.record(s, author, "ITEM_CREATED", question.id(), languageCode, revision.id(),
                            "QUESTION imported");
                    created.add(q.question());
                } else if (!existing.get().contentHash().equals(text.contentHash())) {
                    Revision previous = existing.get();
                    Revision revision = new Revision(previous.item(), languageCode, previous.number() + 1, text,
                            "Imported again with changed text", authorId, null, clock.instant());
                    s.persist(revision);
                    audit.record(s, author, "REVISION_SAVED", previous.itemId(), languageCode, revision.id(),
                            "imported again with changed text");
                    updated.add(q.question());
                } else {
                    unchanged.add(q.question());
                }
            }
            return new Report(topic.id(), topicCreated, created, updated, unchanged, faq.dropped());
        });
    }

    /** The newest revision, in the language, of an item of this kind whose newest revision has this slug. */
    private static Optional<Revision> latestBySlug(Session s, String lang, ItemKind kind, Long topicId, String slug) {
        return s.createSelectionQuery("""
                select r from Revision r join fetch r.item i
                where r.languageCode = :lang and i.kind = :kind and r.slug = :slug
                  and (:topic is null or i.topicId = :topic)
                  and r.number = (select max(r2.number) from Revision r2
                                  where r2.item = r.item and r2.languageCode = r.languageCode)
                order by i.id""", Revision.class)
                .setParameter("lang", lang)
                .setParameter("kind", kind)
                .setParameter("slug", slug)
                .setParameter("topic", topicId)
                .setMaxResults(1)
                .getResultList().stream().findFirst();
    }

    private static int nextPosition(Session s, Long topicId) {
        Integer max = s.createSelectionQuery(
                "select max(i.position) from ContentItem i where i.kind = :kind", Integer.class)
                .setParameter("kind", ItemKind.TOPIC)
                .getSingleResult();
        return max == null ? 1 : max + 1;
    }
}
