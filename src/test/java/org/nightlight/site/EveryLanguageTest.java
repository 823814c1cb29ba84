package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
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
 * Every public page of the demo in Spanish, French and Arabic speaks only its own language: no UI text of the
 * English bundle anywhere in what a reader sees or hears (text, titles, labels), Arabic pages write every
 * number with one digit system (Western digits), and the site has an icon at /favicon.ico.
 */
class EveryLanguageTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static final String ARABIC_INDIC_DIGITS = "(?s).*[\u0660-\u0669\u06F0-\u06F9].*";

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
    void spanishFrenchAndArabicPages_showNoEnglishUiText() throws Exception {
        List<String> found = new ArrayList<>();
        for (String lang : List.of("es", "fr", "ar")) {
            Set<String> english = englishOnly(lang);
            assertThat(english).hasSizeGreaterThan(40).contains("Medically reviewed by", "Next review due");
            for (String path : publicPages(lang)) {
                String shown = readerText(Jsoup.parse(app.get(path).body()));
                for (String words : english) {
                    if (shown.contains(words)) {
                        found.add(lang + " " + path + ": “" + words + "”");
                    }
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void arabicPages_writeEveryNumberWithWesternDigits() throws Exception {
        List<String> pages = publicPages("ar");
        for (String path : pages) {
            assertThat(readerText(Jsoup.parse(app.get(path).body()))).as(path).doesNotMatch(ARABIC_INDIC_DIGITS);
        }
        Document search = app.page(pages.stream().filter(p -> p.contains("/search?q=") && !p.endsWith("zqxjvw"))
                .findFirst().orElseThrow());
        assertThat(search.selectFirst(".search-count").text()).matches("(?s).*(\\d|نتيجة واحدة|نتيجتان).*");
        Document question = app.page(pages.get(2));
        assertThat(question.selectFirst("article .trust p").text()).matches("(?s).*\\d{1,2} \\p{L}+ \\d{4}.*");
    }

    @Test
    void theSiteIcon_isServedAndCached_andEveryPageLinksIt() throws Exception {
        HttpResponse<String> icon = app.get("/favicon.ico");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type")).hasValue("image/x-icon");
        assertThat(icon.headers().firstValue("Cache-Control").orElse("")).contains("max-age=");
        assertThat(icon.body()).startsWith("\0\0\1\0"); // an ICO file
        for (String path : publicPages("en")) {
            Element link = Jsoup.parse(app.get(path).body()).selectFirst("link[rel=icon]");
            assertThat(link).as(path).isNotNull();
            assertThat(link.attr("href")).isEqualTo("/favicon.ico");
        }
        assertThat(Jsoup.parse(app.get("/admin/login").body()).select("link[rel=icon]")).hasSize(1);
    }

    // --- helpers ------------------------------------------------------------------------------------

    /**
     * What a reader of the page's language sees or hears: visible text and the labels and titles of elements,
     * without content shown in another language on purpose (marked with its own lang) and without citations.
     */
    private static String readerText(Document page) {
        String lang = page.selectFirst("html").attr("lang");
        page.select("[lang]:not(html)").stream().filter(e -> !e.attr("lang").equals(lang)).forEach(Element::remove);
        page.select(".sources div, script").remove();
        // descriptions quote the answer, which is content (in English while a translation is in review)
        page.select("meta[name=description], meta[property^=og:], meta[name^=twitter:]").remove();
        StringBuilder text = new StringBuilder(page.text());
        for (Element e : page.select("[aria-label], [title], [placeholder], [alt], meta[content]")) {
            for (String attribute : List.of("aria-label", "title", "placeholder", "alt", "content")) {
                text.append(' ').append(e.attr(attribute));
            }
        }
        return text.toString();
    }

    /**
     * The literal words of every English public UI text (split at its placeholders) that the language's own
     * bundle does not also use: one of them on that language's page is English left untranslated.
     */
    private static Set<String> englishOnly(String lang) throws Exception {
        Properties english = bundle("messages.properties");
        Properties own = bundle("messages_" + lang + ".properties");
        Set<String> words = new LinkedHashSet<>();
        for (String key : english.stringPropertyNames()) {
            if (!key.startsWith("site.") && !key.startsWith("error.")) {
                continue;
            }
            for (String part : english.getProperty(key).split("\\{[^{}]*(\\{[^{}]*\\}[^{}]*)*\\}")) {
                String literal = part.strip();
                if (literal.matches(".*\\p{L}{3,}.*") && !own.getProperty(key, "").contains(literal)
                        && !literal.equals(english.getProperty("site.name"))) {
                    words.add(literal);
                }
            }
        }
        return words;
    }

    private static Properties bundle(String file) throws java.io.IOException {
        Properties properties = new Properties();
        try (var reader = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of("i18n", file))) {
            properties.load(reader);
        }
        return properties;
    }

    /** Home, topic, every question, search with and without results, and a page that does not exist. */
    private static List<String> publicPages(String lang) throws Exception {
        List<String> pages = new ArrayList<>();
        pages.add("/" + lang + "/");
        String topic = app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
        pages.add(topic);
        Document topicPage = app.page(topic);
        pages.addAll(topicPage.select("nav.toc a").eachAttr("href"));
        String word = topicPage.selectFirst("nav.toc a").text().split("\\s+")[1].replaceAll("[?؟¿]", "");
        pages.add("/" + lang + "/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8));
        pages.add("/" + lang + "/search?q=zqxjvw");
        pages.add("/" + lang + "/no-such-page/");
        return pages;
    }
}
