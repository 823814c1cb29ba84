package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Every language has its own slugs; an old slug or another language's slug answers 301 with the current
 * address. Beyond the demo this class retitles one English question and one Arabic translation.
 */
class LocalizedAddressesTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    static final String EN_TOPIC = "benign-neonatal-sleep-myoclonus";
    static final String AR_TOPIC = "الرمع-العضلي-الحميد-أثناء-نوم-حديثي-الولادة";
    static final String EN_QUESTION = "what-does-sleep-myoclonus-look-like";
    static final String AR_QUESTION = "كيف-يبدو-الرمع-العضلي-أثناء-النوم";
    static final String EN_OLD = "is-it-normal-for-babies-to-twitch-in-their-sleep";
    static final String EN_NEW = "is-twitching-in-sleep-normal-for-a-baby";
    static final String AR_OLD = "هل-من-الطبيعي-أن-ينتفض-الرضيع-أثناء-نومه";
    static final String AR_NEW = "هل-انتفاض-الرضيع-في-نومه-أمر-طبيعي";

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        Editorial editorial = new Editorial(app.app());
        long twitch = editorial.questionId("Is it normal for babies to twitch in their sleep?");
        String body = editorial.latest(twitch, "en").text().body();
        editorial.publishSource(twitch, "Is twitching in sleep normal for a baby?", body, SourceChange.MINOR);
        String arabicBody = editorial.latest(twitch, "ar").text().body();
        editorial.publishTranslation(twitch, "ar", "هل انتفاض الرضيع في نومه أمر طبيعي؟", arabicBody);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void eachLanguage_hasItsOwnSlugs_percentEncodedInLinks() throws Exception {
        assertThat(topicLink("en")).isEqualTo("/en/" + EN_TOPIC + "/");
        assertThat(topicLink("ar")).isEqualTo("/ar/" + encode(AR_TOPIC) + "/")
                .matches("/ar/(%[0-9A-F]{2}|-)+/");
        assertThat(topicLink("es")).isEqualTo("/es/mioclonia-neonatal-benigna-del-sueno/");
        assertThat(app.page(path("ar", AR_TOPIC, AR_QUESTION)).selectFirst("h1").text())
                .isEqualTo("كيف يبدو الرمع العضلي أثناء النوم؟");
    }

    @Test
    void theEnglishSlugsUnderArabic_movePermanentlyToTheArabicAddress() throws Exception {
        assertMoved(path("ar", EN_TOPIC, null), path("ar", AR_TOPIC, null));
        assertMoved(path("ar", EN_TOPIC, EN_QUESTION), path("ar", AR_TOPIC, AR_QUESTION));
        assertMoved(path("ar", AR_TOPIC, EN_QUESTION), path("ar", AR_TOPIC, AR_QUESTION));
    }

    @Test
    void theArabicSlugsUnderEnglish_movePermanentlyToTheEnglishAddress() throws Exception {
        assertMoved(path("en", AR_TOPIC, null), path("en", EN_TOPIC, null));
        assertMoved(path("en", AR_TOPIC, AR_QUESTION), path("en", EN_TOPIC, EN_QUESTION));
        assertMoved(path("en", EN_TOPIC, AR_QUESTION), path("en", EN_TOPIC, EN_QUESTION));
    }

    @Test
    void anotherTranslationsSlug_movesToTheLanguageOfTheAddress() throws Exception {
        String spanishTopic = decode(topicLink("es")).split("/")[2];
        assertMoved(path("ar", spanishTopic, null), path("ar", AR_TOPIC, null));
        assertMoved(path("en", spanishTopic, null), path("en", EN_TOPIC, null));
    }

    @Test
    void anOldEnglishSlug_movesPermanentlyToTheCurrentOne() throws Exception {
        assertMoved(path("en", EN_TOPIC, EN_OLD), path("en", EN_TOPIC, EN_NEW));
        assertThat(app.page(path("en", EN_TOPIC, EN_NEW)).selectFirst("h1").text())
                .isEqualTo("Is twitching in sleep normal for a baby?");
    }

    @Test
    void anOldArabicSlug_movesPermanentlyToTheCurrentOne_andTheOldEnglishOneToo() throws Exception {
        assertMoved(path("ar", AR_TOPIC, AR_OLD), path("ar", AR_TOPIC, AR_NEW));
        assertMoved(path("ar", AR_TOPIC, EN_OLD), path("ar", AR_TOPIC, AR_NEW));
        assertThat(app.page(path("ar", AR_TOPIC, AR_NEW)).selectFirst("h1").text())
                .isEqualTo("هل انتفاض الرضيع في نومه أمر طبيعي؟");
    }

    @Test
    void lowerCasePercentEncoding_reachesTheSamePage_whoseCanonicalAddressIsUpperCase() throws Exception {
        String lower = path("ar", AR_TOPIC, AR_QUESTION).toLowerCase(Locale.ROOT);
        HttpResponse<String> response = app.get(lower);
        assertThat(response.statusCode()).isEqualTo(200);
        String canonical = org.jsoup.Jsoup.parse(response.body()).selectFirst("link[rel=canonical]").attr("href");
        assertThat(canonical).isEqualTo(app.base() + path("ar", AR_TOPIC, AR_QUESTION));
    }

    @Test
    void aMissingOrExtraTrailingSlash_movesToTheCanonicalAddress() throws Exception {
        assertMoved("/ar/" + encode(AR_TOPIC), path("ar", AR_TOPIC, null));
        assertMoved(path("ar", AR_TOPIC, AR_QUESTION) + "/", path("ar", AR_TOPIC, AR_QUESTION));
        assertMoved("/ar", "/ar/");
    }

    @Test
    void aSlugThatNeverExisted_isNotFound_inEnglishAndArabic() throws Exception {
        assertThat(app.get(path("en", EN_TOPIC, "no-such-question")).statusCode()).isEqualTo(404);
        assertThat(app.get(path("ar", "لا-يوجد", null)).statusCode()).isEqualTo(404);
        assertThat(app.get(path("ar", AR_TOPIC, "لا-يوجد")).statusCode()).isEqualTo(404);
        Document arabic404 = org.jsoup.Jsoup.parse(app.get(path("ar", AR_TOPIC, "لا-يوجد")).body());
        assertThat(arabic404.selectFirst("h1").text()).isEqualTo("الصفحة غير موجودة");
    }

    private static void assertMoved(String from, String to) throws Exception {
        HttpResponse<String> response = app.get(from);
        assertThat(response.statusCode()).as(from).isEqualTo(301);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(URI.create(location).getRawPath()).as(decode(from)).isEqualTo(to);
        assertThat(app.get(to).statusCode()).as(decode(to)).isEqualTo(200);
    }

    private static String topicLink(String lang) throws Exception {
        return app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
    }

    private static String path(String lang, String topic, String question) {
        return "/" + lang + "/" + encode(topic) + "/" + (question == null ? "" : encode(question));
    }

    private static String encode(String slug) {
        return java.net.URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    private static String decode(String path) {
        return URLDecoder.decode(path, StandardCharsets.UTF_8);
    }
}
