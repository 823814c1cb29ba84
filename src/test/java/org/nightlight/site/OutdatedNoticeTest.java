package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.web.Dates;
import org.nightlight.web.Messages;

/**
 * A translation that stays live after a minor change of its English source tells its reader so, in the
 * reader's language, with the date of the English update and a link to the English page; a translation made
 * from the current English text says nothing of the kind.
 */
class OutdatedNoticeTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static final Messages MESSAGES = new Messages();
    static final List<String> TRANSLATIONS = List.of("es", "fr", "ar");

    static RunningApp app;
    static Editorial editorial;
    /** The English title of the question this class changes, and of one it leaves alone. */
    static String changed;
    static String untouched;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        editorial = new Editorial(app.app());
        List<String> current = app.page(topicPath("en")).select("nav.toc a").eachText().stream()
                .filter(OutdatedNoticeTest::currentInEveryTranslation).toList();
        changed = current.get(0);
        untouched = current.get(1);
        long item = editorial.questionId(changed);
        var now = editorial.latest(item, "en").text();
        editorial.publishSource(item, now.title(), now.body() + "\n\nOne more sentence.", SourceChange.MINOR);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theOutdatedTranslation_staysLive_withANoticeInTheReadersLanguage_linkingToTheEnglishPage() throws Exception {
        String english = questionPath("en", changed);
        for (String lang : TRANSLATIONS) {
            Document page = app.page(questionPath(lang, changed));
            assertThat(page.selectFirst("article .answer").hasAttr("lang")).as(lang).isFalse();
            Element notice = page.selectFirst("article .notice.outdated");
            assertThat(notice).as(lang).isNotNull();
            assertThat(notice.selectFirst("span").text()).isEqualTo(expected(lang));
            Element link = notice.selectFirst("a");
            assertThat(link.attr("href")).isEqualTo(english);
            assertThat(link.attr("hreflang")).isEqualTo("en");
            assertThat(link.text()).isEqualTo(MESSAGES.get(ui(lang), "site.notice.outdated.link", englishName(lang)));
        }
        assertThat(expected("en")).isNotEmpty();
        assertThat(expected("es")).contains("inglés");
    }

    @Test
    void theNoticeIsUnderTheAnswer_onTheTopicPageToo() throws Exception {
        for (String lang : TRANSLATIONS) {
            Element section = section(app.page(topicPath(lang)), questionTitle(lang, changed));
            assertThat(section.selectFirst(".notice.outdated span").text()).isEqualTo(expected(lang));
        }
    }

    @Test
    void theEnglishPage_andCurrentTranslations_haveNoSuchNotice() throws Exception {
        assertThat(app.page(questionPath("en", changed)).select(".notice")).isEmpty();
        for (String lang : TRANSLATIONS) {
            assertThat(app.page(questionPath(lang, untouched)).select(".notice")).as(lang).isEmpty();
        }
    }

    @Test
    void theArabicNotice_writesTheDateWithTheDigitsOfThePage() throws Exception {
        String notice = app.page(questionPath("ar", changed)).selectFirst(".notice.outdated span").text();
        assertThat(notice).contains(String.valueOf(LocalDate.now(ZoneOffset.UTC).getYear()))
                .doesNotMatch("(?s).*[\u0660-\u0669].*");
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static String expected(String lang) {
        return MESSAGES.get(ui(lang), "site.notice.outdated", englishName(lang),
                new Dates(ui(lang)).format(LocalDate.now(ZoneOffset.UTC))).replaceAll("[\u2068\u2069]", "");
    }

    private static String englishName(String lang) {
        return Locale.ENGLISH.getDisplayLanguage(ui(lang));
    }

    private static Locale ui(String lang) {
        return Locale.forLanguageTag(lang);
    }

    /** True when the question's page in every translation shows its own text with no notice at all. */
    private static boolean currentInEveryTranslation(String englishTitle) {
        try {
            for (String lang : TRANSLATIONS) {
                if (!app.page(questionPath(lang, englishTitle)).select("article .notice, article h1[lang]").isEmpty()) {
                    return false;
                }
            }
            return true;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String questionTitle(String lang, String englishTitle) throws Exception {
        return app.page(questionPath(lang, englishTitle)).selectFirst("h1").text();
    }

    private static Element section(Document topic, String title) {
        return topic.select("section.question").stream()
                .filter(s -> s.selectFirst("h2").text().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no section " + title));
    }

    private static String topicPath(String lang) throws Exception {
        return app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
    }

    private static String questionPath(String lang, String englishTitle) throws Exception {
        String englishHref = app.page(topicPath("en")).select("nav.toc a").stream()
                .filter(a -> a.text().equals(englishTitle)).findFirst().orElseThrow().attr("href");
        if (lang.equals("en")) {
            return englishHref;
        }
        return LanguageChoiceTest.next(app.page(englishHref).selectFirst("nav.languages a[lang=" + lang + "]")
                .attr("href"));
    }
}
