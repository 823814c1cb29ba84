package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.HtmlChecker;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** Every page type in every demo language is valid HTML by the Nu Html Checker: 0 errors. */
class HtmlValidityTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static final HtmlChecker CHECKER = new HtmlChecker();

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theChecker_reportsErrors_soAPassMeansSomething() {
        assertThat(CHECKER.errors("<!DOCTYPE html><html lang=en><head><title>x</title></head>"
                + "<body><main><p id=a>1</p><p id=a>2</p><div><span></div></main></body></html>")).isNotEmpty();
        assertThat(CHECKER.errors("<!DOCTYPE html><html lang=en><head><title>x</title></head>"
                + "<body><main><p>fine</p></main></body></html>")).isEmpty();
    }

    @Test
    void everyHomeTopicAndQuestionPage_inEveryDemoLanguage_hasNoErrors() throws Exception {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        int checked = 0;
        for (String lang : List.of("en", "es", "fr", "ar")) {
            List<String> paths = new ArrayList<>();
            paths.add("/" + lang + "/");
            String topic = app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
            paths.add(topic);
            for (Element question : app.page(topic).select("nav.toc a")) {
                paths.add(question.attr("href")); // includes the French one shown in English with a notice
            }
            // search: results, a corrected misspelling, no results, the empty form
            paths.add("/" + lang + "/search?q=" + java.net.URLEncoder.encode(
                    Map.of("en", "sleep", "es", "sueño", "fr", "sommeil", "ar", "النوم").get(lang),
                    java.nio.charset.StandardCharsets.UTF_8));
            paths.add("/" + lang + "/search?q=myoclonis");
            paths.add("/" + lang + "/search?q=zzzqqq");
            paths.add("/" + lang + "/search");
            for (String path : paths) {
                HttpResponse<String> response = app.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                check(path, response.body(), failures);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(40);
        assertThat(failures).isEmpty();
    }

    @Test
    void errorPages_inEveryDemoLanguage_haveNoErrors() throws Exception {
        Map<String, List<String>> failures = new LinkedHashMap<>();
        for (String lang : List.of("en", "es", "fr", "ar")) {
            Map<String, Integer> pages = Map.of(
                    "/" + lang + "/no-such-topic/", 404, // our error page, rendered by Thymeleaf
                    "/" + lang + "/%ff/", 400, // Jetty refuses the address: the server's own small page
                    "/static/nope-" + lang + ".css", 404);
            for (var page : pages.entrySet()) {
                HttpResponse<String> response = app.get(page.getKey(), "Accept-Language", lang);
                assertThat(response.statusCode()).as(page.getKey()).isEqualTo(page.getValue());
                check(page.getKey(), response.body(), failures);
            }
        }
        assertThat(failures).isEmpty();
    }

    private static void check(String path, String html, Map<String, List<String>> failures) {
        List<String> errors = CHECKER.errors(html);
        if (!errors.isEmpty()) {
            failures.put(path, errors);
        }
    }
}
