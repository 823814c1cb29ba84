package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * The automatic checks in the admin, on the demo's French translation of "Is sleep myoclonus a seizure?": a
 * changed age is shown after saving and keeps the text from review; fixed, it goes to review, and the review
 * screen lists the warning left (a dropped negation).
 */
class TranslationChecksAdminTest {

    static final String PASSWORD = "correct horse battery staple 42";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aBlockingFailureRefusesSubmission_untilFixed_andTheReviewScreenListsTheWarnings() throws Exception {
        AdminClient translator = signIn("translator-fr");
        long id = itemId(translator, "Is sleep myoclonus a seizure?");
        String editor = "/admin/items/" + id + "/fr/edit";
        Document form = translator.page(editor);
        String title = form.select("#title").val();
        String body = form.select("#body").text();
        assertThat(body).contains("entre 4 et 8 mois").contains("ne sont pas une épilepsie");
        assertThat(form.select(".checks .notice").text()).isEqualTo("Every automatic check passed.");

        // saved with a wrong age: the editor shows what the checks found
        String wrongAge = body.replace("entre 4 et 8 mois", "entre 4 et 6 mois");
        HttpResponse<String> saved = translator.post(editor, "basedOn", "1", "title", title, "slug", "",
                "body", wrongAge, "sources", "", "note", "", "action", "save");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith(editor + "?done=saved");
        Document afterSave = translator.page(editor + "?done=saved");
        assertThat(afterSave.select(".notice[role=status]").text()).isEqualTo("Saved as a draft.");
        assertThat(afterSave.select(".checks .finding.severity-BLOCKING").eachText()).containsExactly(
                "Blocking Numbers · Paragraph 4 · In the source, not in the translation: 8 months What this checks"
                        + " Every number of the source (doses, ages, durations, temperatures) must be in the"
                        + " translation with the same value, as often, and no other. The value counts, not the"
                        + " writing: 38 °C, 38,0 °C and ٣٨ °C are the same.",
                "Blocking Numbers · Paragraph 4 · In the translation, not in the source: 6 mois What this checks"
                        + " Every number of the source (doses, ages, durations, temperatures) must be in the"
                        + " translation with the same value, as often, and no other. The value counts, not the"
                        + " writing: 38 °C, 38,0 °C and ٣٨ °C are the same.");

        // submitted as it is: refused, the draft kept, the refusal and the failing check named on the editor
        HttpResponse<String> submitted = translator.post(editor, "basedOn", "2", "title", title, "slug", "",
                "body", wrongAge, "sources", "", "note", "", "action", "submit");
        assertThat(submitted.headers().firstValue("Location").orElseThrow())
                .endsWith(editor + "?refused=workflow.error.checksFailed");
        Document refused = translator.page(editor + "?refused=workflow.error.checksFailed");
        assertThat(refused.select("main > .form-error").text()).startsWith("Not sent to review: blocking automatic"
                + " checks failed.");
        assertThat(refused.select(".checks .form-error").text()).isEqualTo("Blocking checks that failed: Numbers.");
        assertThat(refused.select("#body").text()).contains("entre 4 et 6 mois");
        Document item = translator.page("/admin/items/" + id + "/fr");
        assertThat(item.select(".status .badge").text()).isEqualTo("Draft");

        // the submit button of the item page is refused the same way, and leads to the review screen's list
        String revisionSubmit = item.select("form[action$=/submit]").attr("action");
        HttpResponse<String> fromItemPage = translator.post(revisionSubmit);
        assertThat(fromItemPage.headers().firstValue("Location").orElseThrow())
                .endsWith("?refused=workflow.error.checksFailed");
        Document revision = translator.page(fromItemPage.headers().firstValue("Location").orElseThrow()
                .replace(app.base(), ""));
        assertThat(revision.select(".form-error").first().text()).startsWith("Not sent to review");
        assertThat(revision.select(".checks .finding").text()).contains("8 months").contains("6 mois");

        // the age fixed, a negation lost: it goes to review, where the reviewer sees the warning
        String noNegation = body.replace("Non, les myoclonies du sommeil ne sont pas une épilepsie.",
                "Les myoclonies du sommeil sont une forme bénigne d’épilepsie.");
        // (submitting the unchanged draft made no revision: the fix is based on revision 2)
        HttpResponse<String> fixed = translator.post(editor, "basedOn", "2", "title", title, "slug", "",
                "body", noNegation, "sources", "", "note", "", "action", "submit");
        assertThat(fixed.headers().firstValue("Location").orElseThrow()).endsWith("/fr?done=submitted");

        AdminClient reviewer = signIn("reviewer-fr");
        Document reviewerItem = reviewer.page("/admin/items/" + id + "/fr");
        String review = reviewerItem.select(".actions a[href^=/admin/revisions/]").attr("href");
        Document screen = reviewer.page(review);
        assertThat(screen.select(".checks .form-error")).isEmpty();
        assertThat(screen.select(".checks .finding").eachText()).singleElement().asString()
                .startsWith("Warning Negation · Paragraph 1 · The source says “No” here; the translation has no"
                        + " negation");
    }

    static AdminClient signIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, PASSWORD).statusCode()).as("sign-in of " + username).isEqualTo(303);
        client.get("/admin/");
        return client;
    }

    static long itemId(AdminClient client, String englishTitle) throws Exception {
        return Long.parseLong(ContentAdminTest.row(client.page("/admin/content"), englishTitle).id()
                .substring("item-".length()));
    }
}
