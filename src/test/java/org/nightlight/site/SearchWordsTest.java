package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.content.SearchWords;
import org.nightlight.content.SearchWordsException;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** Search in the words parents use: the editors' search words, and what a search that finds nothing offers. */
class SearchWordsTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Document search(String lang, String query) throws Exception {
        return app.page("/" + lang + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    private static List<Element> hits(Document page) {
        return page.select("main ol.search-results > li");
    }

    @Test
    void theLayQueriesParentsType_findTheAnswers() throws Exception {
        for (String[] query : new String[][] {{"en", "baby shaking in sleep"}, {"en", "fit"}, {"es", "convulsiones"},
                {"fr", "convulsions"}, {"ar", "تشنجات"}}) {
            Document page = search(query[0], query[1]);
            assertThat(hits(page)).as(query[1]).isNotEmpty();
            assertThat(page.select("main ol.search-results a").eachAttr("href"))
                    .as(query[1]).allMatch(href -> href.startsWith("/" + query[0] + "/"));
            assertThat(page.select(".search-suggestion, .search-corrected")).as("no correction of " + query[1]).isEmpty();
        }
        assertThat(hits(search("en", "fit")).get(0).selectFirst("h2").text()).containsIgnoringCase("seizure");
    }

    @Test
    void unknownWordsStillFindNothing_andASynonymOnlyWidensItsOwnWord() throws Exception {
        assertThat(hits(search("en", "fitz"))).isEmpty(); // a control: an unknown word still finds nothing
        assertThat(hits(search("en", "shaking seizure"))).as("the synonym widens, the other words still count")
                .isNotEmpty();
    }

    @Test
    void aSearchThatFindsNothing_offersTheUrgentHelpAndTheTopicsQuestions() throws Exception {
        Document page = search("en", "xylophone");
        assertThat(hits(page)).isEmpty();
        Element none = page.selectFirst("section.no-results");
        assertThat(none.select("aside.urgent")).as("the urgent-help block").hasSize(1);
        assertThat(none.select("nav.toc li a")).hasSizeGreaterThan(5);
        assertThat(none.select("nav.toc li a").first().attr("href")).startsWith("/en/benign-neonatal-sleep-myoclonus/");
    }

    @Test
    void corrections_keepTheAccentsOfTheTexts() throws Exception {
        Document page = search("es", "sueno profunda");
        String shown = page.select(".search-suggestion a, .search-corrected").text();
        assertThat(shown).as("a correction, as the texts spell it").doesNotContain("sueno");
        Document corrected = search("es", "suenno");
        assertThat(corrected.select(".search-suggestion a, .search-corrected").text()).contains("sueño");
    }

    @Test
    void editorsKeepTheSearchWords_inTheAdmin_andReadersFindWithThemAtOnce() throws Exception {
        assertThat(hits(search("en", "quiver"))).isEmpty();
        AdminClient editor = new AdminClient(app.base());
        editor.login("editor", "demo-password-1234");
        assertThat(editor.page("/admin/search-words").select("td").eachText()).contains("fit", "seizure");
        var added = editor.post("/admin/search-words", "language", "en", "term", "quiver", "means", "jerks");
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(hits(search("en", "quiver"))).as("the cached empty result was dropped").isNotEmpty();

        var twice = editor.post("/admin/search-words", "language", "en", "term", "Quiver", "means", "JERKS");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(twice.body()).contains("already in the list").contains("value=\"Quiver\"");
        var same = editor.post("/admin/search-words", "language", "en", "term", "jerks", "means", "Jerks");
        assertThat(same.statusCode()).isEqualTo(400);

        String remove = editor.page("/admin/search-words").select("tr:has(span:containsOwn(quiver)) form").attr("action");
        assertThat(editor.post(remove).statusCode()).isEqualTo(303);
        assertThat(hits(search("en", "quiver"))).isEmpty();
        AdminClient admin = new AdminClient(app.base());
        admin.login("admin", "demo-password-1234");
        assertThat(admin.page("/admin/audit?action=SEARCH_SYNONYM_REMOVED").text()).contains("quiver -> jerks");
    }

    @Test
    void aKeywordOfAQuestion_findsThatQuestion_inItsLanguage_untilRemoved() throws Exception {
        assertThat(hits(search("en", "hiccups"))).isEmpty();
        AdminClient editor = new AdminClient(app.base());
        editor.login("editor", "demo-password-1234");
        Document words = editor.page("/admin/search-words");
        String item = words.select("select#item option").stream()
                .filter(o -> o.text().equals("Is sleep myoclonus a seizure?")).findFirst().orElseThrow().val();
        assertThat(editor.post("/admin/search-words/keywords", "item", item, "keywordLanguage", "en",
                "keyword", "hiccups").statusCode()).isEqualTo(303);
        List<Element> found = hits(search("en", "hiccups"));
        assertThat(found).hasSize(1);
        assertThat(found.get(0).selectFirst("h2").text()).isEqualTo("Is sleep myoclonus a seizure?");
        assertThat(hits(search("es", "hiccups"))).as("a keyword belongs to its language").isEmpty();

        var refused = editor.post("/admin/search-words/keywords", "item", item, "keywordLanguage", "en",
                "keyword", "Hiccups");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("already in the list").contains("value=\"Hiccups\"");
        String remove = editor.page("/admin/search-words").select("tr:has(span:containsOwn(hiccups)) form").attr("action");
        assertThat(editor.post(remove).statusCode()).isEqualTo(303);
        assertThat(hits(search("en", "hiccups"))).isEmpty();
    }

    @Test
    void onlyEditorsAndAdmins_keepTheSearchWords() throws Exception {
        AdminClient translator = new AdminClient(app.base());
        translator.login("translator-es", "demo-password-1234");
        assertThat(translator.get("/admin/search-words").statusCode()).isEqualTo(403);
        translator.get("/admin/");
        assertThat(translator.post("/admin/search-words", "language", "es", "term", "x", "means", "y").statusCode())
                .isEqualTo(403);
        long translatorId = app.app().services().accounts().byUsername("translator-es").orElseThrow().id();
        SearchWords words = app.app().services().searchWords();
        assertThatThrownBy(() -> words.add(Actor.of(translatorId), "es", "x", "y"))
                .isInstanceOf(SecurityException.class);
        long editorId = app.app().services().accounts().byUsername("editor").orElseThrow().id();
        assertThatThrownBy(() -> words.add(Actor.of(editorId), "xx", "fit", "seizure"))
                .isInstanceOf(SearchWordsException.class);
    }
}
