package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

/**
 * WCAG 2.2 AA structure that needs no browser (PublicSiteBrowserTest checks the rendering): landmarks, a skip
 * link, one h1, labelled navigation, no skipped heading levels; and the stylesheet's focus ring, colour
 * contrast, touch-target and print rules.
 */
class AccessibleStructureTest {

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
    void everyPageType_inEnglishAndArabic_hasLandmarksASkipLinkAndExactlyOneH1() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (Document page : pages(lang)) {
                String what = page.location();
                Element body = page.body();
                Element skip = body.child(0);
                assertThat(skip.tagName() + "." + skip.className()).as(what).isEqualTo("a.skip-link");
                assertThat(skip.attr("href")).isEqualTo("#main");
                assertThat(skip.text()).isNotBlank();
                assertThat(page.select("main#main")).as(what).hasSize(1);
                assertThat(page.select("body > header")).as(what).hasSize(1);
                assertThat(page.select("body > footer")).as(what).hasSize(1);
                assertThat(page.select("h1")).as(what).hasSize(1);
                assertThat(page.selectFirst("main h1")).as(what).isNotNull();
            }
        }
    }

    @Test
    void navigationAndRegions_haveNames_andIdsAreUnique() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (Document page : pages(lang)) {
                String what = page.location();
                Set<String> ids = new HashSet<>();
                for (Element withId : page.select("[id]")) {
                    assertThat(ids.add(withId.id())).as(what + " duplicate id " + withId.id()).isTrue();
                }
                for (Element region : page.select("nav, aside, section[aria-labelledby]")) {
                    String label = region.attr("aria-label");
                    String labelledBy = region.attr("aria-labelledby");
                    assertThat(!label.isBlank() || (!labelledBy.isBlank() && page.getElementById(labelledBy) != null))
                            .as(what + " unnamed " + region.tagName() + "." + region.className()).isTrue();
                }
                for (Element link : page.select("a")) {
                    assertThat(link.text()).as(what + " empty link " + link.attr("href")).isNotBlank();
                }
            }
        }
    }

    @Test
    void headingLevels_neverSkipALevel() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (Document page : pages(lang)) {
                int previous = 0;
                for (Element heading : page.select("h1, h2, h3, h4, h5, h6")) {
                    int level = Integer.parseInt(heading.tagName().substring(1));
                    assertThat(level).as(page.location() + " " + heading.text()).isLessThanOrEqualTo(previous + 1);
                    previous = level;
                }
            }
        }
    }

    @Test
    void theStylesheet_showsAStrongFocusRing_andHasPrintRules() throws Exception {
        String css = app.get("/static/site.css").body();
        assertThat(css).containsPattern("a:focus-visible[^{]*\\{[^}]*outline: 3px solid var\\(--focus\\)");
        assertThat(css).containsPattern("\\.skip-link:focus \\{[^}]*inset-block-start: 0\\.5rem");
        assertThat(css).containsPattern("\\.languages a \\{[^}]*min-block-size: 44px");
        assertThat(css).containsPattern("\\.toc a[^{]*\\{[^}]*min-block-size: 44px");
        assertThat(css).containsPattern("@media print \\{[^@]*\\.languages[^{]*\\{ display: none; \\}");
        assertThat(css).doesNotContain("outline: none").doesNotContain("outline: 0");
    }

    @Test
    void theColourPalette_givesTextAtLeast4point5To1_andTheFocusRingAtLeast3To1() throws Exception {
        Map<String, String> colours = new LinkedHashMap<>();
        Matcher m = Pattern.compile("--([a-z-]+): (#[0-9a-f]{6});").matcher(app.get("/static/site.css").body());
        while (m.find()) {
            colours.put(m.group(1), m.group(2));
        }
        String[][] text = {{"text", "bg"}, {"muted", "bg"}, {"link", "bg"}, {"accent", "bg"}, {"text", "band"},
            {"muted", "band"}, {"link", "band"}, {"text", "warn-bg"}, {"text", "urgent-bg"}, {"link", "urgent-bg"},
            {"link", "warn-bg"}};
        for (String[] pair : text) {
            assertThat(contrast(colours.get(pair[0]), colours.get(pair[1]))).as(pair[0] + " on " + pair[1])
                    .isGreaterThanOrEqualTo(4.5);
        }
        assertThat(contrast(colours.get("focus"), colours.get("text"))).isGreaterThanOrEqualTo(3.0);
        assertThat(contrast(colours.get("urgent-border"), colours.get("urgent-bg"))).isGreaterThanOrEqualTo(3.0);
    }

    private static List<Document> pages(String lang) throws Exception {
        String topic = app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
        String question = app.page(topic).selectFirst("nav.toc a").attr("href");
        Document notFound = Jsoup.parse(app.get("/" + lang + "/no-such-page/").body(), app.base() + "/404/" + lang);
        Document badRequest = Jsoup.parse(app.get("/" + lang + "/%ff/").body(), app.base() + "/400/" + lang);
        return List.of(app.page("/" + lang + "/"), app.page(topic), app.page(question), notFound, badRequest);
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
