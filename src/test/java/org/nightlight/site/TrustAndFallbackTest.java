package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
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
import org.nightlight.content.PublishedContent.Found;
import org.nightlight.content.PublishedContent.TopicPage;
import org.nightlight.content.SourceChange;
import org.nightlight.demo.Demo;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.web.Dates;
import org.nightlight.web.Messages;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ReviewKind;

/**
 * What a reader is told about each answer: who signed it off and when, its sources, the disclaimer and the
 * urgent-help block, and why a text is shown in another language. Beyond the demo this class publishes a
 * safety change (translations withdrawn), an English-only question, new urgent-help text and a topic without
 * one, and leaves unreviewed texts in several states.
 */
class TrustAndFallbackTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static JsonNode demoContent;
    static final Messages MESSAGES = new Messages();

    static final String SAFETY_QUESTION = "Is sleep myoclonus bad?";
    static final String SAFETY_TEXT = "SAFETY-UPDATE: the jerks are harmless, but call a doctor if they happen while"
            + " your baby is awake.";
    static final String NEW_QUESTION = "How long does each jerk last?";
    static final String URGENT_MARKER = "URGENT-CONTENT-MARKER";
    static final List<String> UNREVIEWED = List.of("UNREVIEWED-EN-DRAFT", "UNREVIEWED-AR-DRAFT",
            "UNREVIEWED-AR-SUBMITTED", "UNREVIEWED-AR-LANGUAGE-ONLY", "UNREVIEWED-EN-CHANGES-REQUESTED");

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        try (InputStream in = Demo.class.getResourceAsStream("/demo/content.json")) {
            demoContent = new ObjectMapper().readTree(in);
        }
        Editorial editorial = new Editorial(app.app());
        long topic = editorial.topicId();
        // a safety-relevant source change withdraws every translation of that question at once
        long safety = editorial.questionId(SAFETY_QUESTION);
        editorial.publishSource(safety, SAFETY_QUESTION, SAFETY_TEXT, SourceChange.SAFETY);
        // an English question nobody has translated yet, with its own source
        editorial.publishNewQuestion(topic, NEW_QUESTION, "Each jerk lasts less than a second.",
                "- Test source. <https://example.org/jerk-duration>");
        // new urgent-help text in English (minor: the translations stay live)
        var topicPage = (Found<TopicPage>) app.app().services().published()
                .topic("en", "benign-neonatal-sleep-myoclonus");
        long urgent = topicPage.value().care().get(0).advice().itemId();
        var urgentNow = editorial.latest(urgent, "en").text();
        editorial.publishSource(urgent, urgentNow.title(), urgentNow.body() + "\n\n" + URGENT_MARKER, SourceChange.MINOR);
        // a topic without urgent help
        editorial.publishNewTopic("Feeding at night", "How to feed your baby at night.", "");
        // texts that must never reach the public: drafts, submitted, half-approved, refused
        editorial.draft(editorial.questionId("Is sleep myoclonus a seizure?"), "en", "Is sleep myoclonus a seizure?",
                UNREVIEWED.get(0));
        editorial.draft(editorial.questionId("What is baby sleep myoclonus?"), "ar", "ما الرمع العضلي أثناء نوم الرضّع؟",
                UNREVIEWED.get(1));
        var workflow = app.app().services().workflow();
        var submitted = editorial.draft(editorial.questionId("Why does sleep myoclonus occur?"), "ar",
                // inside the live Arabic text, so the automatic checks let it go to review (same paragraphs)
                "لماذا يحدث الرمع العضلي أثناء النوم؟", withinLiveArabic(editorial, "Why does sleep myoclonus occur?",
                        UNREVIEWED.get(2)));
        workflow.submit(editorial.person("translator-ar"), submitted.id());
        var languageOnly = editorial.draft(editorial.questionId("Do kids grow out of sleep myoclonus?"), "ar",
                "هل يتخلّص الأطفال من الرمع العضلي أثناء النوم مع نموّهم؟",
                withinLiveArabic(editorial, "Do kids grow out of sleep myoclonus?", UNREVIEWED.get(3)));
        workflow.submit(editorial.person("translator-ar"), languageOnly.id());
        workflow.review(editorial.person("reviewer-ar"), languageOnly.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "",
                languageOnly.contentHash());
        var refused = editorial.draft(editorial.questionId("How do you prevent benign sleep myoclonus?"), "en",
                "How do you prevent benign sleep myoclonus?", UNREVIEWED.get(4));
        workflow.submit(editorial.person("editor"), refused.id());
        workflow.review(editorial.person("clinician"), refused.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                "Not like this.", refused.contentHash());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- fallback and withdrawal ----------------------------------------------------------------------

    @Test
    void aWithdrawnArabicTranslation_showsTheCurrentEnglishText_withABeingUpdatedNoticeInArabic() throws Exception {
        Document page = app.page(questionPath("ar", SAFETY_QUESTION));
        assertThat(page.selectFirst("html").attr("lang")).isEqualTo("ar");
        Element h1 = page.selectFirst("h1");
        assertThat(h1.text()).isEqualTo(SAFETY_QUESTION);
        assertThat(h1.attr("lang")).isEqualTo("en");
        assertThat(h1.attr("dir")).isEqualTo("ltr");
        Element answer = page.selectFirst("article .answer");
        assertThat(answer.text()).isEqualTo(SAFETY_TEXT);
        assertThat(answer.attr("lang")).isEqualTo("en");
        assertThat(answer.attr("dir")).isEqualTo("ltr");
        assertThat(page.selectFirst("article .notice").text()).isEqualTo(text("ar", "site.notice.beingUpdated"));
        assertThat(page.text()).doesNotContain(translation(SAFETY_QUESTION, "ar").path("title").asText());
    }

    @Test
    void aWithdrawnTranslation_onTheTopicPage_isReplacedTheSameWay_inEveryTranslatedLanguage() throws Exception {
        for (String lang : List.of("es", "fr", "ar")) {
            Element section = section(app.page(topicPath(lang)), SAFETY_QUESTION);
            assertThat(section.selectFirst(".notice").text()).isEqualTo(text(lang, "site.notice.beingUpdated"));
            assertThat(section.selectFirst(".answer").text()).isEqualTo(SAFETY_TEXT);
            assertThat(section.selectFirst(".answer").attr("lang")).isEqualTo("en");
        }
    }

    @Test
    void inEnglish_theNewSafetyTextIsShown_withoutANotice() throws Exception {
        Document page = app.page(questionPath("en", SAFETY_QUESTION));
        assertThat(page.selectFirst("article .answer").text()).isEqualTo(SAFETY_TEXT);
        assertThat(page.select(".notice")).isEmpty();
        assertThat(page.selectFirst("h1").hasAttr("lang")).isFalse();
    }

    @Test
    void aQuestionNotYetTranslated_isShownInEnglishOnArabicPages_withANotTranslatedNotice() throws Exception {
        Document page = app.page(questionPath("ar", NEW_QUESTION));
        assertThat(page.selectFirst("h1").text()).isEqualTo(NEW_QUESTION);
        assertThat(page.selectFirst("h1").attr("lang")).isEqualTo("en");
        assertThat(page.selectFirst("h1").attr("dir")).isEqualTo("ltr");
        assertThat(page.selectFirst("article .notice").text()).isEqualTo(text("ar", "site.notice.notTranslated"));
        Element onTopic = section(app.page(topicPath("ar")), NEW_QUESTION);
        assertThat(onTopic.selectFirst(".notice").text()).isEqualTo(text("ar", "site.notice.notTranslated"));
        assertThat(onTopic.selectFirst(".trust").text()).doesNotContain("Demo Arabic Reviewer");
    }

    @Test
    void unreviewedText_isNeverShown_onAnyPageInAnyLanguage() throws Exception {
        for (String lang : List.of("en", "es", "fr", "ar")) {
            StringBuilder everything = new StringBuilder(app.get(topicPath(lang)).body());
            for (Element link : app.page(topicPath(lang)).select("nav.toc a")) {
                everything.append(app.get(link.attr("href")).body());
            }
            everything.append(app.get("/sitemap.xml").body()).append(app.get("/sitemap.xml?part=1").body());
            for (String marker : UNREVIEWED) {
                assertThat(everything.toString()).as(lang + " " + marker).doesNotContain(marker);
            }
        }
        // the demo's French translation awaiting review and Spanish one with changes requested stay hidden too
        assertThat(app.get(topicPath("fr")).body())
                .doesNotContain(translation("Why does my baby wake up crying in his sleep?", "fr").path("title").asText());
        assertThat(app.get(topicPath("es")).body())
                .doesNotContain(translation("Will myoclonic jerks go away?", "es").path("title").asText());
    }

    // --- trust ---------------------------------------------------------------------------------------

    @Test
    void everyAnswerOnTheTopicPage_saysInOneLineWhoSignedItOffAndWhen() throws Exception {
        for (String lang : List.of("en", "es", "fr", "ar")) {
            List<Element> sections = app.page(topicPath(lang)).select("section.question");
            assertThat(sections).hasSizeGreaterThan(5);
            for (Element section : sections) {
                List<String> lines = section.select(".trust p").eachText().stream()
                        .map(l -> l.replaceAll("[\u2068\u2069]", "")).toList();
                assertThat(lines).as(lang + " " + section.selectFirst("h2").text()).containsExactly(
                        text(lang, "site.trust.medical", "Dr Demo Clinician", today(lang)));
            }
        }
    }

    @Test
    void everyEnglishQuestionPage_saysWhoSignedItOffWhen_andWhenItIsNextReviewed() throws Exception {
        for (String href : app.page(topicPath("en")).select("nav.toc a").eachAttr("href")) {
            List<String> lines = app.page(href).select("article .trust p").eachText();
            assertThat(lines).as(href).containsExactly(
                    text("en", "site.trust.medical", "Dr Demo Clinician, MD, paediatric neurologist (demo account)",
                            today("en")),
                    text("en", "site.nextReview", inAYear("en")));
        }
    }

    @Test
    void everyArabicQuestionPage_namesItsClinicianAndLanguageReviewer_andTheEnglishVersionItCameFrom()
            throws Exception {
        String sourceName = Locale.ENGLISH.getDisplayLanguage(Locale.forLanguageTag("ar"));
        int translated = 0;
        for (String href : app.page(topicPath("ar")).select("nav.toc a").eachAttr("href")) {
            Document page = app.page(href);
            // the names sit in Unicode isolates so Latin names keep their order inside Arabic sentences
            List<String> lines = page.select("article .trust p").eachText().stream()
                    .map(l -> l.replaceAll("[\u2068\u2069]", "")).toList();
            assertThat(page.selectFirst("article .trust p").text()).contains("\u2068Dr Demo Clinician");
            // credentials in the reader's language, also above an English text shown in fallback
            String medical = text("ar", "site.trust.medical",
                    "Dr Demo Clinician, دكتوراه في الطب، اختصاص طب أعصاب الأطفال (حساب تجريبي)", today("ar"));
            if (page.select("article .notice:not(.outdated)").isEmpty()) {
                translated++;
                assertThat(lines).as(href).containsExactly(medical,
                        text("ar", "site.trust.translated", sourceName, today("ar"),
                                "Demo Arabic Reviewer, خبرة في الترجمة الطبية (حساب تجريبي)"),
                        text("ar", "site.nextReview", inAYear("ar")));
            } else {
                assertThat(lines).as(href).containsExactly(medical, text("ar", "site.nextReview", inAYear("ar")));
            }
        }
        assertThat(translated).isGreaterThan(5);
    }

    @Test
    void sourcesAndReferences_areLinks_onTopicAndQuestionPages() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (String path : List.of(topicPath(lang), questionPath(lang, "What does sleep myoclonus look like?"))) {
                Document page = app.page(path);
                assertThat(page.select(".sources a[href]").eachAttr("href")).as(path)
                        .contains("https://doi.org/10.1542/peds.2009-1839", "https://pubmed.ncbi.nlm.nih.gov/19380069/");
                assertThat(page.selectFirst(".sources h2").text()).isEqualTo(text(lang, "site.sources"));
            }
        }
        Document question = app.page(questionPath("en", NEW_QUESTION));
        assertThat(question.select("article .sources a").eachAttr("href")).containsExactly(
                "https://example.org/jerk-duration");
        assertThat(section(app.page(topicPath("ar")), NEW_QUESTION).select(".sources a").eachAttr("href"))
                .containsExactly("https://example.org/jerk-duration");
    }

    @Test
    void thePlainMedicalDisclaimer_isOnTopicAndQuestionPages_inEnglishAndArabic() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (String path : List.of(topicPath(lang), questionPath(lang, NEW_QUESTION))) {
                assertThat(app.page(path).selectFirst("footer .disclaimer").text()).as(path)
                        .isEqualTo(text(lang, "site.disclaimer"));
            }
        }
    }

    @Test
    void theUrgentHelpBlocks_comeFromSignedOffContent_onTopicAndQuestionPages_oneStyledBlockPerCareLevel()
            throws Exception {
        for (String path : List.of(topicPath("en"), questionPath("en", "What does sleep myoclonus look like?"))) {
            Element urgent = app.page(path).selectFirst("aside.urgent");
            assertThat(urgent.selectFirst("h2").text()).isEqualTo("When to get help");
            assertThat(urgent.select("section.care").eachAttr("class"))
                    .containsExactly("care care-emergency", "care care-urgent", "care care-soon");
            assertThat(urgent.select("section.care .care-level").eachText()).containsExactly("Emergency: call now",
                    "Urgent: get advice today", "Soon: see your doctor");
            assertThat(urgent.text()).contains(URGENT_MARKER); // the newly published English text
        }
        for (String path : List.of(topicPath("ar"), questionPath("ar", "What does sleep myoclonus look like?"))) {
            Element urgent = app.page(path).selectFirst("aside.urgent");
            assertThat(urgent.select("section.care h3").eachText()).containsExactly(
                    demoContent.path("care").path("EMERGENCY").path("ar").path("title").asText(),
                    demoContent.path("care").path("URGENT").path("ar").path("title").asText(),
                    demoContent.path("care").path("SOON").path("ar").path("title").asText());
            assertThat(urgent.text()).doesNotContain(URGENT_MARKER); // the Arabic translation stays live (minor change)
            assertThat(urgent.select("[lang]")).isEmpty();
        }
    }

    @Test
    void aTopicWithoutAnUrgentHelpBlock_isShownWithoutOne() throws Exception {
        Document page = app.page("/en/feeding-at-night/");
        assertThat(page.selectFirst("h1").text()).isEqualTo("Feeding at night");
        assertThat(page.select("aside.urgent")).isEmpty();
        assertThat(page.selectFirst("footer .disclaimer")).isNotNull();
    }

    // --- helpers ------------------------------------------------------------------------------------

    private static String text(String lang, String key, Object... args) {
        return MESSAGES.get(Locale.forLanguageTag(lang), key, args).replaceAll("[\u2068\u2069]", "");
    }

    private static String today(String lang) {
        return new Dates(Locale.forLanguageTag(lang)).format(LocalDate.now(ZoneOffset.UTC));
    }

    private static String inAYear(String lang) {
        return new Dates(Locale.forLanguageTag(lang)).format(LocalDate.now(ZoneOffset.UTC).plusYears(1));
    }

    private static JsonNode translation(String englishTitle, String lang) {
        for (JsonNode q : demoContent.path("questions")) {
            if (q.path("source").asText().equals(englishTitle)) {
                return q.path(lang);
            }
        }
        throw new AssertionError("no demo translation of " + englishTitle);
    }

    private static Element section(Document topic, String title) {
        return topic.select("section.question").stream()
                .filter(s -> s.selectFirst("h2").text().equals(title))
                .findFirst().orElseThrow(() -> new AssertionError("no section " + title));
    }

    private static String topicPath(String lang) throws Exception {
        return app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
    }

    /** A question's address in a language: the link next to its title on the topic page. */
    private static String questionPath(String lang, String title) throws Exception {
        String englishHref = app.page(topicPath("en")).select("nav.toc a").stream()
                .filter(a -> a.text().equals(title)).findFirst().orElseThrow().attr("href");
        if (lang.equals("en")) {
            return englishHref;
        }
        return LanguageChoiceTest.next(app.page(englishHref).selectFirst("nav.languages a[lang=" + lang + "]")
                .attr("href"));
    }

    /** The live Arabic answer with {@code marker} added to its last paragraph. */
    private static String withinLiveArabic(Editorial editorial, String question, String marker) {
        return editorial.latest(editorial.questionId(question), "ar").text().body() + " " + marker;
    }
}
