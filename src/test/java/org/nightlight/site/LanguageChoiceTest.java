package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.nightlight.App;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** Which language a visitor gets, how they change it, and that every page says which language it is in. */
class LanguageChoiceTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    static final Map<String, String> NATIVE_NAMES = Map.of("en", "English", "es", "Español", "fr", "Français",
            "ar", "العربية");

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- negotiation at / -------------------------------------------------------------------------------

    @ParameterizedTest(name = "Accept-Language: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "ar-EG,ar;q=0.9,en;q=0.5 | ar",
        "en-GB,en;q=0.9 | en",
        "fr-CA;q=0.8, es;q=0.9 | es",
        "de-DE, ar;q=0.2, fr;q=0.1 | ar",
        "pt-BR, pt;q=0.9 | en",
        "de, *;q=0.1 | en",
        "ar;q=0, fr;q=0.3 | fr",
        "ar;q=abc, fr | en",
        "<script>alert(1)</script> | en",
        "'' | en"})
    void root_sendsTheVisitorToTheBestPublicLanguage(String header, String expected) throws Exception {
        HttpResponse<String> response = header.equals("''") ? app.get("/") : app.get("/", "Accept-Language", header);
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue(app.base() + "/" + expected + "/");
    }

    @Test
    void root_saysItsAnswerDependsOnTheLanguageHeaderAndTheCookie_andSetsNoCookie() throws Exception {
        HttpResponse<String> response = app.get("/", "Accept-Language", "ar");
        assertThat(String.join(",", response.headers().allValues("Vary"))).contains("Accept-Language", "Cookie");
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void root_honoursTheRememberedChoice_beforeTheBrowsersLanguages() throws Exception {
        assertThat(app.get("/", "Accept-Language", "en", "Cookie", "nl_lang=ar").headers().firstValue("Location"))
                .hasValue(app.base() + "/ar/");
        assertThat(app.get("/", "Accept-Language", "ar", "Cookie", "nl_lang=en").headers().firstValue("Location"))
                .hasValue(app.base() + "/en/");
    }

    @Test
    void root_ignoresARememberedLanguageThatIsNotPublic() throws Exception {
        assertThat(app.get("/", "Accept-Language", "es", "Cookie", "nl_lang=de").headers().firstValue("Location"))
                .hasValue(app.base() + "/es/");
        assertThat(app.get("/", "Accept-Language", "es", "Cookie", "nl_lang=%3Cscript%3E").headers()
                .firstValue("Location")).hasValue(app.base() + "/es/");
    }

    // --- the switcher ---------------------------------------------------------------------------------

    @Test
    void switcher_onEveryPageType_inEnglishAndArabic_linksToThatPageInEveryPublicLanguage() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (String path : pagesIn(lang)) {
                Document page = app.page(path);
                List<Element> links = page.select("nav.languages a");
                assertThat(links).as(path).hasSize(4);
                assertThat(links.stream().map(Element::text).toList()).as(path)
                        .containsExactly("English", "Español", "Français", "العربية");
                Set<String> alternates = alternatePaths(page);
                for (Element link : links) {
                    String target = link.attr("lang");
                    assertThat(link.attr("hreflang")).isEqualTo(target);
                    assertThat(link.attr("dir")).isEqualTo(target.equals("ar") ? "rtl" : "ltr");
                    assertThat(link.attr("aria-current")).isEqualTo(target.equals(lang) ? "true" : "");
                    String next = next(link.attr("href"));
                    assertThat(next).as(path + " -> " + target).startsWith("/" + target + "/");
                    // the same page: the target lists exactly the same set of language versions
                    Document there = app.page(next);
                    assertThat(there.selectFirst("html").attr("lang")).isEqualTo(target);
                    assertThat(alternatePaths(there)).as(path + " -> " + next).isEqualTo(alternates);
                    assertThat(alternates).contains(next);
                }
            }
        }
    }

    @Test
    void switcher_fromAQuestionNotYetInFrench_leadsToItsFrenchAddress_shownInEnglishWithANotice() throws Exception {
        Document english = app.page(questionPath("en", "Why does my baby wake up crying in his sleep?"));
        String next = next(english.selectFirst("nav.languages a[lang=fr]").attr("href"));
        Document french = app.page(next);
        assertThat(french.selectFirst("html").attr("lang")).isEqualTo("fr");
        assertThat(french.selectFirst("h1").text()).isEqualTo("Why does my baby wake up crying in his sleep?");
        assertThat(french.selectFirst("article .notice").text()).contains("pas encore disponible dans votre langue");
    }

    @Test
    void choosingALanguage_remembersItForAYear_andShowsTheChosenPage() throws Exception {
        Document english = app.page(questionPath("en", "What does sleep myoclonus look like?"));
        String href = english.selectFirst("nav.languages a[lang=ar]").attr("href");
        assertThat(href).startsWith("/language?to=ar&next=");
        HttpResponse<String> choice = app.get(href);
        assertThat(choice.statusCode()).isEqualTo(303);
        String cookie = choice.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie.split(";\\s*")).contains("nl_lang=ar", "Max-Age=31536000", "Path=/", "SameSite=Lax",
                "HttpOnly");
        assertThat(cookie).doesNotContain("Secure"); // plain http here; see SearchEnginesTest for https
        assertThat(choice.headers().firstValue("Cache-Control")).hasValue("no-store");
        Document arabic = app.page(URI.create(choice.headers().firstValue("Location").orElseThrow()).getRawPath());
        assertThat(arabic.selectFirst("h1").text()).isEqualTo("كيف يبدو الرمع العضلي أثناء النوم؟");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
        "javascript:alert(1)", "/ar/\r\nSet-Cookie: x=1", " /ar/", "http:/evil.example", "/%0d%0aX: y",
        "/ar/<script>alert(1)</script>"})
    void choosingALanguage_neverSendsTheVisitorOffTheSite(String next) throws Exception {
        HttpResponse<String> choice = app.get("/language?to=ar&next="
                + java.net.URLEncoder.encode(next, StandardCharsets.UTF_8));
        assertThat(choice.statusCode()).isEqualTo(303);
        String location = choice.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo(app.base() + "/ar/");
        assertThat(choice.headers().map().keySet()).doesNotContain("x");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/language", "/language?to=xx", "/language?to=%3Cscript%3E", "/language?to=AR",
        "/language?to=ar-", "/language?to=&next=/en/"})
    void choosingALanguageThatIsNotPublic_isARequestError_andSetsNoCookie(String path) throws Exception {
        HttpResponse<String> response = app.get(path);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(response.body()).doesNotContain("<script>");
    }

    @Test
    void pages_setNoCookie_onlyTheExplicitChoiceDoes() throws Exception {
        for (String path : pagesIn("ar")) {
            assertThat(app.get(path).headers().allValues("Set-Cookie")).as(path).isEmpty();
        }
        assertThat(app.get("/ar/no-such-page/").headers().allValues("Set-Cookie")).isEmpty();
    }

    // --- the page says which language it is in ----------------------------------------------------------

    @Test
    void everyPageType_declaresItsLanguageAndDirection() throws Exception {
        for (String lang : List.of("en", "es", "fr", "ar")) {
            String dir = lang.equals("ar") ? "rtl" : "ltr";
            for (String path : pagesIn(lang)) {
                Element html = app.page(path).selectFirst("html");
                assertThat(html.attr("lang")).as(path).isEqualTo(lang);
                assertThat(html.attr("dir")).as(path).isEqualTo(dir);
            }
            Element notFound = Jsoup.parse(app.get("/" + lang + "/no-such-topic/").body()).selectFirst("html");
            assertThat(notFound.attr("lang")).isEqualTo(lang);
            assertThat(notFound.attr("dir")).isEqualTo(dir);
        }
    }

    @Test
    void aPassageInAnotherLanguage_carriesItsOwnLangAndDir() throws Exception {
        Document french = app.page(topicPath("fr"));
        Element crying = french.select("section.question").stream()
                .filter(s -> s.selectFirst("h2").text().equals("Why does my baby wake up crying in his sleep?"))
                .findFirst().orElseThrow();
        for (Element marked : List.of(crying.selectFirst("h2"), crying.selectFirst(".answer"))) {
            assertThat(marked.attr("lang")).isEqualTo("en");
            assertThat(marked.attr("dir")).isEqualTo("ltr");
        }
        assertThat(crying.selectFirst(".notice").attr("lang")).isEmpty(); // the notice is in the page's language
        Element tocEntry = french.select("nav.toc a").stream()
                .filter(a -> a.text().equals("Why does my baby wake up crying in his sleep?")).findFirst().orElseThrow();
        assertThat(tocEntry.attr("lang")).isEqualTo("en");
        assertThat(tocEntry.attr("dir")).isEqualTo("ltr");
    }

    @Test
    void theStylesheet_usesOnlyLogicalDirections_andMirrorsTheBreadcrumbSeparatorForRightToLeft() throws Exception {
        String css = app.get("/static/site.css").body();
        assertThat(css).doesNotContainPattern("(margin|padding|border)-(left|right)")
                .doesNotContainPattern("(?m)^\\s*(left|right)\\s*:")
                .doesNotContainPattern("[\\s;{](left|right)\\s*:")
                .doesNotContainPattern("text-align:\\s*(left|right)")
                .doesNotContainPattern("float:\\s*(left|right)");
        assertThat(css).containsPattern("\\.breadcrumbs li \\+ li::before \\{[^}]*transform: rotate\\(45deg\\)")
                .containsPattern("\\[dir=\"rtl\"\\] \\.breadcrumbs li \\+ li::before \\{ transform: rotate\\(-45deg\\)");
    }

    // --- helpers ----------------------------------------------------------------------------------------

    static String next(String switcherHref) {
        String query = URI.create(switcherHref).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("next=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no next in " + switcherHref);
    }

    private static Set<String> alternatePaths(Document page) {
        return page.select("link[rel=alternate][hreflang]").stream()
                .filter(l -> !l.attr("hreflang").equals("x-default"))
                .map(l -> URI.create(l.attr("href")).getRawPath())
                .collect(Collectors.toSet());
    }

    /** Home, topic and one question page in the language. */
    static List<String> pagesIn(String lang) throws Exception {
        return List.of("/" + lang + "/", topicPath(lang), questionPath(lang, "What does sleep myoclonus look like?"));
    }

    static String topicPath(String lang) throws Exception {
        return app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
    }

    /** A question's address in a language, found from its English title through the switcher. */
    static String questionPath(String lang, String englishTitle) throws Exception {
        Document topic = app.page(topicPath("en"));
        String english = topic.select("nav.toc a").stream().filter(a -> a.text().equals(englishTitle))
                .findFirst().orElseThrow().attr("href");
        if (lang.equals("en")) {
            return english;
        }
        return next(app.page(english).selectFirst("nav.languages a[lang=" + lang + "]").attr("href"));
    }
}
