package org.nightlight.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hibernate.SessionFactory;

/**
 * Full-text search over what the public may read, as a reader of one language sees it: an item's live text
 * in that language, else (not translated, or withdrawn for an update) its live source-language text, and a
 * question only when its topic is shown too. Ranked with ts_rank among a bounded set of candidates (title
 * matches first), accent-insensitive, with highlighted snippets; a misspelt word is corrected from the words of
 * the live texts in the reader's and the source language ("myoclonis" finds "myoclonus").
 */
public final class Search {

    /** Longer input is cut here: enough for any real question, and it bounds the work per query. */
    public static final int MAX_QUERY_CHARS = 200;
    /** The ranked results a query has at most, shown {@link #PER_PAGE} to a page. */
    static final int MAX_HITS = 30;
    /** Results a page shows: only these get a highlighted snippet, the costly part of a search. */
    public static final int PER_PAGE = 10;
    /** How many title matches, and how many matches anywhere, are ranked at most. */
    static final int CANDIDATES = 100;
    /** How alike (pg_trgm similarity, 0 to 1) a word must be to a query word to be offered instead. */
    static final double MIN_SIMILARITY = 0.35;

    /** Private-use characters that ts_headline puts around matches; markdown_plain() removes them from texts. */
    static final char START = '\uE000';
    static final char STOP = '\uE001';
    private static final String MARKS = "StartSel=\"" + START + "\", StopSel=\"" + STOP + "\"";
    private static final String TITLE_OPTIONS = "HighlightAll=true, " + MARKS;
    private static final String SNIPPET_OPTIONS = "MaxFragments=2, MaxWords=28, MinWords=12, ShortWord=3,"
            + " FragmentDelimiter=\" … \", " + MARKS;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");
    /** Controls, bidi overrides and isolates, the highlight marks, unpaired surrogates and non-characters. */
    private static final Pattern UNWANTED = Pattern.compile(
            "[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069\\uE000\\uE001\\uFFFE\\uFFFF]|\\p{Cs}");

    /** A run of text, highlighted where it matched the query. */
    public record Part(String text, boolean highlighted) {
    }

    /** One found item: where it lives and how it reads. {@code topicSlug} equals {@code slug} for a topic. */
    public record Hit(long itemId, ItemKind kind, String languageCode, boolean fallback, String topicSlug,
            String slug, List<Part> title, List<Part> snippet) {
    }

    /**
     * The answer to one query: page {@code page} of its {@code total} ranked results ({@code hits}, at most
     * {@link #PER_PAGE}). {@code suggestion} is a spelling made of words of the live texts in the reader's and the
     * source language, or null; when the query itself found nothing, the results are those of the suggestion and
     * {@code corrected} is true.
     */
    public record Results(String query, boolean truncated, List<Hit> hits, int total, int page, String suggestion,
            boolean corrected) {

        public boolean blank() {
            return query.isEmpty();
        }

        /** How many pages the results fill: at least 1. */
        public int pages() {
            return Math.max(1, (total + PER_PAGE - 1) / PER_PAGE);
        }
    }

    /** One page of ranked hits and how many there are in all. */
    private record Found(List<Hit> hits, int total) {
    }

    private final SessionFactory sessions;

    public Search(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Page {@code page} (from 1) of what {@code rawQuery} finds for a reader of {@code lang}. */
    public Results search(String lang, String rawQuery, int page) {
        String query = clean(rawQuery);
        boolean truncated = normalized(rawQuery).codePoints().count() > MAX_QUERY_CHARS;
        if (query.isBlank()) {
            return new Results("", truncated, List.of(), 0, 1, null, false);
        }
        return Reads.withoutTransaction(sessions, connection -> {
            Map<String, List<String>> meanings = SearchWords.meanings(connection, lang);
            Expanded expanded = Expanded.of(query, meanings);
            Found found = hits(connection, lang, expanded, page);
            String suggestion = found.total() >= 3 ? null
                    : suggestion(connection, lang, query, expanded.synonymWords());
            if (found.total() == 0 && suggestion != null) {
                Found corrected = hits(connection, lang, Expanded.of(suggestion, meanings), page);
                if (corrected.total() > 0) {
                    return new Results(query, truncated, corrected.hits(), corrected.total(), page, suggestion, true);
                }
                suggestion = null;
            }
            return new Results(query, truncated, found.hits(), found.total(), page, suggestion, false);
        });
    }

    /**
     * A query with the readers' words that have synonyms taken out: {@code rest} is searched as typed
     * (websearch syntax), and each of {@code alternatives} ("fit\nseizure") must match in one of its forms.
     * Without synonyms in the query, {@code rest} is the query itself.
     */
    record Expanded(String rest, List<String> alternatives, java.util.Set<String> synonymWords) {

        static Expanded of(String query, Map<String, List<String>> meanings) {
            List<String> words = new ArrayList<>();
            Matcher m = WORD.matcher(fold(query));
            while (m.find()) {
                words.add(m.group());
            }
            boolean[] used = new boolean[words.size()];
            List<String> alternatives = new ArrayList<>();
            java.util.Set<String> synonymWords = new java.util.HashSet<>();
            // longer phrases first: "baby shaking" before "shaking"
            List<String> terms = new ArrayList<>(meanings.keySet());
            terms.sort(java.util.Comparator.comparingInt((String t) -> t.split(" ").length).reversed());
            for (String term : terms) {
                String[] parts = term.split(" ");
                for (int at = 0; at + parts.length <= words.size(); at++) {
                    if (free(used, at, parts.length) && words.subList(at, at + parts.length).equals(List.of(parts))) {
                        java.util.Arrays.fill(used, at, at + parts.length, true);
                        synonymWords.addAll(List.of(parts));
                        List<String> forms = new ArrayList<>(List.of(term));
                        forms.addAll(meanings.get(term));
                        alternatives.add(String.join("\n", forms));
                    }
                }
            }
            if (alternatives.isEmpty()) {
                return new Expanded(query, List.of(), java.util.Set.of());
            }
            StringBuilder rest = new StringBuilder();
            for (int i = 0; i < words.size(); i++) {
                if (!used[i]) {
                    rest.append(rest.isEmpty() ? "" : " ").append(words.get(i));
                }
            }
            return new Expanded(rest.toString(), alternatives, synonymWords);
        }

        private static boolean free(boolean[] used, int from, int length) {
            for (int i = from; i < from + length; i++) {
                if (used[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * Lower case without accents or Arabic short vowels, words separated by single spaces: how readers' words
     * are compared with the synonyms' (the database's search_fold() does the same for the texts).
     */
    static String fold(String text) {
        String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
        String bare = decomposed.replaceAll("[\\p{M}\\u0640]", "").toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(bare);
        while (m.find()) {
            words.add(m.group());
        }
        return String.join(" ", words);
    }

    /**
     * The query as searched: controls and invisible direction overrides become spaces, whitespace is
     * collapsed, and anything past {@link #MAX_QUERY_CHARS} characters is cut (never inside a character).
     * Quotes, operators and SQL are just text: websearch_to_tsquery never fails on its input.
     */
    public static String clean(String raw) {
        String text = normalized(raw);
        if (text.codePointCount(0, text.length()) > MAX_QUERY_CHARS) {
            int end = text.offsetByCodePoints(0, MAX_QUERY_CHARS);
            int space = text.charAt(end) == ' ' ? end : text.lastIndexOf(' ', end);
            // between words where that loses little, so the last word is not a meaningless fragment
            text = text.substring(0, space > end - 40 ? space : end).strip();
        }
        return text;
    }

    private static String normalized(String raw) {
        if (raw == null) {
            return "";
        }
        return UNWANTED.matcher(raw).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }

    /**
     * The snippet with "… " before it when it starts within the text and " …" after it when the text goes on, so a
     * reader never takes a cut sentence for the whole answer.
     */
    static List<Part> withEllipses(List<Part> snippet, String text) {
        StringBuilder plain = new StringBuilder();
        snippet.forEach(part -> plain.append(part.text()));
        String shown = plain.toString().strip();
        String whole = text == null ? "" : text.strip();
        if (shown.isEmpty()) {
            return snippet;
        }
        // compared up to the first and from the last fragment delimiter, so two fragments count as one
        int firstBreak = shown.indexOf(" … ");
        int lastBreak = shown.lastIndexOf(" … ");
        String head = firstBreak < 0 ? shown : shown.substring(0, firstBreak);
        String tail = lastBreak < 0 ? shown : shown.substring(lastBreak + 3);
        List<Part> parts = new ArrayList<>();
        int start = whole.indexOf(head.strip());
        if (start < 0 || WORD.matcher(whole.substring(0, start)).find()) {
            parts.add(new Part("… ", false));
        }
        parts.addAll(snippet);
        int end = whole.lastIndexOf(tail.strip());
        // ts_headline ends a snippet on a word: a full stop or a closing bracket after it is still the end
        if (end < 0 || WORD.matcher(whole.substring(end + tail.strip().length())).find()) {
            parts.add(new Part(" …", false));
        }
        return parts;
    }

    /** Splits a ts_headline result at its marks; unbalanced marks never break the text. */
    static List<Part> parts(String marked) {
        List<Part> parts = new ArrayList<>();
        if (marked == null) {
            return parts;
        }
        StringBuilder run = new StringBuilder();
        boolean highlighted = false;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == START || c == STOP) {
                if (run.length() > 0) {
                    parts.add(new Part(run.toString(), highlighted));
                    run.setLength(0);
                }
                highlighted = c == START;
            } else {
                run.append(c);
            }
        }
        if (run.length() > 0) {
            parts.add(new Part(run.toString(), highlighted));
        }
        return parts;
    }

    /**
     * Whether the candidate document {@code d}, in the language of query {@code q}, is shown to the reader: its
     * text is live and not withdrawn, in the reader's language or else in the source language while the item
     * has none of its own to show, and its topic is shown. Checked by key (V18's read model); the same rule
     * as {@link PublishedContent}.
     */
    private static final String SHOWN = """
            exists (select 1 from live_texts t
                    where t.revision_id = d.revision_id and t.language_code = q.code and not t.withdrawn
                      and (t.language_code = (select code from reader)
                           or not exists (select 1 from live_texts own
                                          where own.item_id = t.item_id and not own.withdrawn
                                            and own.language_code = (select code from reader)))
                      and exists (select 1 from live_texts topic
                                  where topic.item_id = t.topic_id and not topic.withdrawn
                                    and topic.language_code in ((select code from reader), (select code from source))))""";

    // The query is parsed once per language searched (the reader's and the source language), each with
    // its own configuration; the indexes hold each language's lexemes under its code ('fr:beb', V28), so the
    // query is keyed the same way to match and rank, and given plain to ts_headline, which parses the text
    // itself. Candidates come from the indexes, checked against the read model (V18) by key:
    // shown to this reader (its own live text, else the source language's while it has none to show) and
    // under a shown topic. Title matches are taken first, then matches anywhere, at most CANDIDATES of each:
    // only those are ranked, so a word found in every text costs what a rare one does. Only the page shown gets
    // its snippets made (ts_headline parses the whole text: about 0.2-0.7 ms a hit).
    private static final String HITS = """
            with reader as (select ?::text as code),
            source as (select code from languages where is_source),
            queries as materialized (
                select l.code, c.config, w.query, search_keyed(l.code, w.query) as keyed
                from languages l cross join lateral (select search_config_of(l.code) as config) c
                cross join lateral (select websearch_to_tsquery(c.config, ?) && (
                    select search_all(x.one_of) from (
                        select (select search_any(plainto_tsquery(c.config, form))
                                from unnest(string_to_array(alternatives, E'\\n')) form) as one_of
                        from unnest(?::text[]) alternatives) x) as query) w
                where l.code = (select code from reader) or l.is_source
            ),
            candidates as materialized (
                select distinct c.revision_id from queries q
                cross join lateral (
                    (select d.revision_id from search_documents d
                     where d.title_document @@ q.keyed and %1$s
                     limit ?)
                    union all
                    (select d.revision_id from search_documents d
                     where d.document @@ q.keyed and %1$s
                     limit ?)) c
            ),
            ranked as materialized (
                select t.item_id, t.kind, t.language_code, t.revision_id, t.slug, t.topic_id, i.position,
                       q.config, q.query, ts_rank('{0.1, 0.2, 0.4, 1.0}', d.document, q.keyed) as rank
                from candidates c
                join live_texts t on t.revision_id = c.revision_id
                join queries q on q.code = t.language_code
                join search_documents d on d.revision_id = c.revision_id
                join content_items i on i.id = t.item_id
                order by rank desc, t.kind = 'TOPIC' desc, i.position, t.item_id
                limit ?
            ),
            shown as (
                select r.item_id, r.kind, r.language_code, r.slug, topic.slug as topic_slug, r.rank, r.position,
                       ts_headline(r.config, d.title, r.query, ?) as title,
                       ts_headline(r.config, d.body, r.query, ?) as snippet, d.body
                from (select * from ranked
                      order by rank desc, kind = 'TOPIC' desc, position, item_id
                      limit ? offset ?) r
                join search_documents d on d.revision_id = r.revision_id
                join lateral (select tt.slug from live_texts tt
                              where tt.item_id = r.topic_id and not tt.withdrawn
                                and tt.language_code in ((select code from reader), (select code from source))
                              order by tt.language_code = (select code from reader) desc limit 1) topic on true
            )
            -- one row even for a page past the last: the count comes with it
            select r.item_id, r.kind, r.language_code, r.slug, r.topic_slug, r.title, r.snippet, n.total, r.body
            from (select count(*) as total from ranked) n
            left join shown r on true
            order by r.rank desc, r.kind = 'TOPIC' desc, r.position, r.item_id
            """.formatted(SHOWN);

    private static Found hits(Connection connection, String lang, Expanded query, int page) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(HITS)) {
            st.setQueryTimeout(10);
            int i = 0;
            st.setString(++i, lang);
            st.setString(++i, query.rest());
            st.setArray(++i, connection.createArrayOf("text", query.alternatives().toArray()));
            st.setInt(++i, CANDIDATES);
            st.setInt(++i, CANDIDATES);
            st.setInt(++i, MAX_HITS);
            st.setString(++i, TITLE_OPTIONS);
            st.setString(++i, SNIPPET_OPTIONS);
            st.setInt(++i, PER_PAGE);
            st.setInt(++i, (Math.max(1, page) - 1) * PER_PAGE);
            List<Hit> hits = new ArrayList<>();
            int total = 0;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    total = rs.getInt(8);
                    if (rs.getObject(1) == null) {
                        continue; // nothing on this page
                    }
                    String language = rs.getString(3);
                    hits.add(new Hit(rs.getLong(1), ItemKind.valueOf(rs.getString(2)), language,
                            !language.equals(lang), rs.getString(5), rs.getString(4), parts(rs.getString(6)),
                            withEllipses(parts(rs.getString(7)), rs.getString(9))));
                }
            }
            return new Found(hits, total);
        }
    }

    // The words of the live texts in the reader's and the source language, counted at publication (V23):
    // whether each query word is one of them, and else (only then: the trigram search is the costly part) the
    // likeliest similar word, spelt as most texts spell it.
    // The trigram index finds words above pg_trgm's default threshold (0.3); those below MIN_SIMILARITY go.
    private static final String VOCABULARY = """
            with langs as (select ?::text as code union select code from languages where is_source)
            select t.n, k.known,
                   case when not k.known then (select spelt.spelling from (
                        select v.word from search_vocabulary v
                        where v.word % search_fold(t.term) and v.language_code in (select code from langs)
                        group by v.word
                        having similarity(v.word, search_fold(t.term)) >= ?
                        order by similarity(v.word, search_fold(t.term)) * ln(1 + sum(v.texts)) desc, v.word
                        limit 1) best
                    cross join lateral (select v.spelling from search_vocabulary v
                                        where v.word = best.word and v.language_code in (select code from langs)
                                        order by v.texts desc, v.spelling limit 1) spelt) end
            from unnest(?::text[]) with ordinality t(term, n)
            cross join lateral (select exists (select 1 from search_vocabulary v
                                               where v.word = search_fold(t.term)
                                                 and v.language_code in (select code from langs)) as known) k
            order by t.n
            """;

    /**
     * The query with each word that no live text of the reader's or the source language has replaced by a
     * similar word that one has, or null when every word occurs (or nothing similar does). Among similar words
     * the likelier one wins: similarity weighted by the log of how many texts use the word, so "myoclonis"
     * becomes the common "myoclonus" rather than the rarer, equally close "myoclonic".
     */
    private static String suggestion(Connection connection, String lang, String query, java.util.Set<String> synonymWords)
            throws SQLException {
        List<int[]> spans = new ArrayList<>();
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(query);
        while (m.find()) {
            if (m.group().codePointCount(0, m.group().length()) >= 3 && !synonymWords.contains(fold(m.group()))) {
                spans.add(new int[] {m.start(), m.end()});
                words.add(m.group());
            }
        }
        if (words.isEmpty()) {
            return null;
        }
        Map<Integer, String> replacements = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(VOCABULARY)) {
            st.setQueryTimeout(10);
            st.setString(1, lang);
            st.setDouble(2, MIN_SIMILARITY);
            st.setArray(3, connection.createArrayOf("text", words.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt(1) - 1;
                    boolean known = rs.getBoolean(2);
                    String best = rs.getString(3);
                    if (!known && best != null) {
                        replacements.put(index, best);
                    }
                }
            }
        }
        if (replacements.isEmpty()) {
            return null;
        }
        StringBuilder corrected = new StringBuilder();
        int at = 0;
        for (int i = 0; i < spans.size(); i++) {
            String replacement = replacements.get(i);
            if (replacement != null) {
                corrected.append(query, at, spans.get(i)[0]).append(replacement);
                at = spans.get(i)[1];
            }
        }
        corrected.append(query.substring(at));
        String suggestion = corrected.toString();
        return suggestion.toLowerCase(Locale.ROOT).equals(query.toLowerCase(Locale.ROOT)) ? null : suggestion;
    }
}
