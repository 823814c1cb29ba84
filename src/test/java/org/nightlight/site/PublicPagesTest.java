package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

class PublicPagesTest {

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
                .startsWith("Benign neonatal sleep myoclonus (BNSM) is a pattern of jerky movements")
                .doesNotContain("Background:");
    }

    @Test
    void questionPage_showsItsAnswer() throws Exception {
        Document question = app.page("/en/benign-neonatal-sleep-myoclonus/when-does-sleep-myoclonus-stop");
        assertThat(question.select("h1").eachText()).containsExactly("When does sleep myoclonus stop?");
        assertThat(question.selectFirst("article .answer").text())
                .startsWith("BNSM goes away by itself, without treatment.")
                .contains("in about 2 babies out of 3, by the age of 3 months")
                .endsWith("If the jerks go on after your baby is 6 months old, ask your doctor to check them.");
        assertThat(question.select(".trust p").eachText()).first().asString()
                .startsWith("Medically reviewed by Dr Demo Clinician, MD, paediatric neurologist (demo account) on ");
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
    void demo_servesTheFaqInFourLanguages_withTranslationReviewers() throws Exception {
        Map<String, String> titles = Map.of("en", "What does sleep myoclonus look like?",
                "es", "¿Cómo es la mioclonía del sueño?", "fr", "À quoi ressemblent les myoclonies du sommeil ?",
                "ar", "كيف يبدو الرمع العضلي أثناء النوم؟");
        for (String lang : new String[] {"en", "es", "fr", "ar"}) {
            Document home = app.page("/" + lang + "/");
            assertThat(home.selectFirst("html").attr("lang")).isEqualTo(lang);
            assertThat(home.selectFirst("html").attr("dir")).isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
            String topicHref = home.selectFirst("main ul.topics a").attr("href");
            Document topic = app.page(topicHref);
            assertThat(topic.select(".urgent h2").text()).isNotBlank();
            assertThat(topic.select("section.question h2").eachText()).hasSize(11);
            if (!lang.equals("en")) { // the whole trust block is on the question's own page
                Document question = app.page(topic.selectFirst("nav.toc a").attr("href"));
                assertThat(question.selectFirst("article .trust").text())
                        .contains("Demo " + Map.of("es", "Spanish", "fr", "French", "ar", "Arabic").get(lang)
                                + " Reviewer");
            }
        }
        Document french = app.page("/fr/" + slugOfTopic("fr") + "/");
        assertThat(french.select("section.question h2").eachText()).anySatisfy(t ->
                assertThat(t.replace('\u00a0', ' ')).isEqualTo(titles.get("fr").replace('\u00a0', ' ')));
    }

    @Test
    void clinicallyWrongSeedAnswers_areNotPublicInAnyLanguage() throws Exception {
        for (String lang : new String[] {"en", "es", "fr", "ar"}) {
            String all = app.page("/" + lang + "/" + slugOfTopic(lang) + "/").text();
            assertThat(all).doesNotContain("Exercise is the solution", "clonazepam", "Botox",
                    "benign myoclonic epilepsy in infancy");
        }
        assertThat(app.get("/en/benign-neonatal-sleep-myoclonus/how-do-you-treat-sleep-myoclonus").statusCode())
                .isEqualTo(404);
        assertThat(app.get("/en/benign-neonatal-sleep-myoclonus/how-do-you-treat-myoclonus-naturally")
                .statusCode()).isEqualTo(404);
    }

    @Test
    void questionNotYetPublishedInFrench_showsTheEnglishTextWithANotice() throws Exception {
        Document french = app.page("/fr/" + slugOfTopic("fr") + "/");
        var crying = french.select("section.question").stream()
                .filter(s -> s.select("h2").text().equals("Why does my baby wake up crying in his sleep?"))
                .findFirst().orElseThrow();
        assertThat(crying.selectFirst("h2").attr("lang")).isEqualTo("en");
        assertThat(crying.selectFirst(".answer").attr("lang")).isEqualTo("en");
        assertThat(crying.selectFirst(".notice").text()).contains("pas encore disponible dans votre langue");
    }

    private static String slugOfTopic(String lang) throws Exception {
        String href = app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
        return href.split("/")[2];
    }

    @Test
    void stylesheetIsServed_andSmall() throws Exception {
        HttpResponse<String> css = app.get("/static/site.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.body().length()).isLessThan(10_000);
    }
}
