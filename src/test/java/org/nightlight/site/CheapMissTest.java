package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * A page not in the cache costs the same few SQL statements whatever the size of the catalogue: counted on the
 * real pool (datasource-proxy) for a question page, a topic page, a search and the home page with a topic of 5
 * questions, then of 300. The long topic comes in pages of 50 with rel=prev/next links and a canonical address
 * per page, all listed in the sitemap.
 */
class CheapMissTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static final AtomicInteger STATEMENTS = new AtomicInteger();
    static final AtomicInteger UNIQUE = new AtomicInteger();
    static final AtomicInteger COMMITS = new AtomicInteger();
    static final Map<String, Integer> COMMITTED = new LinkedHashMap<>();
    static RunningApp app;
    static String topic;
    static Map<String, Integer> withFive;
    static Map<String, Integer> withThreeHundred;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, Clock.systemUTC(), pool -> ProxyDataSourceBuilder.create(pool)
                .afterQuery((execution, queries) -> STATEMENTS.addAndGet(Math.max(1, queries.size())))
                .afterMethod(call -> {
                    if (call.getMethod().getName().equals("commit")) {
                        COMMITS.incrementAndGet();
                    }
                }).build(),
                App::loadDemoIfWanted);
        Editorial editorial = new Editorial(app.app());
        long topicId = editorial.publishNewTopic("A long topic", "Many questions.", "");
        topic = "/en/a-long-topic/";
        publishQuestions(topicId, 1, 5);
        app.get("/en/"); // the languages, read once and kept, are not a page's cost
        withFive = measure();
        publishQuestions(topicId, 6, 300);
        withThreeHundred = measure();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /**
     * Signed-off, published English questions {@code from} to {@code to}, written in bulk as the owner (the
     * database's own rules still check every row), then brought into the read model as a start would.
     */
    static void publishQuestions(long topicId, int from, int to) throws Exception {
        var accounts = app.app().services().accounts();
        long editor = accounts.byUsername("editor").orElseThrow().id();
        long clinician = accounts.byUsername("clinician").orElseThrow().id();
        String batch = "(select id from content_items where topic_id = ? and position between ? and ?)";
        try (Connection c = db.connect()) {
            run(c, "insert into content_items (kind, topic_id, position) select 'QUESTION', ?, g"
                    + " from generate_series(?::int, ?::int) g", topicId, from, to);
            run(c, "insert into revisions (item_id, language_code, number, title, slug, body, author_id, content_hash)"
                    + " select id, 'en', 1, t, s, b, " + editor + ", revision_content_hash(t, s, b, '')"
                    + " from content_items, lateral (select 'Bulk question ' || position || '?' as t,"
                    + " 'bulk-question-' || position as s, 'The bulk answer number ' || position || '.' as b) x"
                    + " where id in " + batch, topicId, from, to);
            String revisions = "(select id from revisions where item_id in " + batch + ")";
            run(c, "insert into submissions (revision_id, submitted_by) select id, " + editor + " from revisions"
                    + " where id in " + revisions, topicId, from, to);
            run(c, "insert into reviews (revision_id, kind, decision, reviewer_id, content_hash)"
                    + " select id, 'MEDICAL', 'APPROVED', " + clinician + ", content_hash from revisions"
                    + " where id in " + revisions, topicId, from, to);
            run(c, "insert into publications (item_id, language_code, revision_id, published_by, next_review_due)"
                    + " select item_id, 'en', id, " + editor + ", current_date + 365 from revisions"
                    + " where id in " + revisions, topicId, from, to);
        }
        app.app().services().readModel().refreshStale(app.app().dataSource());
        app.app().pageCache().invalidateAll();
    }

    private static void run(Connection c, String sql, long topicId, int from, int to) throws Exception {
        try (PreparedStatement st = c.prepareStatement(sql)) {
            st.setLong(1, topicId);
            st.setInt(2, from);
            st.setInt(3, to);
            st.executeUpdate();
        }
    }

    /** Statements of each kind of page, rendered (a value of a parameter pages read, never asked before, misses). */
    static Map<String, Integer> measure() throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("question", statements(topic + "bulk-question-3"));
        counts.put("topic", statements(topic));
        counts.put("search", statements("/en/search?q=bulk+answer"));
        counts.put("search nothing found", statements("/en/search?q=zebra"));
        counts.put("home", statements("/en/"));
        return counts;
    }

    static int statements(String path) throws Exception {
        String unique = (path.contains("?") ? "&" : "?") + "feedback=miss-" + UNIQUE.incrementAndGet();
        STATEMENTS.set(0);
        COMMITS.set(0);
        var response = app.get(path + unique);
        COMMITTED.merge(path, COMMITS.get(), Integer::sum);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Nightlight-Cache")).as(path).hasValue("MISS");
        return STATEMENTS.get();
    }

    /**
     * The most statements each page may run (measured: 3, 3, 3, 10, 1; a question page ran 4 before its topic and
     * question were found in one statement, and 11, 9, 7, 17, 7 before a request read its languages once for all
     * its parts, and one more each before the languages were kept in memory). None runs in a transaction. A
     * search that finds nothing offers the first three topics' questions, one read each, and takes its header's
     * urgent-help link from the topics it lists.
     */
    static final Map<String, Integer> BOUNDS = Map.of("question", 3, "topic", 3, "search", 3,
            "search nothing found", 10, "home", 1);

    @Test
    void aPageNotInTheCache_runsAFewStatements_theSameWith5QuestionsAsWith300() {
        assertThat(withFive).allSatisfy((page, count) -> assertThat(count).as(page + " " + withFive)
                .isLessThanOrEqualTo(BOUNDS.get(page)));
        assertThat(withThreeHundred).as("5 questions: " + withFive).isEqualTo(withFive);
    }

    /** Reads alone, each statement with its own snapshot: no public page waits for a COMMIT. */
    @Test
    void publicPages_readWithoutATransaction() {
        assertThat(COMMITTED).hasSize(BOUNDS.size()).allSatisfy((page, commits) -> assertThat(commits).as(page)
                .isZero());
    }

    /**
     * A question or topic page chooses its topic's texts from the index alone (V29): the columns the choice reads
     * are in it, so the rows, rendered HTML and all, are not read for the 300 texts not shown.
     */
    @Test
    void aPageChoosesAmongItsTopicsTexts_fromTheIndexAlone() throws Exception {
        try (Connection c = db.connect(); var st = c.createStatement()) {
            st.execute("vacuum live_texts"); // autovacuum's work: the pages all-visible, as a running site's are
            st.execute("set enable_seqscan = off"); // a test database is small enough to be read whole
            StringBuilder plan = new StringBuilder();
            try (var rs = st.executeQuery("explain (analyze, costs off) select t.item_id, t.language_code, t.kind,"
                    + " t.withdrawn from live_texts t where t.language_code in ('en', 'es') and t.topic_id = ("
                    + "select topic_id from live_texts where slug = 'bulk-question-150')")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).contains("Index Only Scan using live_texts_topic_shown", "Heap Fetches: 0");
        }
    }

    @Test
    void aLongTopic_comesInPagesOf50_eachWithItsCanonicalAddressAndRelLinks() throws Exception {
        Document first = app.page(topic);
        assertThat(first.select("section.question")).hasSize(50);
        assertThat(first.select("nav.toc li")).hasSize(50);
        assertThat(first.selectFirst("link[rel=canonical]").attr("href")).endsWith(topic);
        assertThat(first.select("head link[rel=prev]")).isEmpty();
        assertThat(first.selectFirst("head link[rel=next]").attr("href")).isEqualTo("./?page=2");

        Document second = app.page(topic + "?page=2");
        assertThat(second.select("section.question h2").first().text()).isEqualTo("Bulk question 51?");
        assertThat(second.selectFirst("link[rel=canonical]").attr("href")).endsWith(topic + "?page=2");
        assertThat(second.select("link[rel=alternate][hreflang]"))
                .allSatisfy(link -> assertThat(link.attr("href")).endsWith("?page=2"));
        assertThat(second.selectFirst("head link[rel=prev]").attr("href")).isEqualTo("./");
        assertThat(second.selectFirst("head link[rel=next]").attr("href")).isEqualTo("./?page=3");
        assertThat(second.selectFirst("nav.pages").text()).contains("Page 2 of 6");

        Document last = app.page(topic + "?page=6");
        assertThat(last.select("section.question")).hasSize(50);
        assertThat(last.select("section.question h2").last().text()).isEqualTo("Bulk question 300?");
        assertThat(last.select("head link[rel=next]")).isEmpty();
    }

    @Test
    void pagesThatDoNotExist_areNotFound_andPage1HasOneAddress() throws Exception {
        for (String page : List.of("7", "0", "-1", "x", "", "99999999")) {
            assertThat(app.get(topic + "?page=" + page).statusCode()).as(page).isEqualTo(404);
        }
        var one = app.get(topic + "?page=1");
        assertThat(one.statusCode()).isEqualTo(301);
        assertThat(one.headers().firstValue("Location").orElseThrow()).endsWith(topic);
    }

    @Test
    void aQuestionPage_listsTheQuestionsAroundIt_notTheWholeTopic() throws Exception {
        Document page = app.page(topic + "bulk-question-150");
        List<String> related = page.select("nav.related a").eachText();
        assertThat(related).hasSize(10).contains("Bulk question 145?", "Bulk question 155?")
                .doesNotContain("Bulk question 150?");
        assertThat(app.page(topic + "bulk-question-1").select("nav.related a").eachText()).containsExactly(
                "Bulk question 2?", "Bulk question 3?", "Bulk question 4?", "Bulk question 5?", "Bulk question 6?");
        assertThat(app.page(topic + "bulk-question-300").select("nav.related a").eachText()).containsExactly(
                "Bulk question 295?", "Bulk question 296?", "Bulk question 297?", "Bulk question 298?",
                "Bulk question 299?");
    }

    /**
     * The questions around one are those shown in the reader's language: items never published in between are
     * skipped, not counted, and a reader of another language sees the same source-language neighbours.
     */
    @Test
    void theQuestionsAroundOne_skipItemsNotShown_inEveryLanguage() throws Exception {
        long topicId = topicId();
        try (Connection c = db.connect()) {
            run(c, "insert into content_items (kind, topic_id, position) select 'QUESTION', ?, g"
                    + " from generate_series(?::int, ?::int) g", topicId, 146, 154);
        }
        for (String lang : List.of("en", "es")) {
            Document page = app.page(topic.replace("/en/", "/" + lang + "/") + "bulk-question-150");
            assertThat(page.select("nav.related a").eachText()).as(lang).containsExactly("Bulk question 145?",
                    "Bulk question 146?", "Bulk question 147?", "Bulk question 148?", "Bulk question 149?",
                    "Bulk question 151?", "Bulk question 152?", "Bulk question 153?", "Bulk question 154?",
                    "Bulk question 155?");
        }
    }

    private static long topicId() throws Exception {
        try (Connection c = db.connect(); var st = c.createStatement();
                var rs = st.executeQuery("select topic_id from live_texts where slug = 'a-long-topic'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theSitemapIndex_listsItsFile_whichListsEveryPageOfTheLongTopic() throws Exception {
        String index = app.get("/sitemap.xml").body();
        assertThat(index).contains("<sitemapindex", "/sitemap.xml?part=1</loc>").doesNotContain("part=2");
        String file = app.get("/sitemap.xml?part=1").body();
        assertThat(file).contains(topic + "</loc>", topic + "?page=6</loc>", topic + "bulk-question-300</loc>")
                .doesNotContain("?page=7");
        for (Element page : app.page(topic).select("section.question h2 a")) {
            assertThat(file).contains(page.attr("href") + "</loc>");
        }
    }
}
