package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.RevisionRef;

/**
 * The paragraph view over HTTP, on the demo's question whose English text gained a paragraph after it was
 * translated: marks, suggestions, glossary terms, and what saving makes of the boxes.
 */
class ParagraphViewTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String QUESTION = "When does sleep myoclonus stop?";
    static final String ADDED = "إذا استمرت الرعشات بعد عمر 6 أشهر، يُرجى أن يفحصها الطبيب.";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static Editorial editorial;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD)),
                App::loadDemoIfWanted);
        editorial = new Editorial(app.app());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void afterASourceEdit_onlyTheAddedParagraphIsNew_andTheOthersKeepTheirFrench() throws Exception {
        AdminClient translator = signIn("translator-fr");
        Document page = translator.page(path("fr"));

        assertThat(page.select("h1").text()).startsWith("Paragraph view");
        assertThat(page.select(".unit .unit-mark").eachText())
                .containsExactly("unchanged", "unchanged", "unchanged", "unchanged", "unchanged", "new");
        assertThat(page.select(".notice").text()).contains("1 part changed or added in the source since revision");
        List<String> boxes = page.select(".unit textarea").stream().map(Element::wholeText).toList();
        assertThat(boxes.get(0)).isEqualTo(editorial.latest(item(), "fr").text().title())
                .startsWith("Quand les myoclonies du sommeil disparaissent-elles");
        assertThat(boxes.get(2)).startsWith("chez environ 2 bébés sur 3, vers l’âge de 3 mois");
        assertThat(boxes.get(5)).isEmpty();
        // the unchanged ones are in the memory, exactly
        assertThat(page.select(".unit").get(2).select(".suggestion .score").eachText()).contains("Exact match");
        // the editor's page links here
        assertThat(translator.page(path("fr").replace("/paragraphs", "/edit")).select(".workbench-link a").attr("href"))
                .isEqualTo(path("fr"));
    }

    @Test
    void saving_joinsTheBoxesIntoTheSourcesStructure_asTheNextRevision() throws Exception {
        AdminClient translator = signIn("translator-ar");
        RevisionRef before = editorial.latest(item(), "ar");
        Document page = translator.page(path("ar"));
        List<Map.Entry<String, String>> form = fields(page);
        set(form, last(page), ADDED);
        set(form, "note", "فقرة جديدة");
        form.add(Map.entry("action", "save"));

        HttpResponse<String> saved = translator.postFields(path("ar"), form);

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        // the checks have something to say about it (as the full editor, the page says what, after saving)
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith(path("ar") + "?done=saved");
        RevisionRef after = editorial.latest(item(), "ar");
        assertThat(after.number()).isEqualTo(before.number() + 1);
        assertThat(after.text().body()).isEqualTo(before.text().body() + "\n\n" + ADDED);
        assertThat(after.text().title()).isEqualTo(before.text().title());
        assertThat(after.baseSourceRevisionId()).isEqualTo(editorial.latest(item(), "en").id());
        assertThat(after.changeNote()).isEqualTo("فقرة جديدة");
    }

    @Test
    void useThisSuggestion_fillsThatBoxOnly_keepingEverythingTyped() throws Exception {
        AdminClient translator = signIn("translator-es");
        Document page = translator.page(path("es"));
        Element second = page.select(".unit").get(1);
        String suggestion = second.select(".suggestion-text").first().text();
        List<Map.Entry<String, String>> form = fields(page);
        set(form, second.select("textarea").attr("name"), "borrador a medias");
        set(form, last(page), "Texto nuevo <b>sin guardar</b>");
        form.add(Map.entry("insert", second.select(".suggestion button").first().attr("value")));

        HttpResponse<String> response = translator.postFields(path("es"), form);

        assertThat(response.statusCode()).isEqualTo(200);
        Document shown = Jsoup.parse(response.body());
        assertThat(shown.select(".unit").get(1).select("textarea").text()).isEqualTo(suggestion);
        assertThat(shown.select(".unit").last().select("textarea").text()).isEqualTo("Texto nuevo <b>sin guardar</b>");
        assertThat(response.body()).doesNotContain("<b>sin guardar</b>");
        assertThat(shown.select(".notice[role=status]").text()).contains("Nothing is saved yet");
    }

    @Test
    void saveAndSubmit_stoppedByTheNumbersCheck_comesBackHereWithTheText_andGoesToReviewOnceFixed() throws Exception {
        AdminClient translator = signIn("translator-fr");
        long id = editorial.questionId("Is sleep myoclonus a seizure?");
        String paragraphs = "/admin/items/" + id + "/fr/paragraphs";
        Document page = translator.page(paragraphs);
        String ages = unitContaining(page, "entre 4 et 8 mois");
        List<Map.Entry<String, String>> form = fields(page);
        String typed = value(form, ages).replace("entre 4 et 8 mois", "entre 4 et 6 mois");
        set(form, ages, typed);
        form.add(Map.entry("action", "submit"));

        HttpResponse<String> submitted = translator.postFields(paragraphs, form);

        assertThat(submitted.statusCode()).isEqualTo(303);
        String refusedAt = submitted.headers().firstValue("Location").orElseThrow();
        assertThat(refusedAt).endsWith(paragraphs + "?refused=workflow.error.checksFailed");
        Document refused = translator.page(refusedAt.replace(app.base(), ""));
        assertThat(refused.select("main > .form-error").text()).startsWith("Not sent to review: blocking automatic"
                + " checks failed.");
        assertThat(refused.select(".checks .form-error").text()).isEqualTo("Blocking checks that failed: Numbers.");
        assertThat(refused.select(".checks .finding.severity-BLOCKING").text()).contains("8 months").contains("6 mois");
        assertThat(refused.select("textarea[name=" + ages + "]").first().wholeText()).isEqualTo(typed);
        assertThat(translator.page("/admin/items/" + id + "/fr").select(".status .badge").text()).isEqualTo("Draft");

        List<Map.Entry<String, String>> fixed = fields(refused);
        set(fixed, ages, typed.replace("entre 4 et 6 mois", "entre 4 et 8 mois"));
        fixed.add(Map.entry("action", "submit"));
        HttpResponse<String> resubmitted = translator.postFields(paragraphs, fixed);

        assertThat(resubmitted.headers().firstValue("Location").orElseThrow()).endsWith("/fr?done=submitted");
        assertThat(translator.page("/admin/items/" + id + "/fr").select(".status .badge").text())
                .isEqualTo("In review");
        assertThat(editorial.latest(id, "fr").text().body()).contains("entre 4 et 8 mois");
    }

    @Test
    void anEmptyBox_isRefused_namingIt_withTheOtherBoxesKept() throws Exception {
        AdminClient translator = signIn("translator-ar");
        Document page = translator.page(path("ar"));
        List<Map.Entry<String, String>> form = fields(page);
        set(form, page.select(".unit").get(1).select("textarea").attr("name"), "نص مكتوب");
        set(form, last(page), " \n ");
        form.add(Map.entry("action", "save"));
        long revisions = Rows.count(db, "revisions");

        HttpResponse<String> response = translator.postFields(path("ar"), form);

        assertThat(response.statusCode()).isEqualTo(400);
        Document shown = Jsoup.parse(response.body());
        assertThat(shown.select(".unit").last().select(".field-error").text()).isNotEmpty();
        assertThat(shown.select(".unit").last().select("textarea").attr("aria-invalid")).isEqualTo("true");
        assertThat(shown.select(".unit").get(1).select("textarea").text()).isEqualTo("نص مكتوب");
        assertThat(Rows.count(db, "revisions")).isEqualTo(revisions);
    }

    @Test
    void aSourceThatMovedOnMeanwhile_isSaid_andNothingIsSaved() throws Exception {
        AdminClient translator = signIn("translator-fr");
        List<Map.Entry<String, String>> form = fields(translator.page(path("fr")));
        form.replaceAll(e -> e.getKey().equals("sourceRevision") ? Map.entry("sourceRevision", "1") : e);
        form.add(Map.entry("action", "save"));

        HttpResponse<String> response = translator.postFields(path("fr"), form);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(response.body()).select(".form-error").text()).contains("source text changed");
    }

    @Test
    void anotherLanguagesTranslator_isRefused() throws Exception {
        AdminClient spanish = signIn("translator-es");
        assertThat(spanish.get(path("fr")).statusCode()).isEqualTo(403);
        assertThat(spanish.post(path("fr"), "action", "save").statusCode()).isEqualTo(403);
    }

    @Test
    void glossaryTermsOfAUnit_areShownBesideIt_escaped() throws Exception {
        AdminClient reviewer = signIn("reviewer-fr");
        reviewer.page("/admin/glossary?target=fr");
        HttpResponse<String> added = reviewer.post("/admin/glossary", "target", "fr", "term", "babies",
                "translation", "bébés <i>", "note", "pas « nourrissons »");
        assertThat(added.statusCode()).isEqualTo(303);

        Document page = signIn("translator-fr").page(path("fr"));

        Element list = page.select(".unit").get(2);
        assertThat(list.select(".unit-terms li").text()).contains("babies").contains("bébés <i>")
                .contains("pas « nourrissons »");
        assertThat(list.select(".unit-terms i")).isEmpty();
    }

    @Test
    void glossaryPage_formsForThoseWhoKeepIt_refusalForOthers() throws Exception {
        AdminClient reviewer = signIn("reviewer-es");
        assertThat(reviewer.page("/admin/glossary?target=es").select("form.glossary-add")).hasSize(1);
        assertThat(reviewer.page("/admin/glossary?target=fr").select("form.glossary-add")).isEmpty();
        HttpResponse<String> refused = reviewer.post("/admin/glossary", "target", "fr", "term", "sleep",
                "translation", "sommeil");
        assertThat(refused.statusCode()).isEqualTo(403);
        HttpResponse<String> empty = reviewer.post("/admin/glossary", "target", "es", "term", "sleep",
                "translation", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(empty.body()).select("#term").attr("value")).isEqualTo("sleep");
        assertThat(Jsoup.parse(empty.body()).select("#translation-error").text()).isNotEmpty();

        AdminClient translator = signIn("translator-es");
        assertThat(translator.page("/admin/glossary?target=es").select("form.glossary-add")).isEmpty();
        assertThat(translator.post("/admin/glossary", "target", "es", "term", "sleep", "translation", "sueño")
                .statusCode()).isEqualTo(403);
        assertThat(Rows.strings(db, "select count(*) from glossary_terms where term = 'sleep'")).containsExactly("0");
    }

    // --- helpers --------------------------------------------------------------------------------------

    private static long item() {
        return editorial.questionId(QUESTION);
    }

    private static String path(String lang) {
        return "/admin/items/" + item() + "/" + lang + "/paragraphs";
    }

    /** What the browser would send: every field of the form as shown, without its buttons. */
    private static List<Map.Entry<String, String>> fields(Document page) {
        List<Map.Entry<String, String>> form = new ArrayList<>();
        for (Element field : page.select("form.paragraphs-form input, form.paragraphs-form textarea")) {
            String value = field.tagName().equals("textarea") ? field.wholeText() : field.attr("value");
            form.add(Map.entry(field.attr("name"), value));
        }
        return form;
    }

    private static void set(List<Map.Entry<String, String>> form, String name, String value) {
        form.replaceAll(e -> e.getKey().equals(name) ? Map.entry(name, value) : e);
    }

    private static String unitContaining(Document page, String text) {
        return page.select(".unit textarea").stream().filter(t -> t.wholeText().contains(text)).findFirst()
                .orElseThrow().attr("name");
    }

    private static String value(List<Map.Entry<String, String>> form, String name) {
        return form.stream().filter(e -> e.getKey().equals(name)).findFirst().orElseThrow().getValue();
    }

    private static String last(Document page) {
        return page.select(".unit").last().select("textarea").attr("name");
    }

    private static AdminClient signIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, PASSWORD).statusCode()).isEqualTo(303);
        return client;
    }
}
