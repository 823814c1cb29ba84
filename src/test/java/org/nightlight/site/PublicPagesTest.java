package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.demo.Demo;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

class PublicPagesTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, a -> Demo.loadIfWanted(a, settings));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void root_redirectsToTheSourceLanguage() throws Exception {
        HttpResponse<String> response = app.get("/");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/en/"));
    }

    @Test
    void home_listsTheSeedTopic_markedAsDemo() throws Exception {
        Document home = app.page("/en/");
        assertThat(home.selectFirst("html").attr("lang")).isEqualTo("en");
        assertThat(home.selectFirst("html").attr("dir")).isEqualTo("ltr");
        assertThat(home.select("main ul.topics a").eachText()).containsExactly("Benign neonatal sleep myoclonus");
        assertThat(home.selectFirst(".demo-banner")).isNotNull();
    }

    @Test
    void topicPage_showsEveryPublishedQuestionWithItsAnswer_andNoJunk() throws Exception {
        Document topic = app.page("/en/benign-neonatal-sleep-myoclonus/");
        assertThat(topic.select("h1").eachText()).containsExactly("Benign neonatal sleep myoclonus");
        assertThat(topic.select("section.question h2").eachText()).contains("What is baby sleep myoclonus?");
        assertThat(topic.text()).doesNotContain("IT IS INTERESTING");
        assertThat(topic.select("section.question .answer").first().text())
                .contains("Benign neonatal sleep myoclonus (BNSM) is characterised by myoclonic jerks");
    }

    @Test
    void questionPage_showsItsAnswer() throws Exception {
        Document question = app.page("/en/benign-neonatal-sleep-myoclonus/when-does-sleep-myoclonus-stop");
        assertThat(question.select("h1").eachText()).containsExactly("When does sleep myoclonus stop?");
        assertThat(question.selectFirst("article .answer").text())
                .isEqualTo("Sleep myoclonus usually disappears after a period of weeks and has resolved in most"
                        + " cases by 3 months of age.");
        assertThat(question.select(".breadcrumbs a").eachText()).contains("Benign neonatal sleep myoclonus");
    }

    @Test
    void missingTrailingSlash_redirectsToTheCanonicalAddress() throws Exception {
        assertThat(app.get("/en").headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/en/"));
        assertThat(app.get("/en/benign-neonatal-sleep-myoclonus").statusCode()).isEqualTo(301);
    }

    @Test
    void unknownLanguageTopicOrQuestion_isA404PageInTheVisitorsLanguage() throws Exception {
        for (String path : new String[] {"/xx/", "/en/no-such-topic/", "/en/benign-neonatal-sleep-myoclonus/nope"}) {
            HttpResponse<String> response = app.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("Page not found").doesNotContain("Exception");
        }
        HttpResponse<String> spanish = app.get("/es/nada/", "Accept-Language", "es");
        assertThat(spanish.statusCode()).isEqualTo(404);
        assertThat(org.jsoup.Jsoup.parse(spanish.body()).selectFirst("html").attr("lang")).isEqualTo("es");
        assertThat(spanish.body()).contains("Página no encontrada");
        HttpResponse<String> arabic = app.get("/ar/x/y", "Accept-Language", "ar");
        assertThat(org.jsoup.Jsoup.parse(arabic.body()).selectFirst("html").attr("dir")).isEqualTo("rtl");
    }

    @Test
    void stylesheetIsServed_andSmall() throws Exception {
        HttpResponse<String> css = app.get("/static/site.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body().length()).isLessThan(10_000);
    }
}
