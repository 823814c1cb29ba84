package org.nightlight.content;

import org.nightlight.db.SqlValues;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.SessionFactory;
import org.hibernate.Session;

/**
 * What the public may read: only live, not withdrawn publications. A question missing or withdrawn in the
 * reader's language is shown in the source language with a notice; an item never published is not shown.
 */
public final class PublishedContent {

    /** Why a text is shown in another language than the one asked for. */
    public enum Notice {
        NONE,
        NOT_TRANSLATED,
        BEING_UPDATED
    }

    /** One live text. */
    public record Text(long itemId, long revisionId, String languageCode, String title, String slug, String body,
            String sources, Instant publishedAt, LocalDate nextReviewDue, Trust trust) {
    }

    /**
     * Who vouches for a live text: the clinician who signed it off, and for a translation its language
     * reviewer and the date of the source version it was translated from. A translation left live after a
     * minor change of its source (outdated) also has when that newer source went live and its slug.
     */
    public record Trust(String medicalReviewerName, String medicalReviewerCredentials, Instant medicalReviewedOn,
            String languageReviewer, Instant languageReviewedOn, Instant sourceVersionOf, Instant sourceUpdatedOn,
            String sourceSlug) {

        static final Trust NONE = new Trust(null, null, null, null, null, null);

        public Trust(String medicalReviewerName, String medicalReviewerCredentials, Instant medicalReviewedOn,
                String languageReviewer, Instant languageReviewedOn, Instant sourceVersionOf) {
            this(medicalReviewerName, medicalReviewerCredentials, medicalReviewedOn, languageReviewer,
                    languageReviewedOn, sourceVersionOf, null, null);
        }

        /** True for a live translation made from an older source text than the live one. */
        public boolean outdated() {
            return sourceUpdatedOn != null;
        }

        /** "Name, credentials", or the name alone; null when nobody signed it off (never for public text). */
        public String medicalReviewer() {
            return medicalReviewerName == null ? null : signature(medicalReviewerName, medicalReviewerCredentials);
        }
    }

    /** Where an item is shown in one public language: the slugs of its page there, and when that text went live. */
    public record Address(Language language, String topicSlug, String questionSlug, Instant publishedAt) {
    }

    /** One public page (a topic, or a question of it) in each public language that shows it, in language order. */
    public record Page(long topicId, Long questionId, List<Address> addresses) {
    }

    /** An item as a reader of one language sees it. */
    public record Shown(long itemId, ItemKind kind, Long topicId, int position, Text text, Notice notice) {

        public boolean inFallback() {
            return notice != Notice.NONE;
        }
    }

    /** One urgent-help block of a topic: how soon it asks a parent to act, and its text. */
    public record Care(CareLevel level, Shown advice) {

        public String levelName() {
            return level.name();
        }
    }

    /** A topic with its questions in order and its urgent-help blocks, most urgent first (none when none is live). */
    public record TopicPage(Shown topic, List<Shown> questions, List<Care> care) {
    }

    /** The result of looking an item up by a slug in the address. */
    public sealed interface Lookup<T> {
    }

    public record Found<T>(T value) implements Lookup<T> {
    }

    /** The slug is an old or another language's one: send the reader to the current address. */
    public record Moved<T>(String topicSlug, String questionSlug) implements Lookup<T> {
    }

    public record Missing<T>() implements Lookup<T> {
    }

    private final SessionFactory sessions;

    public PublishedContent(SessionFactory sessions) {
        this.sessions = sessions;
    }

    public List<Language> publicLanguages() {
        return sessions.fromTransaction(s -> s.createSelectionQuery(
                "from Language where isPublic order by position, code", Language.class).getResultList());
    }

    public Language sourceLanguage() {
        return sessions.fromTransaction(s -> s.createSelectionQuery(
                "from Language where isSource", Language.class).getSingleResult());
    }

    public Optional<Language> publicLanguage(String code) {
        return sessions.fromTransaction(s -> Optional.ofNullable(s.find(Language.class, code))
                .filter(Language::isPublic));
    }

    /** Every topic shown in the language, in order. */
    public List<Shown> topics(String lang) {
        return sessions.fromTransaction(s -> shown(s, lang, null).values().stream()
                .filter(it -> it.kind() == ItemKind.TOPIC)
                .sorted(Comparator.comparingInt(Shown::position).thenComparingLong(Shown::itemId))
                .toList());
    }

    public Lookup<TopicPage> topic(String lang, String topicSlug) {
        return sessions.fromTransaction(s -> {
            Optional<Shown> topic = findBySlug(s, lang, shown(s, lang, null).values(), ItemKind.TOPIC, topicSlug);
            if (topic.isEmpty()) {
                return movedTopic(s, lang, topicSlug, null);
            }
            Shown t = topic.get();
            if (!t.text().slug().equals(topicSlug)) {
                return new Moved<>(t.text().slug(), null);
            }
            return new Found<>(new TopicPage(t, questionsOf(s, lang, t.itemId()), urgentHelpOf(s, lang, t.itemId())));
        });
    }

    public Lookup<QuestionPage> question(String lang, String topicSlug, String questionSlug) {
        return sessions.fromTransaction(s -> {
            Optional<Shown> topic = findBySlug(s, lang, shown(s, lang, null).values(), ItemKind.TOPIC, topicSlug);
            if (topic.isEmpty()) {
                return movedTopic(s, lang, topicSlug, questionSlug);
            }
            Shown t = topic.get();
            List<Shown> questions = questionsOf(s, lang, t.itemId());
            Optional<Shown> question = findBySlug(s, lang, questions, ItemKind.QUESTION, questionSlug);
            if (question.isEmpty()) {
                return new Missing<>();
            }
            Shown q = question.get();
            if (!t.text().slug().equals(topicSlug) || !q.text().slug().equals(questionSlug)) {
                return new Moved<>(t.text().slug(), q.text().slug());
            }
            return new Found<>(new QuestionPage(t, q, questions, urgentHelpOf(s, lang, t.itemId())));
        });
    }

    /** A question with its topic, the topic's other questions (for navigation) and its urgent-help blocks. */
    public record QuestionPage(Shown topic, Shown question, List<Shown> questions, List<Care> care) {
    }

    /**
     * The page of a topic ({@code questionId} null) or of one of its questions in every public language that
     * shows it, with the slugs that language's reader sees (its own, or the source language's in fallback):
     * what a language switcher and {@code hreflang} alternates link to. Empty when the page is public nowhere.
     */
    public List<Address> addresses(long topicId, Long questionId) {
        return sessions.fromTransaction(s -> addressesOf(publicLanguagesIn(s), sourceCode(s),
                liveTexts(s, topicId), topicId, questionId));
    }

    /** Every public topic and question page in site order, each with its addresses (for the sitemap). */
    public List<Page> pages() {
        return sessions.fromTransaction(s -> {
            List<Language> languages = publicLanguagesIn(s);
            String source = sourceCode(s);
            Map<Long, Map<String, Publication>> live = liveTexts(s, null);
            List<ContentItem> items = live.values().stream()
                    .map(byLanguage -> byLanguage.values().iterator().next().item())
                    .filter(item -> item.kind() != ItemKind.URGENT_HELP)
                    .sorted(Comparator.comparingInt(ContentItem::position).thenComparing(ContentItem::id))
                    .toList();
            List<Page> pages = new ArrayList<>();
            for (ContentItem topic : items) {
                if (topic.kind() != ItemKind.TOPIC) {
                    continue;
                }
                List<Address> topicAddresses = addressesOf(languages, source, live, topic.id(), null);
                if (topicAddresses.isEmpty()) {
                    continue;
                }
                pages.add(new Page(topic.id(), null, topicAddresses));
                for (ContentItem question : items) {
                    if (question.kind() == ItemKind.QUESTION && topic.id().equals(question.topicId())) {
                        List<Address> addresses = addressesOf(languages, source, live, topic.id(), question.id());
                        if (!addresses.isEmpty()) {
                            pages.add(new Page(topic.id(), question.id(), addresses));
                        }
                    }
                }
            }
            return pages;
        });
    }

    private static String sourceCode(Session s) {
        return s.createSelectionQuery("select code from Language where isSource", String.class).getSingleResult();
    }

    private static List<Language> publicLanguagesIn(Session s) {
        return s.createSelectionQuery("from Language where isPublic order by position, code", Language.class)
                .getResultList();
    }

    /** Live, not withdrawn publications (of one topic and its children, or of everything) by item and language. */
    private static Map<Long, Map<String, Publication>> liveTexts(Session s, Long topicId) {
        String scope = topicId == null ? "" : " and (i.id = :topic or i.topic.id = :topic)";
        var query = s.createSelectionQuery("""
                select p from Publication p join fetch p.revision r join fetch p.item i
                where p.endedAt is null and p.withdrawnAt is null""" + scope, Publication.class);
        if (topicId != null) {
            query.setParameter("topic", topicId);
        }
        Map<Long, Map<String, Publication>> live = new LinkedHashMap<>();
        for (Publication p : query.getResultList()) {
            live.computeIfAbsent(p.item().id(), id -> new LinkedHashMap<>()).put(p.languageCode(), p);
        }
        return live;
    }

    private static List<Address> addressesOf(List<Language> languages, String source,
            Map<Long, Map<String, Publication>> live, long topicId, Long questionId) {
        List<Address> addresses = new ArrayList<>();
        for (Language language : languages) {
            Publication topic = shownIn(live.get(topicId), language.code(), source);
            Publication question = questionId == null ? null : shownIn(live.get(questionId), language.code(), source);
            if (topic == null || (questionId != null && question == null)) {
                continue;
            }
            Publication page = question == null ? topic : question;
            addresses.add(new Address(language, topic.revision().slug(),
                    question == null ? null : question.revision().slug(), page.publishedAt()));
        }
        return addresses;
    }

    /** The same choice as {@link #shown}: the language's own live text, else the source language's. */
    private static Publication shownIn(Map<String, Publication> byLanguage, String lang, String source) {
        if (byLanguage == null) {
            return null;
        }
        Publication mine = byLanguage.get(lang);
        return mine != null ? mine : byLanguage.get(source);
    }

    private <T> Lookup<T> movedTopic(Session s, String lang, String topicSlug, String questionSlug) {
        Optional<Shown> topic = findBySlug(s, lang, shown(s, lang, null).values(), ItemKind.TOPIC, topicSlug);
        if (topic.isEmpty()) {
            return new Missing<>();
        }
        if (questionSlug == null) {
            return new Moved<>(topic.get().text().slug(), null);
        }
        List<Shown> questions = questionsOf(s, lang, topic.get().itemId());
        return findBySlug(s, lang, questions, ItemKind.QUESTION, questionSlug)
                .<Lookup<T>>map(q -> new Moved<>(topic.get().text().slug(), q.text().slug()))
                .orElseGet(Missing::new);
    }

    private List<Shown> questionsOf(Session s, String lang, long topicId) {
        return shown(s, lang, topicId).values().stream()
                .filter(it -> it.kind() == ItemKind.QUESTION)
                .sorted(Comparator.comparingInt(Shown::position).thenComparingLong(Shown::itemId))
                .toList();
    }

    private List<Care> urgentHelpOf(Session s, String lang, long topicId) {
        return shown(s, lang, topicId).values().stream()
                .filter(it -> it.kind() == ItemKind.URGENT_HELP)
                .map(it -> new Care(s.find(ContentItem.class, it.itemId()).careLevel(), it))
                .sorted(Comparator.comparing(Care::level))
                .toList();
    }

    /**
     * The shown item whose current slug matches, else one that ever had this slug in any language
     * (an old or another language's address), which the caller answers with a redirect.
     */
    private Optional<Shown> findBySlug(Session s, String lang, java.util.Collection<Shown> candidates,
            ItemKind kind, String slug) {
        Optional<Shown> current = candidates.stream()
                .filter(it -> it.kind() == kind && it.text().slug().equals(slug))
                .findFirst();
        if (current.isPresent()) {
            return current;
        }
        List<Long> itemIds = s.createSelectionQuery(
                "select distinct r.item.id from Revision r where r.slug = :slug and r.item.kind = :kind", Long.class)
                .setParameter("slug", slug)
                .setParameter("kind", kind)
                .getResultList();
        // Prefer the reader's own language when two items once shared a slug in different languages.
        return candidates.stream()
                .filter(it -> it.kind() == kind && itemIds.contains(it.itemId()))
                .min(Comparator.comparing((Shown it) -> !it.text().languageCode().equals(lang)));
    }

    /** Items (all, or a topic and its questions) as shown in the language, keyed by item id. */
    private Map<Long, Shown> shown(Session s, String lang, Long topicId) {
        String source = s.createSelectionQuery("select code from Language where isSource", String.class)
                .getSingleResult();
        String scope = topicId == null ? "" : " and (i.id = :topic or i.topic.id = :topic)";
        var query = s.createSelectionQuery("""
                select p from Publication p join fetch p.revision r join fetch p.item i
                where p.endedAt is null and p.languageCode in (:lang, :source)""" + scope, Publication.class)
                .setParameter("lang", lang)
                .setParameter("source", source);
        if (topicId != null) {
            query.setParameter("topic", topicId);
        }
        Map<Long, Publication> local = new LinkedHashMap<>();
        Map<Long, Publication> fromSource = new LinkedHashMap<>();
        for (Publication p : query.getResultList()) {
            (p.languageCode().equals(lang) ? local : fromSource).put(p.item().id(), p);
            if (lang.equals(source)) {
                fromSource.put(p.item().id(), p);
            }
        }
        Map<Long, Publication> chosen = new LinkedHashMap<>();
        Map<Long, Notice> notices = new LinkedHashMap<>();
        List<Long> ids = new ArrayList<>(fromSource.keySet());
        local.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        for (Long id : ids) {
            Publication mine = local.get(id);
            Publication src = fromSource.get(id);
            if (mine != null && !mine.isWithdrawn()) {
                chosen.put(id, mine);
                notices.put(id, Notice.NONE);
            } else if (src != null && !src.isWithdrawn()) {
                chosen.put(id, src);
                notices.put(id, mine != null ? Notice.BEING_UPDATED : Notice.NOT_TRANSLATED);
            }
        }
        Map<Long, Trust> trust = trust(s, lang, chosen.values().stream().map(p -> p.revision().id()).toList());
        Map<Long, Shown> result = new LinkedHashMap<>();
        chosen.forEach((id, p) -> result.put(id,
                shown(p, notices.get(id), trust.getOrDefault(p.revision().id(), Trust.NONE))));
        return result;
    }

    /**
     * Sign-offs of the given revisions: one query for reviews, one for source versions. Reviewers' credentials
     * are those in the reader's language, else their default ones.
     */
    private static Map<Long, Trust> trust(Session s, String lang, List<Long> revisionIds) {
        Map<Long, Trust> result = new java.util.HashMap<>();
        if (revisionIds.isEmpty()) {
            return result;
        }
        List<Object[]> reviews = s.createNativeQuery("""
                select r.revision_id, r.kind, u.display_name, coalesce(c.credentials, u.credentials), r.created_at
                from reviews r join users u on u.id = r.reviewer_id
                left join user_credentials c on c.user_id = u.id and c.language_code = :lang
                where r.revision_id in (:ids) and r.decision = 'APPROVED'
                order by r.created_at, r.id""", Object[].class)
                .setParameter("ids", revisionIds)
                .setParameter("lang", lang)
                .getResultList();
        for (Object[] row : reviews) {
            long revisionId = ((Number) row[0]).longValue();
            String who = signature((String) row[2], (String) row[3]);
            Instant at = SqlValues.instant(row[4]);
            Trust t = result.getOrDefault(revisionId, Trust.NONE);
            result.put(revisionId, "MEDICAL".equals(row[1])
                    ? new Trust((String) row[2], blankToNull((String) row[3]), at, t.languageReviewer(),
                            t.languageReviewedOn(), null)
                    : new Trust(t.medicalReviewerName(), t.medicalReviewerCredentials(), t.medicalReviewedOn(), who,
                            at, null));
        }
        // the live source text, when it is newer than the one a translation was made from
        List<Object[]> bases = s.createNativeQuery("""
                select v.id, coalesce((select min(p.published_at) from publications p
                                       where p.revision_id = v.base_source_revision_id), b.created_at),
                       newer.published_at, newer.slug
                from revisions v join revisions b on b.id = v.base_source_revision_id
                left join lateral (select p.published_at, r.slug from publications p
                                   join revisions r on r.id = p.revision_id
                                   where p.item_id = v.item_id and p.language_code = b.language_code
                                     and p.ended_at is null and p.withdrawn_at is null
                                     and r.number > b.number) newer on true
                where v.id in (:ids)""", Object[].class)
                .setParameter("ids", revisionIds)
                .getResultList();
        for (Object[] row : bases) {
            long revisionId = ((Number) row[0]).longValue();
            Trust t = result.getOrDefault(revisionId, Trust.NONE);
            result.put(revisionId, new Trust(t.medicalReviewerName(), t.medicalReviewerCredentials(),
                    t.medicalReviewedOn(), t.languageReviewer(), t.languageReviewedOn(),
                    SqlValues.instant(row[1]), SqlValues.instant(row[2]), (String) row[3]));
        }
        return result;
    }

    private static String signature(String name, String credentials) {
        return credentials == null || credentials.isBlank() ? name : name + ", " + credentials;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }


    private static Shown shown(Publication p, Notice notice, Trust trust) {
        Revision r = p.revision();
        ContentItem item = p.item();
        Text text = new Text(item.id(), r.id(), r.languageCode(), r.title(), r.slug(), r.body(), r.sources(),
                p.publishedAt(), p.nextReviewDue(), trust);
        Long topicId = item.topicId();
        return new Shown(item.id(), item.kind(), topicId, item.position(), text, notice);
    }
}
