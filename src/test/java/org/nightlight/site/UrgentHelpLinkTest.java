package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** The urgent-help block is one tap away from every public page, in the header, in the reader's language. */
class UrgentHelpLinkTest {

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
    void everyPageType_linksToTheUrgentHelpBlock_fromItsHeader() throws Exception {
        for (String lang : new String[] {"en", "es", "fr", "ar"}) {
            Document home = app.page("/" + lang + "/");
            String topic = home.selectFirst("main ul.topics a").attr("href");
            Document topicPage = app.page(topic);
            String question = topicPage.selectFirst("nav.toc a").attr("href");
            for (Document page : new Document[] {home, topicPage, app.page(question),
                    app.page("/" + lang + "/search?q=sleep")}) {
                Element link = page.selectFirst("header a.urgent-link");
                assertThat(link).as(page.location()).isNotNull();
                String href = link.attr("href");
                String target = href.startsWith("#") ? page.location() : app.base() + href;
                Document landing = href.startsWith("#") ? page : app.page(href.substring(0, href.indexOf('#')));
                assertThat(landing.select("aside.urgent #urgent-title")).as(target).hasSize(1);
                assertThat(href).endsWith("#urgent-title");
            }
        }
        assertThat(app.page("/es/").selectFirst("a.urgent-link").text()).isEqualTo("Ayuda urgente");
        assertThat(app.page("/ar/").selectFirst("a.urgent-link").text()).isEqualTo("مساعدة عاجلة");
    }
}
