package org.nightlight.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.exchange.FaqParser;
import org.nightlight.exchange.ParsedQuestion;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ItemState;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.WorkflowQueries;

/**
 * The demo is what every new user reads first: no page of it may say what the scraped seed got wrong, every
 * language must carry the rewritten answers, and each rewritten answer's history must show why the workflow
 * exists (the seed text, the clinician's request for changes, the rewrite and its sign-off).
 */
class DemoContentTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final List<String> LANGUAGES = List.of("en", "es", "fr", "ar");

    /** Wrong or misleading statements of the old demo text, in each language it was published in. */
    static final List<String> WRONG = List.of(
            // adult essential myoclonus: "the jerks stay for life"
            "usually remains stable", "Essential myoclonus", "mioclonía esencial", "se mantiene estable",
            "myoclonie essentielle", "reste généralement stable", "الرمع العضلي الأساسي", "يبقى عادةً مستقرًا",
            // adult hypnic jerks and their dopamine reasoning, with a stray footnote
            "dopamine", "dopamina", "الدوبامين", "This distinction alone", "hypnic", "hípnica", "hypniques",
            "Stimulus-sensitive", "sensible a estímulos", "sensibles aux stimuli", "الحسّاس للمنبّهات",
            // false reassurance and inconsistent figures
            "as long as it only happens in sleep", "siempre que solo ocurran durante el sueño",
            "tant que ces secousses ne surviennent que pendant le sommeil",
            "ما دامت هذه الحركات لا تحدث إلا أثناء النوم",
            "60%", "60 %", "perfectly normal", "totalmente normales", "tout à fait normales", "طبيعية تمامًا",
            // text that refers to nothing, abstracts and textbook jargon
            "as previously mentioned", "but again", "Background:", "distal more than proximal", "axial",
            "alejadas del tronco", "l’extrémité des membres", "الأجزاء البعيدة من الأطراف",
            // the refused seed answers
            "Exercise is the solution", "clonazepam", "Botox", "benign myoclonic epilepsy", "IT IS INTERESTING");

    /** What every language must say on its topic page (the rewrite, not the seed). */
    static final Map<String, List<String>> KEY_FACTS = Map.of(
            "en", List.of("gently wake your baby", "stop", "Do not hold your baby’s arms or legs",
                    "Film an episode", "in about 2 babies out of 3 by 3 months of age", "in nearly all by 6 months",
                    "No medicine is needed", "EEG", "Infantile spasms", "Jitteriness", "Moro",
                    "Call your local emergency number now", "See a doctor the same day", "fontanelle"),
            "es", List.of("despierta con suavidad", "se detienen", "No le sujete los brazos ni las piernas",
                    "Grabe un episodio", "en unos 2 de cada 3 bebés", "en casi todos, hacia los 6 meses",
                    "No se necesita ningún medicamento", "EEG", "Los espasmos infantiles", "Temblores", "Moro",
                    "Llame ahora a su número local de emergencias", "Vea a un médico hoy mismo", "fontanela"),
            "fr", List.of("réveillez doucement", "s’arrêtent", "Ne lui tenez pas les bras ou les jambes",
                    "Filmez un épisode", "chez environ 2 bébés sur 3", "vers 6 mois chez presque tous",
                    "Aucun médicament n’est nécessaire", "EEG", "Les spasmes infantiles", "trémulations", "Moro",
                    "Appelez tout de suite le numéro d’urgence local", "Consultez un médecin le jour même",
                    "fontanelle"),
            "ar", List.of("أيقظوه برفق", "تتوقف", "لا تمسكوا ذراعي طفلكم أو ساقيه", "صوّروا إحدى النوبات",
                    "لدى نحو طفلين من كل 3 أطفال", "لدى جميع الأطفال تقريبًا بحلول عمر 6 أشهر",
                    "لا حاجة إلى أي دواء", "تخطيط كهربية الدماغ", "التشنجات الطفولية", "الارتعاش", "مورو",
                    "اتصلوا برقم الطوارئ المحلي فورًا", "راجعوا الطبيب في اليوم نفسه", "اليافوخ"));

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static JsonNode content;
    static Editorial editorial;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        content = new ObjectMapper().readTree(Demo.content());
        editorial = new Editorial(app.app());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    // --- what readers see ------------------------------------------------------------------------------

    @Test
    void noPublicPage_inAnyLanguage_saysWhatTheSeedGotWrong() throws Exception {
        List<String> paths = publicPages();
        assertThat(paths).hasSizeGreaterThan(4 * 13);
        List<String> found = new ArrayList<>();
        for (String path : paths) {
            HttpResponse<String> response = app.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            // the visible text and everything else a crawler reads (JSON-LD, meta descriptions)
            String page = normalized(Jsoup.parse(response.body()).text() + " " + Parser.unescapeEntities(
                    response.body(), false));
            for (String wrong : WRONG) {
                if (page.contains(normalized(wrong))) {
                    found.add(path + ": " + wrong);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyLanguage_saysTheKeyFacts_ofTheRewrite() throws Exception {
        for (String lang : LANGUAGES) {
            String topic = normalized(app.page(topicPath(lang)).text());
            for (String fact : KEY_FACTS.get(lang)) {
                assertThat(topic).as(lang + ": " + fact).contains(normalized(fact));
            }
        }
    }

    @Test
    void everyRewrittenAnswer_isLiveInEveryLanguage_withItsSources() throws Exception {
        int checked = 0;
        for (String lang : LANGUAGES) {
            Document topic = app.page(topicPath(lang));
            for (JsonNode q : rewritten()) {
                String source = q.path("source").asText();
                boolean fallback = lang.equals("fr") && source.equals(DemoContent.IN_REVIEW)
                        || lang.equals("es") && source.equals(DemoContent.LANGUAGE_CHANGES);
                JsonNode text = q.path(fallback ? "en" : lang);
                String title = normalized(text.path("title").asText());
                Element section = topic.select("section.question").stream()
                        .filter(s -> normalized(s.selectFirst("h2").text()).equals(title))
                        .findFirst().orElseThrow(() -> new AssertionError(lang + ": no section " + source));
                String firstParagraph = text.path("body").asText().split("\n\n")[0].replace("*", "");
                assertThat(normalized(section.selectFirst(".answer").text())).as(lang + ": " + source)
                        .startsWith(normalized(firstParagraph));
                assertThat(section.select(".sources a").eachAttr("href")).as(lang + ": sources of " + source)
                        .isNotEmpty().allMatch(href -> href.startsWith("https://"));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(4 * 11);
    }

    @Test
    void refusedSeedAnswers_areNotPublic_inAnyLanguage() throws Exception {
        for (JsonNode q : content.path("questions")) {
            if (!q.has("en")) {
                String slug = org.nightlight.content.Slugs.slugify(q.path("source").asText());
                assertThat(app.get(topicPath("en") + slug).statusCode()).as(slug).isEqualTo(404);
                for (String lang : LANGUAGES) {
                    assertThat(app.page(topicPath(lang)).select("section.question h2").eachText())
                            .doesNotContain(q.path("source").asText());
                }
            }
        }
    }

    // --- why the workflow exists ----------------------------------------------------------------------

    @Test
    void everyRewrittenAnswer_keepsTheSeedAsRevisionOne_refusedWithAClinicalComment_andTheRewriteSignedOff()
            throws Exception {
        WorkflowQueries queries = app.app().services().queries();
        Map<String, String> seed = seedAnswers();
        for (JsonNode q : rewritten()) {
            String source = q.path("source").asText();
            long item = editorial.questionId(source);
            List<RevisionRef> history = queries.history(item, "en");
            RevisionRef first = history.get(history.size() - 1);
            RevisionRef rewrite = history.get(history.size() - 2);
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.text().body()).as(source).isEqualTo(seed.get(source));
            assertThat(queries.reviews(first.id())).singleElement().satisfies(r -> {
                assertThat(r.kind()).isEqualTo(ReviewKind.MEDICAL);
                assertThat(r.decision()).isEqualTo(Decision.CHANGES_REQUESTED);
                assertThat(r.comment()).isEqualTo(q.path("review").asText()).startsWith("Changes needed: ");
                assertThat(r.reviewer()).isEqualTo("Dr Demo Clinician");
            });
            assertThat(queries.publications(item, "en")).noneMatch(p -> p.revisionId() == first.id());
            assertThat(rewrite.text().body()).isEqualTo(q.path("en").path("body").asText());
            assertThat(queries.reviews(rewrite.id())).singleElement().satisfies(r -> {
                assertThat(r.decision()).isEqualTo(Decision.APPROVED);
                assertThat(r.kind()).isEqualTo(ReviewKind.MEDICAL);
            });
            assertThat(queries.publications(item, "en")).anyMatch(p -> p.revisionId() == rewrite.id());
        }
    }

    @Test
    void theAdminHistory_showsTheSeedText_theCommentAndTheSignOff() throws Exception {
        AdminClient editor = new AdminClient(app.base());
        assertThat(editor.login("editor", PASSWORD).statusCode()).isEqualTo(303);
        Map<String, String> seed = seedAnswers();
        for (JsonNode q : rewritten()) {
            String source = q.path("source").asText();
            long item = editorial.questionId(source);
            Document page = editor.page("/admin/items/" + item + "/en");
            Element seedRow = page.selectFirst(".history #revision-1");
            assertThat(seedRow.text()).as(source).contains("Demo Editor",
                    "Medical sign-off: changes requested by Dr Demo Clinician", q.path("review").asText());
            Element rewriteRow = page.selectFirst(".history #revision-2");
            assertThat(rewriteRow.text()).as(source).contains("Demo Editor", q.path("note").asText(),
                    "Medical sign-off: approved by Dr Demo Clinician");
            String seedHref = seedRow.selectFirst("a[href^=/admin/revisions/]").attr("href");
            String seedPage = normalized(editor.page(seedHref).select(".as-public").text());
            String seedStart = seed.get(source).split("\n")[0].strip();
            assertThat(seedPage).as(source).contains(normalized(seedStart.substring(0, Math.min(60,
                    seedStart.length()))));
        }
    }

    @Test
    void refusedSeedAnswers_stayAtTheSeed_withTheClinicianReason() {
        WorkflowQueries queries = app.app().services().queries();
        int refused = 0;
        for (JsonNode q : content.path("questions")) {
            if (!q.has("en")) {
                long item = editorial.questionId(q.path("source").asText());
                assertThat(queries.status(item, "en").state()).isEqualTo(ItemState.CHANGES_REQUESTED);
                RevisionRef only = queries.history(item, "en").get(0);
                assertThat(only.number()).isEqualTo(1);
                assertThat(queries.reviews(only.id())).singleElement()
                        .satisfies(r -> assertThat(r.comment()).startsWith("Not for publication: "));
                refused++;
            }
        }
        assertThat(refused).isEqualTo(3);
    }

    @Test
    void theDemoKeepsItsWorkInProgress_forTheQueues() {
        WorkflowQueries queries = app.app().services().queries();
        assertThat(queries.status(editorial.questionId(DemoContent.IN_REVIEW), "fr").state())
                .isEqualTo(ItemState.IN_REVIEW);
        assertThat(queries.status(editorial.questionId(DemoContent.LANGUAGE_CHANGES), "es").state())
                .isEqualTo(ItemState.CHANGES_REQUESTED);
        for (String lang : List.of("es", "fr", "ar")) {
            assertThat(queries.status(editorial.questionId(DemoContent.MINOR_EDIT), lang).outdated()).as(lang)
                    .isTrue();
        }
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /** Home, topic and every question page in every language, and searches that show answers' words. */
    private static List<String> publicPages() throws Exception {
        Set<String> paths = new LinkedHashSet<>();
        for (String lang : LANGUAGES) {
            paths.add("/" + lang + "/");
            String topic = topicPath(lang);
            paths.add(topic);
            app.page(topic).select("nav.toc a").forEach(a -> paths.add(a.attr("href")));
            for (String query : List.of("myoclonus", "sueño", "sommeil", "النوم", "epilepsy")) {
                paths.add("/" + lang + "/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
            }
        }
        return new ArrayList<>(paths);
    }

    private static String topicPath(String lang) throws Exception {
        return app.page("/" + lang + "/").selectFirst("main ul.topics a").attr("href");
    }

    private static List<JsonNode> rewritten() {
        List<JsonNode> out = new ArrayList<>();
        content.path("questions").forEach(q -> {
            if (q.has("en")) {
                out.add(q);
            }
        });
        return out;
    }

    private static Map<String, String> seedAnswers() {
        Map<String, String> answers = new java.util.HashMap<>();
        for (ParsedQuestion q : FaqParser.parse(Demo.seed()).questions()) {
            answers.put(q.question(), q.answer());
        }
        return answers;
    }

    /** Lower case, one kind of space: French typography puts no-break spaces before : ; ? and !. */
    private static String normalized(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ').replaceAll("\\s+", " ").strip()
                .toLowerCase(Locale.ROOT);
    }
}
