package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

class SearchTest {

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

    static Document search(String lang, String query) throws Exception {
        return app.page("/" + lang + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    static List<Element> results(Document page) {
        return page.select("main ol.search-results > li");
    }

    @Test
    void theSearchIndexes_takeNewTextsAtOnce_soNoSearchReadsAPendingList() throws Exception {
        try (var c = app.app().dataSource().getConnection();
                var rs = c.createStatement().executeQuery("""
                        select i.relname, coalesce(array_to_string(i.reloptions, ','), '')
                        from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
                        join pg_am a on a.oid = i.relam
                        where a.amname = 'gin' and t.relname in ('search_documents', 'search_vocabulary')""")) {
            int indexes = 0;
            while (rs.next()) {
                indexes++;
                assertThat(rs.getString(2)).as(rs.getString(1)).contains("fastupdate=off");
            }
            assertThat(indexes).isEqualTo(3);
        }
    }

    @Test
    void indexedWords_carryTheirLanguage_soAQueryMatchesItsOwnLanguageOnly_quotesPhrasesAndPrefixesIncluded()
            throws Exception {
        // a quote and a backslash inside words, positions for phrases
        String text = "$$'o''brien''s':1 'back\\\\slash':2 'sleep':3 'myoclonus':4$$::tsvector";
        assertThat(keyedMatch("fr", text, "fr", "$$'o''brien''s'$$::tsquery")).as("a quote in a word").isTrue();
        assertThat(keyedMatch("fr", text, "es", "$$'o''brien''s'$$::tsquery")).as("another language").isFalse();
        assertThat(keyedMatch("fr", text, "fr", "$$'back\\\\slash'$$::tsquery")).as("a backslash").isTrue();
        assertThat(keyedMatch("en", text, "en", "$$'sleep' <-> 'myoclonus'$$::tsquery")).as("a phrase").isTrue();
        assertThat(keyedMatch("en", text, "en", "$$'myoclonus' <-> 'sleep'$$::tsquery")).as("reversed").isFalse();
        assertThat(keyedMatch("en", text, "en", "$$'myoc':*$$::tsquery")).as("a prefix").isTrue();
        assertThat(keyedMatch("en", text, "en", "$$'sleep' & !'zebra'$$::tsquery")).as("not").isTrue();
        try (var c = app.app().dataSource().getConnection(); var rs = c.createStatement().executeQuery(
                "select search_keyed('en', $$sleep$$::tsvector) @@ $$sleep$$::tsquery,"
                        + " search_keyed('en', plainto_tsquery('simple', ''))::text")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("a query without its language").isFalse();
            assertThat(rs.getString(2)).as("a query of no words").isEmpty();
        }
    }

    private static boolean keyedMatch(String textLanguage, String text, String queryLanguage, String query)
            throws Exception {
        try (var c = app.app().dataSource().getConnection(); var rs = c.createStatement().executeQuery(
                "select search_keyed('" + textLanguage + "', " + text + ") @@ search_keyed('" + queryLanguage + "', "
                        + query + ")")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void manyResults_comeTenToAPage_withLinksBetweenThePages_andEveryResultOnExactlyOnePage() throws Exception {
        Document first = search("en", "sleep");
        int total = Integer.parseInt(first.selectFirst("p.search-count").text().replaceAll("\\D", ""));
        assertThat(total).as("the demo has enough results for two pages").isGreaterThan(10);
        assertThat(results(first)).hasSize(10);
        Element nav = first.selectFirst("main nav.pages");
        assertThat(nav.attr("aria-label")).isEqualTo("Pages of results");
        assertThat(nav.select("a[rel=prev]")).isEmpty();
        assertThat(first.selectFirst("head link[rel=next]").attr("href")).isEqualTo("/en/search?q=sleep&page=2");

        List<String> seen = new java.util.ArrayList<>(first.select("ol.search-results h2 a").eachAttr("href"));
        int pages = (total + 9) / 10;
        for (int page = 2; page <= pages; page++) {
            Document next = app.page("/en/search?q=sleep&page=" + page);
            assertThat(next.selectFirst("p.search-count").text()).isEqualTo(first.selectFirst("p.search-count").text());
            assertThat(results(next)).hasSizeBetween(1, 10);
            assertThat(next.selectFirst("ol.search-results").attr("start")).isEqualTo(String.valueOf(page * 10 - 9));
            assertThat(next.selectFirst("main nav.pages a[rel=prev]").attr("href"))
                    .isEqualTo(page == 2 ? "/en/search?q=sleep" : "/en/search?q=sleep&page=" + (page - 1));
            assertThat(next.select("main nav.pages a[rel=next]").isEmpty()).isEqualTo(page == pages);
            seen.addAll(next.select("ol.search-results h2 a").eachAttr("href"));
        }
        assertThat(seen).hasSize(total).doesNotHaveDuplicates();
    }

    @Test
    void aSnippetFromWithinAText_saysSoWithEllipses() throws Exception {
        Document page = app.page("/en/search?q=sleep&page=2");
        Map<String, String> snippets = new java.util.HashMap<>();
        for (Element result : results(page)) {
            snippets.put(result.selectFirst("h2").text(), result.selectFirst(".snippet").text());
        }
        // an answer longer than its snippet, shown from its start (the title matched, its text did not)
        assertThat(snippets.get("When does sleep myoclonus stop?")).startsWith("BNSM goes away").endsWith(" …");
        // a match inside a text that goes on
        assertThat(snippets.get("See your doctor soon")).startsWith("… think your baby").endsWith(" …");
    }

    @Test
    void aPageOfResultsThatDoesNotExist_isALocalizedNotFoundPage() throws Exception {
        for (String page : List.of("99", "0", "-1", "two", "", "1000000000")) {
            HttpResponse<String> response = app.get("/es/search?q=sue%C3%B1o&page=" + page);
            assertThat(response.statusCode()).as(page).isEqualTo(404);
            assertThat(Jsoup.parse(response.body()).selectFirst("html").attr("lang")).as(page).isEqualTo("es");
        }
        assertThat(app.get("/en/search?q=zebra&page=2").statusCode()).isEqualTo(404);
        assertThat(app.get("/en/search?q=zebra&page=1").statusCode()).isEqualTo(200);
    }

    @Test
    void languageSwitcher_onASearchPage_runsTheSameSearchInTheOtherLanguage() throws Exception {
        Document page = app.page("/en/search?q=sleep");
        String toFrench = page.selectFirst("nav.languages a[lang=fr]").attr("href");
        assertThat(java.net.URLDecoder.decode(toFrench, StandardCharsets.UTF_8)).endsWith("next=/fr/search?q=sleep");
        assertThat(page.selectFirst("nav.languages a[lang=en]").attr("aria-current")).isEqualTo("true");
    }

    @Test
    void english_findsTheMatchingQuestion_withTheMatchHighlightedInTitleAndSnippet() throws Exception {
        Document page = search("en", "when does it stop");
        List<Element> hits = results(page);
        assertThat(hits).isNotEmpty();
        Element first = hits.get(0);
        assertThat(first.selectFirst("h2 a").text()).isEqualTo("When does sleep myoclonus stop?");
        assertThat(first.selectFirst("h2 a").attr("href"))
                .isEqualTo("/en/benign-neonatal-sleep-myoclonus/when-does-sleep-myoclonus-stop");
        assertThat(first.select("h2 mark").eachText()).containsExactly("stop");
        assertThat(page.select(".snippet mark").eachText()).contains("stop");
        assertThat(page.select(".snippet").eachText()).allSatisfy(snippet -> assertThat(snippet).isNotBlank());
        assertThat(page.selectFirst(".search-count").text()).endsWith("results");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Search results for “when does it stop”");
    }

    @Test
    void results_areRanked_aTitleMatchBeforeABodyMention() throws Exception {
        List<String> titles = results(search("en", "crying")).stream().map(li -> li.selectFirst("h2").text()).toList();
        assertThat(titles).first().asString().contains("crying");
    }

    @Test
    void aMisspeltWord_isCorrectedFromThePublishedWords_andTheReaderIsTold() throws Exception {
        Document page = search("en", "myoclonis");
        assertThat(page.selectFirst(".search-corrected").text())
                .isEqualTo("Nothing was found for “myoclonis”. Showing results for “myoclonus” instead.");
        assertThat(results(page)).isNotEmpty();
        assertThat(results(page).get(0).select("mark").eachText()).anySatisfy(m ->
                assertThat(m.toLowerCase()).startsWith("myoclon"));
    }

    @Test
    void aMisspeltWordBesideAKnownOne_isCorrectedToo() throws Exception {
        Document page = search("en", "sleep myclonus");
        assertThat(page.selectFirst(".search-corrected").text()).contains("“sleep myoclonus”");
        assertThat(results(page)).isNotEmpty();
    }

    @Test
    void french_isAccentInsensitive_andHighlightsTheAccentedWord() throws Exception {
        Document page = search("fr", "bebe");
        assertThat(results(page)).isNotEmpty();
        assertThat(page.select("ol.search-results mark").eachText()).anySatisfy(m ->
                assertThat(m).isEqualToIgnoringCase("bébé"));
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("fr");
    }

    @Test
    void arabic_findsArabicText_withOrWithoutDiacritics() throws Exception {
        for (String query : new String[] {"الرضع", "الرُّضَّع", "الرضّع"}) {
            Document page = search("ar", query);
            List<Element> hits = results(page);
            assertThat(hits).as(query).isNotEmpty();
            assertThat(hits.get(0).selectFirst("h2 a").text()).as(query).isEqualTo("ما الرمع العضلي أثناء نوم الرضّع؟");
            assertThat(hits.get(0).select("h2 mark").eachText()).as(query).containsExactly("الرضّع");
            assertThat(hits.get(0).attr("lang")).as("an Arabic text needs no lang of its own").isEmpty();
            assertThat(hits.get(0).selectFirst("h2 a").attr("href")).startsWith("/ar/");
        }
        Document page = search("ar", "الصرع");
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.selectFirst(".search-count").text()).matches("(نتيجة واحدة|نتيجتان|[0-9]+ نتائج|[0-9]+ نتيجة)");
        assertThat(results(page)).allSatisfy(li -> assertThat(li.text()).doesNotContain("epilep"));
    }

    @Test
    void arabic_misspeltWord_isCorrected() throws Exception {
        Document page = search("ar", "الرمعع");
        assertThat(page.selectFirst(".search-corrected")).isNotNull();
        assertThat(page.selectFirst(".search-corrected").text()).contains("«الرمع»");
        assertThat(results(page)).isNotEmpty();
    }

    @Test
    void aQuestionNotTranslated_isFoundInTheSourceLanguage_markedWithItsLanguage() throws Exception {
        // In the demo, the French translation of this question is still in review.
        Document page = search("fr", "crying");
        Element hit = results(page).stream()
                .filter(li -> li.selectFirst("h2").text().equals("Why does my baby wake up crying in his sleep?"))
                .findFirst().orElseThrow();
        assertThat(hit.attr("lang")).isEqualTo("en");
        assertThat(hit.selectFirst(".search-meta").text()).contains("anglais");
        assertThat(hit.selectFirst("h2 a").attr("href")).startsWith("/fr/");
        assertThat(app.get(hit.selectFirst("h2 a").attr("href")).statusCode()).isEqualTo(200);
    }

    @Test
    void textThatWasNeverSignedOff_isNeverFound_norOfferedAsASpelling() throws Exception {
        // The demo clinician refused the seed answers that mention these words.
        for (String word : new String[] {"clonazepam", "Botox", "exercise solution", "clonazepan"}) {
            Document page = search("en", word);
            assertThat(results(page)).as(word).isEmpty();
            assertThat(page.select(".search-corrected, .search-suggestion")).as(word).isEmpty();
            assertThat(page.select(".no-results")).as(word).hasSize(1);
        }
    }

    @Test
    void anEmptyQuery_showsTheSearchForm_andNoResults() throws Exception {
        for (String path : new String[] {"/en/search", "/en/search?q=", "/en/search?q=%20%20", "/ar/search"}) {
            Document page = app.page(path);
            assertThat(page.select("main form[role=search] input[name=q]")).as(path).hasSize(1);
            assertThat(page.select("ol.search-results, .no-results")).as(path).isEmpty();
            assertThat(page.select("h1")).hasSize(1);
        }
    }

    @Test
    void nothingFound_explainsWithTips_andListsTheTopics() throws Exception {
        Document page = search("en", "zebra");
        assertThat(page.selectFirst(".no-results h2").text()).isEqualTo("Nothing was found for “zebra”");
        assertThat(page.select(".no-results li")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(page.select(".no-results ul.topics a").eachText()).containsExactly("Benign neonatal sleep myoclonus");
        Document arabic = search("ar", "zebra");
        assertThat(arabic.selectFirst(".no-results h2").text()).isEqualTo("لم نجد شيئًا عن «zebra»");
    }

    @Test
    void nothingFound_offersATopicsFirstQuestions_andALinkToAllOfThem() throws Exception {
        Document topic = app.page("/en/benign-neonatal-sleep-myoclonus/");
        List<String> questions = topic.select("nav.toc a").eachText();
        assertThat(questions).as("the demo topic has more questions than a search offers").hasSizeGreaterThan(
                SearchResource.OFFERED_QUESTIONS);
        Document page = search("en", "zebra");
        Element offered = page.selectFirst(".no-results nav.toc");
        assertThat(offered.select("li a").eachText())
                .containsExactlyElementsOf(questions.subList(0, SearchResource.OFFERED_QUESTIONS));
        Element all = offered.selectFirst("a.all-questions");
        assertThat(all.text()).isEqualTo("All questions about Benign neonatal sleep myoclonus");
        assertThat(all.attr("href")).isEqualTo("/en/benign-neonatal-sleep-myoclonus/");
    }

    @Test
    void hostileOrStrangeQueries_giveANormalPage_withTheQueryEscaped() throws Exception {
        List<String> queries = List.of("'; drop table x; --", "\"unterminated", "OR", "-", "*", "a OR b -c \"d e\"",
                "<script>alert(1)</script>", "%", "\\", "'", "((", "!:*&|", "\u202Eevil", "\uE000x\uE001",
                "sleep\u0000myoclonus", "tab\there\u001b[31m", "x".repeat(2_000), "جرعة' OR 1=1 --");
        for (String query : queries) {
            HttpResponse<String> response = app.get("/en/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            String label = query.length() > 40 ? query.substring(0, 40) + "…" : query;
            assertThat(response.statusCode()).as(label).isEqualTo(200);
            assertThat(response.body()).as(label).doesNotContain("<script>alert").doesNotContain("Exception")
                    .doesNotContain("\u0000").doesNotContain("\u001b").doesNotContain("\u202E");
            Document page = Jsoup.parse(response.body());
            assertThat(page.select("main form[role=search]")).as(label).hasSize(1);
            assertThat(page.select("script")).as(label).isEmpty();
        }
        assertThat(app.get("/en/search?q=x&q=y").statusCode()).isEqualTo(200);
    }

    @Test
    void aVeryLongQuery_isShortened_andTheReaderIsTold() throws Exception {
        Document page = search("en", "sleep ".repeat(400));
        assertThat(page.selectFirst("main input[name=q]").val().length()).isLessThanOrEqualTo(200);
        assertThat(page.selectFirst("main input[name=q]").val()).as("cut between words").endsWith("sleep");
        assertThat(page.selectFirst("main .notice").text()).contains("first 200 characters");
        assertThat(results(page)).isNotEmpty();
    }

    @Test
    void everyPage_hasTheSearchFormInItsHeader_pointingAtItsLanguage() throws Exception {
        for (String lang : new String[] {"en", "ar"}) {
            Document home = app.page("/" + lang + "/");
            Element form = home.selectFirst("header form[role=search]");
            assertThat(form).isNotNull();
            assertThat(form.attr("method")).isEqualTo("get");
            assertThat(form.attr("action")).isEqualTo("/" + lang + "/search");
            assertThat(form.selectFirst("label").attr("for")).isEqualTo(form.selectFirst("input[name=q]").id());
        }
        Document arabic = app.page("/ar/");
        assertThat(arabic.selectFirst("header form[role=search] button").text()).isEqualTo("بحث");
    }

    @Test
    void unknownLanguage_isA404() throws Exception {
        assertThat(app.get("/xx/search?q=sleep").statusCode()).isEqualTo(404);
    }
}
