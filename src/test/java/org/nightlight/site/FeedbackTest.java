package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.RawHttp;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

class FeedbackTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    /** Every test posts as its own client (127.0.0.x) so that rate limits of one never touch another. */
    static final AtomicInteger CLIENTS = new AtomicInteger(10);

    static final String QUESTION_EN = "/en/benign-neonatal-sleep-myoclonus/when-does-sleep-myoclonus-stop";

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String newClient() {
        return "127.0.0." + CLIENTS.incrementAndGet();
    }

    static String origin() {
        return app.base();
    }

    static RawHttp.Response post(String client, String questionPath, String form, Map<String, String> headers)
            throws Exception {
        return RawHttp.postForm(client, app.app().port(), questionPath + "/feedback", headers, form);
    }

    static RawHttp.Response post(String client, String questionPath, String form) throws Exception {
        return post(client, questionPath, form, Map.of("Origin", origin()));
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static long count() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from feedback")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The newest row: language, helpful, comment, and whether item and revision are the question's live ones. */
    static Map<String, Object> newest() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        select f.language_code, f.helpful, f.comment, r.title, r.language_code,
                               exists (select 1 from publications p where p.revision_id = f.revision_id
                                       and p.item_id = f.item_id and p.ended_at is null)
                        from feedback f join revisions r on r.id = f.revision_id
                        order by f.id desc limit 1""")) {
            rs.next();
            Map<String, Object> row = new HashMap<>();
            row.put("language", rs.getString(1));
            row.put("helpful", rs.getBoolean(2));
            row.put("comment", rs.getString(3));
            row.put("title", rs.getString(4));
            row.put("textLanguage", rs.getString(5));
            row.put("live", rs.getBoolean(6));
            return row;
        }
    }

    static String arabicQuestionPath() throws Exception {
        Document home = app.page("/ar/");
        Document topic = app.page(home.selectFirst("main ul.topics a").attr("href"));
        return topic.selectFirst("nav.toc a").attr("href");
    }

    @Test
    void questionPage_hasAPlainFeedbackForm_thatNeedsNoScriptAndSetsNoCookie() throws Exception {
        HttpResponse<String> response = app.get(QUESTION_EN);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        Document page = Jsoup.parse(response.body());
        Element form = page.selectFirst("section#feedback form");
        assertThat(form).isNotNull();
        assertThat(form.attr("method")).isEqualTo("post");
        assertThat(form.attr("action")).isEqualTo(QUESTION_EN + "/feedback");
        assertThat(form.select("input[type=radio][name=helpful]").eachAttr("value")).containsExactly("yes", "no");
        assertThat(form.selectFirst("legend").text()).isEqualTo("Was this answer helpful?");
        assertThat(form.selectFirst("textarea[name=comment]").attr("maxlength")).isEqualTo("500");
        // JSON-LD is data, not script; nothing executable is on the page
        assertThat(page.select("script:not([type=application/ld+json])")).isEmpty();
    }

    @Test
    void yesWithAComment_isStoredForEditors_andTheReaderSeesThanksOnTheAnswer() throws Exception {
        long before = count();
        RawHttp.Response response = post(newClient(), QUESTION_EN,
                "helpful=yes&comment=" + enc("Clear, thank you – it reassured us."));
        assertThat(response.status()).isEqualTo(303);
        assertThat(response.header("Location")).endsWith(QUESTION_EN + "?feedback=thanks#feedback");
        assertThat(response.header("Set-Cookie")).isNull();
        assertThat(count()).isEqualTo(before + 1);
        Map<String, Object> row = newest();
        assertThat(row).containsEntry("language", "en").containsEntry("helpful", true)
                .containsEntry("comment", "Clear, thank you – it reassured us.")
                .containsEntry("title", "When does sleep myoclonus stop?").containsEntry("live", true);

        Document thanks = app.page(QUESTION_EN + "?feedback=thanks");
        assertThat(thanks.selectFirst("#feedback .feedback-thanks").text())
                .isEqualTo("Thank you for your feedback. It helps us improve these answers.");
        assertThat(thanks.select("#feedback form")).isEmpty();
        assertThat(app.page(QUESTION_EN).select(".feedback-thanks")).isEmpty();
    }

    @Test
    void editors_getTheAnswersNewestFirst_andCountsPerItemAndLanguage() throws Exception {
        String question = arabicQuestionPath();
        post(newClient(), question, "helpful=yes");
        post(newClient(), question, "helpful=no&comment=" + enc("أين المصادر؟"));
        var feedback = app.app().services().feedback();
        var newest = feedback.recent(1).get(0);
        assertThat(newest.languageCode()).isEqualTo("ar");
        assertThat(newest.helpful()).isFalse();
        assertThat(newest.comment()).isEqualTo("أين المصادر؟");
        var summary = feedback.summary().stream()
                .filter(s -> s.itemId() == newest.itemId() && s.languageCode().equals("ar")).findFirst().orElseThrow();
        assertThat(summary.helpful()).isGreaterThanOrEqualTo(1);
        assertThat(summary.notHelpful()).isGreaterThanOrEqualTo(1);
        assertThat(summary.comments()).isGreaterThanOrEqualTo(1);
        assertThat(summary.helpful() + summary.notHelpful()).isEqualTo(countFor(newest.itemId(), "ar"));
    }

    static long countFor(long itemId, String lang) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from feedback where item_id = " + itemId
                        + " and language_code = '" + lang + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void arabic_formAndThanksAreInArabic_andTheAnswerIsStoredWithItsLanguage() throws Exception {
        String question = arabicQuestionPath();
        Document page = app.page(question);
        assertThat(page.selectFirst("#feedback legend").text()).isEqualTo("هل كانت هذه الإجابة مفيدة؟");
        assertThat(page.selectFirst("#feedback label[for=feedback-no]").text()).isEqualTo("لا");

        RawHttp.Response response = post(newClient(), question, "helpful=no&comment=" + enc("غير واضح"));
        assertThat(response.status()).isEqualTo(303);
        Map<String, Object> row = newest();
        assertThat(row).containsEntry("language", "ar").containsEntry("helpful", false)
                .containsEntry("comment", "غير واضح").containsEntry("textLanguage", "ar");
        Document thanks = app.page(question + "?feedback=thanks");
        assertThat(thanks.selectFirst(".feedback-thanks").text()).startsWith("شكرًا");
    }

    @Test
    void noYesOrNo_isA400InTheReadersLanguage_namingTheProblem_keepingTheComment_andStoringNothing() throws Exception {
        long before = count();
        RawHttp.Response english = post(newClient(), QUESTION_EN, "comment=" + enc("I typed this"));
        assertThat(english.status()).isEqualTo(400);
        assertThat(english.header("Cache-Control")).isEqualTo("no-store");
        Document page = Jsoup.parse(english.body());
        assertThat(page.selectFirst("[role=alert]").text()).isEqualTo("Please choose “Yes” or “No”.");
        assertThat(page.selectFirst("textarea[name=comment]").text()).isEqualTo("I typed this");
        assertThat(page.select("h1")).hasSize(1);

        RawHttp.Response arabic = post(newClient(), arabicQuestionPath(), "helpful=maybe");
        assertThat(arabic.status()).isEqualTo(400);
        Document arabicPage = Jsoup.parse(arabic.body());
        assertThat(arabicPage.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(arabicPage.selectFirst("[role=alert]").text()).isEqualTo("يُرجى اختيار «نعم» أو «لا».");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aCommentOver500Characters_isA400SayingSo_while500Exactly_isAccepted() throws Exception {
        long before = count();
        RawHttp.Response tooLong = post(newClient(), QUESTION_EN, "helpful=no&comment=" + enc("é".repeat(501)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(Jsoup.parse(tooLong.body()).selectFirst("[role=alert]").text())
                .isEqualTo("Your comment is longer than 500 characters. Please shorten it.");
        assertThat(Jsoup.parse(tooLong.body()).selectFirst("#feedback-no").hasAttr("checked")).isTrue();
        assertThat(count()).isEqualTo(before);

        assertThat(post(newClient(), QUESTION_EN, "helpful=no&comment=" + enc("é".repeat(500))).status()).isEqualTo(303);
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void controlCharactersAndDirectionOverrides_areRemovedFromTheComment() throws Exception {
        RawHttp.Response response = post(newClient(), QUESTION_EN,
                "helpful=yes&comment=" + enc("a\u0000b\u202Ec\u001b\r\nd\t!  "));
        assertThat(response.status()).isEqualTo(303);
        assertThat(newest()).containsEntry("comment", "abc\nd\t!");
    }

    @Test
    void malformedOrOversizedInput_isA4xx_neverA500() throws Exception {
        assertThat(post(newClient(), QUESTION_EN, "helpful=%ZZ&comment=%E0%A4%A").status()).isEqualTo(400);
        assertThat(post(newClient(), QUESTION_EN, "&&&==&").status()).isEqualTo(400);
        assertThat(post(newClient(), QUESTION_EN, "helpful=yes&comment=" + "x".repeat(20_000)).status()).isEqualTo(413);
        RawHttp.Response json = RawHttp.send(newClient(), app.app().port(), "POST", QUESTION_EN + "/feedback",
                Map.of("Origin", origin(), "Content-Type", "application/json"), "{\"helpful\":true}".getBytes());
        assertThat(json.status()).isEqualTo(415);
        assertThat(post(newClient(), "/en/benign-neonatal-sleep-myoclonus/no-such-question", "helpful=yes").status())
                .isEqualTo(404);
        assertThat(app.get(QUESTION_EN + "/feedback").statusCode()).isEqualTo(405);
    }

    @Test
    void aPostFromAnotherSite_orWithoutAnyOriginInformation_isRefused_andNothingStored() throws Exception {
        long before = count();
        Map<String, Map<String, String>> refused = Map.of(
                "other origin", Map.of("Origin", "https://evil.example"),
                "null origin", Map.of("Origin", "null"),
                "same host, other port", Map.of("Origin", "http://127.0.0.1:1"),
                "cross-site fetch", Map.of("Sec-Fetch-Site", "cross-site", "Origin", origin()),
                "other referer", Map.of("Referer", "https://evil.example" + QUESTION_EN),
                "nothing", Map.of());
        for (var entry : refused.entrySet()) {
            RawHttp.Response response = post(newClient(), QUESTION_EN, "helpful=yes", entry.getValue());
            assertThat(response.status()).as(entry.getKey()).isEqualTo(403);
            assertThat(Jsoup.parse(response.body()).selectFirst("[role=alert]").text()).as(entry.getKey())
                    .startsWith("This form can only be sent from a page of this website.");
        }
        assertThat(count()).isEqualTo(before);

        assertThat(post(newClient(), QUESTION_EN, "helpful=yes", Map.of("Referer", origin() + QUESTION_EN)).status())
                .as("same-site referer").isEqualTo(303);
        assertThat(post(newClient(), QUESTION_EN, "helpful=yes", Map.of("Sec-Fetch-Site", "same-origin")).status())
                .as("same-origin fetch").isEqualTo(303);
        assertThat(count()).isEqualTo(before + 2);
    }

    @Test
    void theSixthPostIn10MinutesFromOneClient_isAFriendly429_storingNothing_whileOtherClientsGoOn() throws Exception {
        String client = newClient();
        String arabic = arabicQuestionPath();
        long before = count();
        for (int i = 0; i < 5; i++) {
            assertThat(post(client, arabic, "helpful=yes").status()).as("post %d", i + 1).isEqualTo(303);
        }
        RawHttp.Response limited = post(client, arabic, "helpful=yes&comment=one+more");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("600");
        assertThat(limited.header("Cache-Control")).isEqualTo("no-store");
        Document page = Jsoup.parse(limited.body());
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("ar");
        assertThat(page.selectFirst("h1").text()).isEqualTo("يُرجى الانتظار بضع دقائق");
        assertThat(page.text()).doesNotContain("Exception");
        assertThat(count()).isEqualTo(before + 5);

        assertThat(post(newClient(), arabic, "helpful=yes").status()).as("another client").isEqualTo(303);
        assertThat(count()).isEqualTo(before + 6);
    }
}
