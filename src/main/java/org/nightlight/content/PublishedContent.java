package org.nightlight.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.SessionFactory;

/**
 * What the public may read: only live, not withdrawn publications, read from the read model (V18's
 * live_texts, kept by {@link ReadModel}) with their HTML rendered at publication. A question missing or
 * withdrawn in the reader's language is shown in the source language with a notice; an item never published is
 * not shown. A page costs a few statements, outside any transaction ({@link Reads}), whatever the size of the
 * catalogue.
 */
public final class PublishedContent {

    /** Questions on one page of a topic. */
    public static final int QUESTIONS_PER_PAGE = 50;
    /** How many pages a topic of {@code questions} questions takes, {@code perPage} a page: at least one. */
    public static int pages(long questions, int perPage) {
        return (int) Math.max(1, (questions + perPage - 1) / perPage);
    }

    /** Questions listed on either side of a question, on its page. */
    static final int NEIGHBOURS = 5;

    /** Why a text is shown in another language than the one asked for. */
    public enum Notice {
        NONE,
        NOT_TRANSLATED,
        BEING_UPDATED
    }

    /**
     * One live text: its body and sources as sanitized HTML and the body as plain text. {@code body} and
     * {@code sources} are the Markdown of a draft shown in the admin's preview; public texts do not carry it.
     */
    public record Text(long itemId, long revisionId, String languageCode, String title, String slug, String body,
            String sources, Instant publishedAt, LocalDate nextReviewDue, Trust trust, String html,
            String sourcesHtml, String plain) {
    }

    /**
     * Who vouches for a live text: the clinician who signed it off, and for a translation its language
     * reviewer and the date of the source version it was translated from. A translation left live after a
     * minor change of its source (outdated) also has when that newer source went live and its slug.
     */
    public record Trust(String medicalReviewerName, String medicalReviewerCredentials, Instant medicalReviewedOn,
            String languageReviewer, Instant languageReviewedOn, Instant sourceVersionOf, Instant sourceUpdatedOn,
            String sourceSlug) {

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

    /**
     * One page (1 to {@code pages}) of a topic: the topic, that page's questions in order and its urgent-help
     * blocks, most urgent first (none when none is live), and the topic's addresses in every language.
     */
    public record TopicPage(Shown topic, List<Shown> questions, List<Care> care, int page, int pages,
            List<Address> addresses) {
    }

    /**
     * A question with its topic, the questions around it in the topic (for navigation: titles and slugs, no text),
     * its urgent-help blocks, and the addresses of the question's and of the topic's pages in every language.
     */
    public record QuestionPage(Shown topic, Shown question, List<Shown> questions, List<Care> care,
            List<Address> addresses, List<Address> topicAddresses) {
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
    private final java.util.concurrent.atomic.AtomicReference<Frame> frame =
            new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicLong languagesVersion =
            new java.util.concurrent.atomic.AtomicLong();

    public PublishedContent(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /**
     * The site's languages as every part of a page sees them: the public ones in order, and the source language.
     * Read once per request ({@code site.SiteResource#frame}), so a page asks for them once, not in each part.
     */
    public record Frame(List<Language> publicLanguages, Language source) {

        public Optional<Language> publicLanguage(String code) {
            return publicLanguages.stream().filter(l -> l.code().equals(code)).findFirst();
        }
    }

    /**
     * The languages: read once, then kept until {@link #languagesChanged()} (every instance hears of a change by
     * NOTIFY, this one also at once), so a page miss does not pay a transaction and an entity load for them.
     */
    public Frame frame() {
        Frame cached = frame.get();
        if (cached != null) {
            return cached;
        }
        long version = languagesVersion.get();
        Frame loaded = sessions.fromTransaction(s -> {
            List<Language> all = s.createSelectionQuery("from Language order by position, code", Language.class)
                    .getResultList();
            return new Frame(all.stream().filter(Language::isPublic).toList(),
                    all.stream().filter(Language::isSource).findFirst().orElseThrow());
        });
        if (version == languagesVersion.get() && frame.compareAndSet(null, loaded)
                && version != languagesVersion.get()) {
            frame.compareAndSet(loaded, null); // a change arrived between the check and the store
        }
        return loaded;
    }

    /** The languages (or anything that may have changed them unheard) changed: read them again next time. */
    public void languagesChanged() {
        languagesVersion.incrementAndGet();
        frame.set(null);
    }

    public List<Language> publicLanguages() {
        return frame().publicLanguages();
    }

    public Language sourceLanguage() {
        return frame().source();
    }

    public Optional<Language> publicLanguage(String code) {
        return frame().publicLanguage(code);
    }

    /** Every topic shown in the language, in order (without their texts' HTML). */
    public List<Shown> topics(String lang) {
        return read(c -> shown(c, lang, TOPICS, WITHOUT_HTML).items());
    }

    /**
     * The first topic shown in the language: where pages without a topic of their own link for urgent help. Looked
     * for among the first few topics (nearly always there), then among all.
     */
    public Optional<Shown> firstTopic(String lang) {
        return read(c -> {
            List<Shown> first = shown(c, lang, FIRST_TOPICS, WITHOUT_HTML).items();
            return (first.isEmpty() ? shown(c, lang, TOPICS, WITHOUT_HTML).items() : first).stream().findFirst();
        });
    }

    /** The first page of a topic. */
    public Lookup<TopicPage> topic(String lang, String topicSlug) {
        return topic(frame(), lang, topicSlug, 1);
    }

    /** Page {@code page} of a topic, its addresses in the {@code frame}'s languages; Missing past its last page. */
    public Lookup<TopicPage> topic(Frame frame, String lang, String topicSlug, int page) {
        return read(c -> {
            for (long topicId : topicIds(c, lang, topicSlug)) {
                Rows rows = shown(c, lang, PAGE_OF_TOPIC, WITH_HTML, topicId,
                        (page - 1L) * QUESTIONS_PER_PAGE + 1, (long) page * QUESTIONS_PER_PAGE);
                Optional<Shown> topic = rows.topic();
                if (topic.isEmpty()) {
                    continue;
                }
                if (!topic.get().text().slug().equals(topicSlug)) {
                    return new Moved<>(topic.get().text().slug(), null);
                }
                int pages = pages(rows.questionCount(), QUESTIONS_PER_PAGE);
                if (page < 1 || page > pages) {
                    return new Missing<>();
                }
                return new Found<>(new TopicPage(topic.get(), rows.questions(), rows.care(), page, pages,
                        addresses(c, frame.publicLanguages(), topicId, null).topic()));
            }
            return new Missing<>();
        });
    }

    /**
     * The first {@code questions} questions of each topic, titles only, with the topic's urgent help (what a
     * search that found nothing offers); without addresses. A page's {@code pages} is more than 1 when the topic
     * has more questions than that. Topics not shown in the language are left out.
     */
    public List<TopicPage> outlines(String lang, List<Long> topicIds, int questions) {
        return read(c -> {
            List<TopicPage> outlines = new ArrayList<>();
            for (long topicId : topicIds) {
                Rows rows = shown(c, lang, PAGE_OF_TOPIC, URGENT_HTML_ONLY, topicId, 1, questions);
                rows.topic().ifPresent(topic -> outlines.add(new TopicPage(topic, rows.questions(), rows.care(), 1,
                        pages(rows.questionCount(), questions), List.of())));
            }
            return outlines;
        });
    }

    public Lookup<QuestionPage> question(String lang, String topicSlug, String questionSlug) {
        return question(frame(), lang, topicSlug, questionSlug);
    }

    /** A question's page, its addresses and its topic's in the {@code frame}'s languages. */
    public Lookup<QuestionPage> question(Frame frame, String lang, String topicSlug, String questionSlug) {
        return read(c -> {
            Long topicNotShown = null;
            for (Candidate at : candidates(c, lang, topicSlug, questionSlug)) {
                long topicId = at.topicId();
                long questionId = at.questionId();
                if (Long.valueOf(topicId).equals(topicNotShown)) {
                    continue;
                }
                Rows rows = shown(c, lang, AROUND_QUESTION, QUESTION_HTML_ONLY, questionId, NEIGHBOURS, NEIGHBOURS,
                        questionId, questionId, questionId);
                Optional<Shown> topic = rows.topic();
                Optional<Shown> question = rows.items().stream().filter(it -> it.itemId() == questionId)
                        .findFirst();
                if (topic.isEmpty()) {
                    topicNotShown = topicId;
                    continue;
                }
                if (question.isEmpty()) {
                    continue;
                }
                Shown t = topic.get();
                Shown q = question.get();
                if (!t.text().slug().equals(topicSlug) || !q.text().slug().equals(questionSlug)) {
                    return new Moved<>(t.text().slug(), q.text().slug());
                }
                Addresses addresses = addresses(c, frame.publicLanguages(), topicId, questionId);
                return new Found<>(new QuestionPage(t, q, rows.questions(), rows.care(), addresses.page(),
                        addresses.topic()));
            }
            return new Missing<>();
        });
    }

    /** Every public topic and question page in site order, each with its addresses in the frame's languages. */
    public List<Page> pages(Frame frame) {
        List<Language> languages = frame.publicLanguages();
        return read(c -> {
            Map<Long, Long> topicOf = new LinkedHashMap<>();
            Map<Long, Map<String, Slug>> slugs = new LinkedHashMap<>();
            try (PreparedStatement st = c.prepareStatement(SITE); ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    topicOf.put(rs.getLong(1), rs.getLong(2));
                    slugs.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>())
                            .put(rs.getString(3), new Slug(rs.getString(4), instant(rs, 5)));
                }
            }
            List<Page> pages = new ArrayList<>();
            topicOf.forEach((item, topic) -> {
                Long question = item.equals(topic) ? null : item;
                List<Address> addresses = addressesOf(languages, slugs.get(topic),
                        question == null ? null : slugs.get(question));
                if (!addresses.isEmpty()) {
                    pages.add(new Page(topic, question, addresses));
                }
            });
            return pages;
        });
    }

    private <T> T read(org.hibernate.jdbc.ReturningWork<T> work) {
        return Reads.withoutTransaction(sessions, work);
    }

    // --- queries ---------------------------------------------------------------------------------------

    /**
     * The rows shown to a reader of one language, questions numbered in order: per item its own live text, else
     * (not translated, or withdrawn while being updated) the source language's. The {@code %s} are the scope,
     * the HTML columns or nulls, and the filter. Parameters: the reader's language, the scope's, the filter's.
     * The choosing and numbering run over keys only (a long topic's texts are not carried through the sorts) and
     * look each item up by key; the texts are read for the rows kept.
     */
    private static final String SHOWN = """
            with reader as (select ?::text as code),
            source as (select code from languages where is_source),
            candidates as (
                select t.item_id, t.language_code, t.kind, t.withdrawn,
                       i.position, i.care_level,
                       bool_or(t.language_code = (select code from reader)) over (partition by t.item_id) as has_own,
                       row_number() over (partition by t.item_id
                                          order by t.withdrawn, t.language_code = (select code from reader) desc)
                           as pick
                from live_texts t
                -- one lookup by key per text (offset 0: joined plainly, the planner hashed all the items)
                cross join lateral (select i.position, i.care_level from content_items i where i.id = t.item_id
                                    offset 0) i
                where t.language_code in ((select code from reader), (select code from source)) and %s
            ),
            shown as (
                select c.*, case when c.kind = 'QUESTION'
                                 then row_number() over (partition by c.kind = 'QUESTION'
                                                         order by c.position, c.item_id) end as n,
                       count(*) filter (where c.kind = 'QUESTION') over () as questions
                from candidates c where c.pick = 1 and not c.withdrawn
            )
            select s.item_id, s.kind, t.topic_id, s.position, s.care_level, s.language_code, t.revision_id,
                   t.title, t.slug, %s, t.published_at, t.next_review_due,
                   mu.display_name, coalesce(mc.credentials, mu.credentials), t.medical_reviewed_at,
                   lu.display_name, coalesce(lc.credentials, lu.credentials), t.language_reviewed_at,
                   t.source_version_of, t.source_updated_on, t.source_slug, s.has_own, s.questions
            from shown s
            join live_texts t on t.item_id = s.item_id and t.language_code = s.language_code
            left join users mu on mu.id = t.medical_reviewer_id
            left join user_credentials mc on mc.user_id = mu.id and mc.language_code = (select code from reader)
            left join users lu on lu.id = t.language_reviewer_id
            left join user_credentials lc on lc.user_id = lu.id and lc.language_code = (select code from reader)
            where %s
            order by s.kind = 'TOPIC' desc, s.position, s.item_id
            """;
    private static final String WITH_HTML = "t.html, t.sources_html, t.plain";
    private static final String WITHOUT_HTML = "null, null, null";
    /** Texts for every row but the questions other than question ? (three times): their titles serve as links. */
    private static final String QUESTION_HTML_ONLY = """
            case when s.kind <> 'QUESTION' or s.item_id = ? then t.html end,
            case when s.kind <> 'QUESTION' or s.item_id = ? then t.sources_html end,
            case when s.kind <> 'QUESTION' or s.item_id = ? then t.plain end""";
    /** The urgent help's HTML, the topic's and the questions' titles only. */
    private static final String URGENT_HTML_ONLY = """
            case when s.kind = 'URGENT_HELP' then t.html end, null,
            case when s.kind = 'URGENT_HELP' then t.plain end""";

    private record Shape(String scope, String filter) {
    }

    /**
     * The ? questions shown on one side ({@code %1$s} "<" or ">", {@code %2$s} the walk's order) of question q:
     * a walk along content_items' topic index from q's position, in order, stopping at the ?th kept. (Comparing
     * with scalar subqueries, not a join with q, keeps the index's order visible to the planner, so it stops.)
     */
    private static final String NEIGHBOURS_SIDE = """
            (select i.id from content_items i
             where i.topic_id = (select topic_id from q) and i.kind = 'QUESTION'
               and i.position %1$s= (select position from q)
               and (i.position, i.id) %1$s ((select position from q), (select id from q))
               and exists (select 1 from live_texts l where l.item_id = i.id and not l.withdrawn
                           and l.language_code in ((select code from reader), (select code from source)))
             order by i.position %2$s, i.id %2$s limit ?)""";

    /** The topics: found through content_items' index (a topic has no topic), then each text by its key. */
    private static final Shape TOPICS = new Shape("t.item_id in (select id from content_items where topic_id is null)",
            "true");
    /** The first five topics in order. */
    private static final Shape FIRST_TOPICS = new Shape("""
            t.item_id in (select id from content_items where topic_id is null order by position, id limit 5)""",
            "true");
    /** A topic, its urgent help and questions number ? to ?. */
    private static final Shape PAGE_OF_TOPIC = new Shape("t.topic_id = ?",
            "s.kind <> 'QUESTION' or s.n between ? and ?");
    /**
     * Question ?, its topic and urgent help, and the ? questions shown before it and the ? after it in the topic's
     * order: a dozen items read by key, whatever the length of the topic.
     */
    private static final Shape AROUND_QUESTION = new Shape("""
            t.item_id in (
                with q as materialized (select id, topic_id, position from content_items where id = ?)
                select id from q
                union all select topic_id from q
                union all select id from content_items where topic_id = (select topic_id from q)
                                                          and kind = 'URGENT_HELP'
                union all %1$s
                union all %2$s)""".formatted(NEIGHBOURS_SIDE.formatted("<", "desc"),
            NEIGHBOURS_SIDE.formatted(">", "asc")), "true");

    /** {@code columns}: one of the column sets above; {@code parameters}: the scope's, the columns', the filter's. */
    private static Rows shown(Connection c, String lang, Shape shape, String columns, long... parameters)
            throws SQLException {
        String sql = SHOWN.formatted(shape.scope(), columns, shape.filter());
        List<Shown> shown = new ArrayList<>();
        Map<Long, CareLevel> careLevels = new LinkedHashMap<>();
        long questions = 0;
        try (PreparedStatement st = c.prepareStatement(sql)) {
            int i = 0;
            st.setString(++i, lang);
            for (long parameter : parameters) {
                st.setLong(++i, parameter);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    Shown item = shown(rs, lang);
                    shown.add(item);
                    if (rs.getString(5) != null) {
                        careLevels.put(item.itemId(), CareLevel.valueOf(rs.getString(5)));
                    }
                    questions = rs.getLong(25);
                }
            }
        }
        return new Rows(shown, careLevels, questions);
    }

    private static Shown shown(ResultSet rs, String lang) throws SQLException {
        String language = rs.getString(6);
        Trust trust = new Trust(rs.getString(15), blankToNull(rs.getString(16)), instant(rs, 17),
                rs.getString(18) == null ? null : signature(rs.getString(18), rs.getString(19)), instant(rs, 20),
                instant(rs, 21), instant(rs, 22), rs.getString(23));
        Text text = new Text(rs.getLong(1), rs.getLong(7), language, rs.getString(8), rs.getString(9), null, null,
                instant(rs, 13), rs.getObject(14, LocalDate.class), trust, rs.getString(10), rs.getString(11),
                rs.getString(12));
        Notice notice = language.equals(lang) ? Notice.NONE
                : rs.getBoolean(24) ? Notice.BEING_UPDATED : Notice.NOT_TRANSLATED;
        ItemKind kind = ItemKind.valueOf(rs.getString(2));
        Long topicId = kind == ItemKind.TOPIC ? null : rs.getLong(3);
        return new Shown(rs.getLong(1), kind, topicId, rs.getInt(4), text, notice);
    }

    /**
     * Topics whose current slug in the reader's language (or the source language's) is {@code slug}; when none
     * has it, those that ever had it in any language (an old or another language's address, answered with a
     * redirect), preferring the reader's language.
     */
    private static final String TOPIC_IDS_UNORDERED = """
            with current as (
                select t.item_id from live_texts t
                where t.slug = ? and t.kind = 'TOPIC'
                  and (t.language_code = ? or t.language_code = (select code from languages where is_source))
            )
            select item_id, 0 as rank from current
            union all
            select r.item_id, case when r.language_code = ? then 1 else 2 end from revisions r
            join content_items i on i.id = r.item_id
            where r.slug = ? and i.kind = 'TOPIC' and not exists (select 1 from current)""";
    private static final String TOPIC_IDS = TOPIC_IDS_UNORDERED + "\norder by rank, item_id";
    /**
     * The (topic, question) pairs an address may name, most likely first: for each topic of {@link #TOPIC_IDS},
     * its questions chosen by slug the same way. One statement, so a question page finds its ids in one round trip.
     */
    private static final String CANDIDATES = """
            with topics as (%s)
            select tp.item_id, q.item_id from topics tp
            cross join lateral (
                with current as (
                    select t.item_id from live_texts t
                    where t.topic_id = tp.item_id and t.slug = ? and t.kind = 'QUESTION'
                      and (t.language_code = ? or t.language_code = (select code from languages where is_source))
                )
                select item_id, 0 as rank from current
                union all
                select r.item_id, case when r.language_code = ? then 1 else 2 end from revisions r
                join content_items i on i.id = r.item_id
                where r.slug = ? and i.kind = 'QUESTION' and i.topic_id = tp.item_id
                  and not exists (select 1 from current)
            ) q
            order by tp.rank, tp.item_id, q.rank, q.item_id
            """.formatted(TOPIC_IDS_UNORDERED);

    private static List<Long> topicIds(Connection c, String lang, String slug) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(TOPIC_IDS)) {
            bindSlug(st, 0, lang, slug);
            return ids(st);
        }
    }

    /** A question's page as an address may name it: its topic's id and its own. */
    private record Candidate(long topicId, long questionId) {
    }

    private static List<Candidate> candidates(Connection c, String lang, String topicSlug, String questionSlug)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement(CANDIDATES)) {
            bindSlug(st, 0, lang, topicSlug);
            bindSlug(st, 4, lang, questionSlug);
            java.util.Set<Candidate> candidates = new java.util.LinkedHashSet<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    candidates.add(new Candidate(rs.getLong(1), rs.getLong(2)));
                }
            }
            return List.copyOf(candidates);
        }
    }

    /** The four parameters of one slug's lookup, after the first {@code before}. */
    private static void bindSlug(PreparedStatement st, int before, String lang, String slug) throws SQLException {
        st.setString(before + 1, slug);
        st.setString(before + 2, lang);
        st.setString(before + 3, lang);
        st.setString(before + 4, slug);
    }

    private static List<Long> ids(PreparedStatement st) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                if (!ids.contains(rs.getLong(1))) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** What one statement of {@link #SHOWN} found. */
    private record Rows(List<Shown> items, Map<Long, CareLevel> careLevels, long questionCount) {

        Optional<Shown> topic() {
            return items.stream().filter(it -> it.kind() == ItemKind.TOPIC).findFirst();
        }

        List<Shown> questions() {
            return items.stream().filter(it -> it.kind() == ItemKind.QUESTION).toList();
        }

        List<Care> care() {
            return items.stream().filter(it -> it.kind() == ItemKind.URGENT_HELP)
                    .map(it -> new Care(careLevels.get(it.itemId()), it))
                    .sorted(java.util.Comparator.comparing(Care::level))
                    .toList();
        }
    }

    /** A live, not withdrawn text's slug in one language, and when it went live. */
    private record Slug(String slug, Instant publishedAt) {
    }

    /** The live texts of every page, topics in order, each topic before its questions in order. */
    private static final String SITE = """
            select t.item_id, t.topic_id, t.language_code, t.slug, t.published_at
            from live_texts t
            join content_items i on i.id = t.item_id
            join content_items topic on topic.id = t.topic_id
            where not t.withdrawn and t.kind <> 'URGENT_HELP'
            order by topic.position, t.topic_id, t.kind = 'TOPIC' desc, i.position, t.item_id
            """;
    private static final String SLUGS = """
            select item_id, language_code, slug, published_at from live_texts
            where item_id in (?, ?) and not withdrawn""";

    /** Where a page ({@code page}: the question's, or the topic's when there is no question) and its topic are shown. */
    private record Addresses(List<Address> page, List<Address> topic) {
    }

    /** The addresses of a topic's page and of one of its questions' (or the topic's again), in one statement. */
    private static Addresses addresses(Connection c, List<Language> languages, long topicId, Long questionId)
            throws SQLException {
        Map<Long, Map<String, Slug>> slugs = new LinkedHashMap<>();
        try (PreparedStatement st = c.prepareStatement(SLUGS)) {
            st.setLong(1, topicId);
            st.setLong(2, questionId == null ? topicId : questionId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    slugs.computeIfAbsent(rs.getLong(1), id -> new LinkedHashMap<>())
                            .put(rs.getString(2), new Slug(rs.getString(3), instant(rs, 4)));
                }
            }
        }
        List<Address> topic = addressesOf(languages, slugs.get(topicId), null);
        return new Addresses(questionId == null ? topic
                : addressesOf(languages, slugs.get(topicId), slugs.get(questionId)), topic);
    }

    /**
     * Where a topic page ({@code question} null) or a question page is shown in each public language: that
     * language's own live text, else the source language's (the same choice as {@link #SHOWN}).
     */
    private static List<Address> addressesOf(List<Language> languages, Map<String, Slug> topic,
            Map<String, Slug> question) {
        List<Address> addresses = new ArrayList<>();
        String source = languages.stream().filter(Language::isSource).map(Language::code).findFirst().orElse(null);
        for (Language language : languages) {
            Slug topicSlug = shownIn(topic, language.code(), source);
            Slug questionSlug = shownIn(question, language.code(), source);
            if (topicSlug == null || (question != null && questionSlug == null)) {
                continue;
            }
            Slug page = question == null ? topicSlug : questionSlug;
            addresses.add(new Address(language, topicSlug.slug(),
                    question == null ? null : questionSlug.slug(), page.publishedAt()));
        }
        return addresses;
    }

    private static Slug shownIn(Map<String, Slug> byLanguage, String lang, String source) {
        if (byLanguage == null) {
            return null;
        }
        Slug mine = byLanguage.get(lang);
        return mine != null ? mine : byLanguage.get(source);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getObject(column, java.time.OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static String signature(String name, String credentials) {
        return credentials == null || credentials.isBlank() ? name : name + ", " + credentials;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
