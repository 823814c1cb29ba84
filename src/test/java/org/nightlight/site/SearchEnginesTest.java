package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
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
import org.w3c.dom.NodeList;

/**
 * What search engines and link previews read: hreflang alternates, canonical address, Open Graph, JSON-LD,
 * sitemap.xml and robots.txt. The app runs with NIGHTLIGHT_PUBLIC_URL set, as behind a proxy, so every
 * absolute address must use it rather than the address the test connects to.
 */
class SearchEnginesTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static final String ORIGIN = "https://nightlight.example.org";
    static final String HOSTILE_TITLE = "</script><script>alert(1)</script> & \"quoted\" <!--";
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234",
                "NIGHTLIGHT_PUBLIC_URL", ORIGIN + "/"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        Editorial editorial = new Editorial(app.app());
        editorial.publishNewQuestion(editorial.topicId(), HOSTILE_TITLE,
                "An answer mentioning </script> and <b>markup</b> and \u2028 a line separator.", "");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyPage_listsEveryPublicLanguagePlusXDefault_asAbsoluteAddressesOnThePublicOrigin() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (String path : pages(lang)) {
                Map<String, String> alternates = alternates(app.page(path));
                assertThat(alternates.keySet()).as(path).containsExactly("en", "es", "fr", "ar", "x-default");
                assertThat(alternates.values()).allSatisfy(href -> assertThat(href).startsWith(ORIGIN + "/"));
                assertThat(alternates.get(lang)).isEqualTo(ORIGIN + path);
                String xDefault = path.equals("/" + lang + "/") ? ORIGIN + "/" : alternates.get("en");
                assertThat(alternates.get("x-default")).as(path).isEqualTo(xDefault);
            }
        }
    }

    @Test
    void everyPage_namesItsOwnCanonicalAddress() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (String path : pages(lang)) {
                assertThat(app.page(path).select("link[rel=canonical]").eachAttr("href")).as(path)
                        .containsExactly(ORIGIN + path);
            }
        }
    }

    @Test
    void openGraph_describesEachPage_inItsLanguage() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (String path : pages(lang)) {
                Document page = app.page(path);
                boolean home = path.equals("/" + lang + "/");
                assertThat(meta(page, "og:url")).isEqualTo(ORIGIN + path);
                assertThat(meta(page, "og:type")).isEqualTo(home ? "website" : "article");
                assertThat(meta(page, "og:locale")).isEqualTo(lang);
                assertThat(page.select("meta[property=og:locale:alternate]").eachAttr("content"))
                        .containsExactlyInAnyOrderElementsOf(
                                new ArrayList<>(List.of("en", "es", "fr", "ar")).stream().filter(l -> !l.equals(lang))
                                        .toList());
                assertThat(meta(page, "og:site_name")).isNotBlank();
                String description = meta(page, "og:description");
                assertThat(description).isNotBlank().hasSizeLessThanOrEqualTo(201);
                assertThat(page.selectFirst("meta[name=description]").attr("content")).isEqualTo(description);
                if (home) {
                    assertThat(meta(page, "og:title")).isEqualTo(page.selectFirst("h1").text());
                } else {
                    assertThat(meta(page, "og:title")).isEqualTo(page.selectFirst("h1").text());
                    String answer = page.selectFirst("article .answer").text();
                    assertThat(answer).startsWith(description.replaceFirst("…$", ""));
                }
            }
        }
    }

    @Test
    void topicPages_describeTheirQuestionsAndAnswersAsAnFaqPage() throws Exception {
        for (String lang : List.of("en", "ar")) {
            Document page = app.page(topicPath(lang));
            JsonNode faq = jsonLd(page);
            assertThat(faq.path("@context").asText()).isEqualTo("https://schema.org");
            assertThat(faq.path("@type").asText()).isEqualTo("FAQPage");
            assertThat(faq.path("url").asText()).isEqualTo(ORIGIN + topicPath(lang));
            assertThat(faq.path("inLanguage").asText()).isEqualTo(lang);
            assertThat(faq.path("name").asText()).isEqualTo(page.selectFirst("h1").text());
            List<Element> sections = page.select("section.question");
            assertThat(faq.path("mainEntity")).hasSize(sections.size());
            for (int i = 0; i < sections.size(); i++) {
                JsonNode question = faq.path("mainEntity").get(i);
                assertThat(question.path("@type").asText()).isEqualTo("Question");
                assertThat(question.path("name").asText()).isEqualTo(sections.get(i).selectFirst("h2").text());
                JsonNode answer = question.path("acceptedAnswer");
                assertThat(answer.path("@type").asText()).isEqualTo("Answer");
                // plain text: the words of the rendered answer, without markup
                assertThat(answer.path("text").asText()).isEqualTo(sections.get(i).selectFirst(".answer").text());
            }
            assertThat(faq.path("lastReviewed").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(faq.path("reviewedBy").path("@type").asText()).isEqualTo("Person");
            assertThat(faq.path("reviewedBy").path("name").asText()).isEqualTo("Dr Demo Clinician");
        }
    }

    @Test
    void questionPages_areMedicalWebPages_withLastReviewedAndReviewedBy() throws Exception {
        for (String lang : List.of("en", "ar")) {
            String path = questionPath(lang);
            Document page = app.page(path);
            JsonNode medical = jsonLd(page);
            assertThat(medical.path("@type").asText()).isEqualTo("MedicalWebPage");
            assertThat(medical.path("url").asText()).isEqualTo(ORIGIN + path);
            assertThat(medical.path("name").asText()).isEqualTo(page.selectFirst("h1").text());
            assertThat(medical.path("inLanguage").asText()).isEqualTo(lang);
            assertThat(medical.path("lastReviewed").asText()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
            assertThat(medical.path("reviewedBy").path("@type").asText()).isEqualTo("Person");
            assertThat(medical.path("reviewedBy").path("name").asText()).isEqualTo("Dr Demo Clinician");
            assertThat(medical.path("reviewedBy").path("description").asText()) // in the page's language
                    .isEqualTo(lang.equals("en") ? "MD, paediatric neurologist (demo account)"
                            : "دكتوراه في الطب، اختصاص طب أعصاب الأطفال (حساب تجريبي)");
            assertThat(medical.path("mainEntity").path("@type").asText()).isEqualTo("Question");
            assertThat(medical.path("mainEntity").path("acceptedAnswer").path("text").asText())
                    .isEqualTo(page.selectFirst("article .answer").text());
        }
    }

    @Test
    void jsonLd_isDataTheContentCannotBreakOutOf() throws Exception {
        String path = app.page(topicPath("en")).select("nav.toc a").stream()
                .filter(a -> a.text().equals(HOSTILE_TITLE)).findFirst().orElseThrow().attr("href");
        for (String p : List.of(path, topicPath("en"), topicPath("ar"))) {
            HttpResponse<String> response = app.get(p);
            String html = response.body();
            // one script element, closed once, and it is data: the policy allows no inline script at all
            assertThat(html.split("</script", -1)).as(p).hasSize(2);
            assertThat(html).doesNotContain("<script>");
            String data = html.substring(html.indexOf("application/ld+json\">") + 21, html.indexOf("</script"));
            assertThat(data).doesNotContain("<", ">", "&", "\u2028");
            assertThat(org.jsoup.Jsoup.parse(html).select("script").eachAttr("type")).containsExactly("application/ld+json");
            assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("script-src 'self'").doesNotContain("unsafe-inline");
        }
        Document page = app.page(path);
        assertThat(page.selectFirst("h1").text()).isEqualTo(HOSTILE_TITLE);
        JsonNode medical = jsonLd(page);
        assertThat(medical.path("name").asText()).isEqualTo(HOSTILE_TITLE); // the JSON escapes read back exactly
        assertThat(medical.path("mainEntity").path("acceptedAnswer").path("text").asText())
                .contains("</script>", "<b>markup</b>");
    }

    @Test
    void theSitemap_listsEveryPublicPageInEveryLanguage_withTheSameAlternatesAsThePages() throws Exception {
        var index = xml("/sitemap.xml");
        assertThat(index.getDocumentElement().getLocalName()).isEqualTo("sitemapindex");
        NodeList files = index.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
        assertThat(files.getLength()).isEqualTo(1);
        assertThat(files.item(0).getTextContent()).isEqualTo(ORIGIN + "/sitemap.xml?part=1");
        var xml = xml("/sitemap.xml?part=1");
        assertThat(xml.getDocumentElement().getLocalName()).isEqualTo("urlset");
        NodeList urls = xml.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "url");
        Map<String, Map<String, String>> listed = new HashMap<>();
        for (int i = 0; i < urls.getLength(); i++) {
            var url = (org.w3c.dom.Element) urls.item(i);
            String loc = url.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc").item(0)
                    .getTextContent();
            Map<String, String> links = new LinkedHashMap<>();
            NodeList alternates = url.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "link");
            for (int j = 0; j < alternates.getLength(); j++) {
                var link = (org.w3c.dom.Element) alternates.item(j);
                assertThat(link.getAttribute("rel")).isEqualTo("alternate");
                links.put(link.getAttribute("hreflang"), link.getAttribute("href"));
            }
            assertThat(listed.put(loc, links)).as("listed twice: " + loc).isNull();
        }
        // every page a visitor can reach from the home pages, in every language, and nothing else
        Set<String> reachable = new HashSet<>();
        for (String lang : List.of("en", "es", "fr", "ar")) {
            reachable.add(ORIGIN + "/" + lang + "/");
            String topic = topicPath(lang);
            reachable.add(ORIGIN + topic);
            for (Element link : app.page(topic).select("nav.toc a")) {
                reachable.add(ORIGIN + link.attr("href"));
            }
        }
        assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(reachable);
        for (String loc : List.of(ORIGIN + "/ar/", ORIGIN + topicPath("ar"), ORIGIN + questionPath("ar"),
                ORIGIN + questionPath("en"))) {
            Document page = app.page(URI.create(loc).getRawPath());
            assertThat(listed.get(loc)).as(loc).isEqualTo(alternates(page));
        }
    }

    @Test
    void aSitemapFileThatDoesNotExist_isNotFound() throws Exception {
        for (String part : List.of("0", "2", "x", "-1", "01", "9999999")) {
            assertThat(app.get("/sitemap.xml?part=" + part).statusCode()).as(part).isEqualTo(404);
        }
    }

    private org.w3c.dom.Document xml(String path) throws Exception {
        HttpResponse<String> response = app.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        return xml;
    }

    @Test
    void robotsTxt_keepsCrawlersOutOfAdmin_andPointsToTheSitemap() throws Exception {
        HttpResponse<String> robots = app.get("/robots.txt");
        assertThat(robots.statusCode()).isEqualTo(200);
        assertThat(robots.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(robots.body().lines().toList()).contains("User-agent: *", "Disallow: /admin/",
                "Sitemap: " + ORIGIN + "/sitemap.xml");
    }

    @Test
    void choosingALanguage_onAnHttpsSite_setsASecureCookie() throws Exception {
        String cookie = app.get("/language?to=ar&next=%2Far%2F").headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie.split(";\\s*")).contains("nl_lang=ar", "Secure", "SameSite=Lax", "HttpOnly");
    }

    // --- helpers ----------------------------------------------------------------------------------------

    private static Map<String, String> alternates(Document page) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Element link : page.select("link[rel=alternate][hreflang]")) {
            result.put(link.attr("hreflang"), link.attr("href"));
        }
        return result;
    }

    private static String meta(Document page, String property) {
        Element meta = page.selectFirst("meta[property=" + property + "]");
        assertThat(meta).as(property).isNotNull();
        return meta.attr("content");
    }

    private static JsonNode jsonLd(Document page) throws Exception {
        List<Element> scripts = page.select("script[type=application/ld+json]");
        assertThat(scripts).hasSize(1);
        return JSON.readTree(scripts.get(0).data());
    }

    private static List<String> pages(String lang) throws Exception {
        return List.of("/" + lang + "/", topicPath(lang), questionPath(lang));
    }

    private static String topicPath(String lang) throws Exception {
        return app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
    }

    private static String questionPath(String lang) throws Exception {
        return app.page(topicPath(lang)).selectFirst("nav.toc a").attr("href");
    }
}
