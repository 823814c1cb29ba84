package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.content.RevisionText;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ItemState;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;

/**
 * Nothing typed is lost: the editor's draft is kept on the server (by its script, and by every post of the form),
 * survives the interface-language switch and a session that ended, and goes when the revision is saved; unchanged
 * text makes no revision; a person takes back their own submission, nobody else's, and not after a decision.
 */
class DraftsTest {

    static final String PASSWORD = "correct horse battery staple 42";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static App.Services services;
    static Editorial editorial;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        services = app.app().services();
        editorial = new Editorial(app.app());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static AdminClient signIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, PASSWORD).statusCode()).isEqualTo(303);
        return client;
    }

    static String[] fields(RevisionRef base, String body) {
        return new String[] {"title", base.text().title(), "slug", base.text().slug(), "body", body,
            "sources", base.text().sources(), "note", "clearer wording", "basedOn", String.valueOf(base.number())};
    }

    static String[] with(String[] fields, String... more) {
        List<String> all = new ArrayList<>(List.of(fields));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void theAutosavedDraft_survivesTheInterfaceLanguageSwitch_andGoesWhenTheRevisionIsSaved() throws Exception {
        long item = editorial.questionId("Is sleep myoclonus bad?");
        String edit = "/admin/items/" + item + "/fr/edit";
        AdminClient translator = signIn("translator-fr");
        translator.page(edit);
        RevisionRef latest = editorial.latest(item, "fr");
        String typed = latest.text().body() + "\n\nTexte tapé avant de changer de langue.";

        HttpResponse<String> autosaved = translator.post("/admin/items/" + item + "/fr/draft", fields(latest, typed));
        assertThat(autosaved.statusCode()).isEqualTo(204);
        HttpResponse<String> switched = translator.post("/admin/ui-language", "lang", "es", "next", edit);
        assertThat(switched.statusCode()).isEqualTo(303);

        Document reopened = translator.page(edit);
        assertThat(reopened.select("html").attr("lang")).isEqualTo("es");
        assertThat(reopened.select("textarea#body").text()).contains("Texte tapé avant de changer de langue.");
        assertThat(reopened.select("#draft-restored").text()).contains("borrador");
        assertThat(reopened.select("script[src=/static/drafts.js]")).hasSize(1);
        assertThat(translator.page("/admin/items/" + item + "/fr").select("#my-draft")).hasSize(1);

        HttpResponse<String> saved = translator.post(edit, with(fields(latest, typed), "action", "save"));
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(editorial.latest(item, "fr").text().body()).contains("Texte tapé avant de changer de langue.");
        assertThat(Rows.strings(db, "select count(*) from drafts where language_code = 'fr' and item_id = " + item))
                .containsExactly("0");
        assertThat(translator.page(edit).select("#draft-restored")).isEmpty();
    }

    @Test
    void anAutosaveLandingAfterTheFormSavedTheSameText_bringsNoStaleDraftBack() throws Exception {
        long item = editorial.publishNewQuestion(editorial.topicId(), "Does a late autosave come back?",
                "It should not.", "");
        String edit = "/admin/items/" + item + "/fr/edit";
        RevisionRef first = editorial.draft(item, "fr", "Une sauvegarde tardive revient-elle ?", "Elle ne devrait pas.");
        AdminClient translator = signIn("translator-fr");
        translator.page(edit);
        String typed = first.text().body() + "\n\nPlus une phrase.";

        // the form saves and submits revision 2, while the page's timer has the same text on its way, based on 1
        assertThat(translator.post(edit, with(fields(first, typed), "action", "submit")).statusCode()).isEqualTo(303);
        translator.post("/admin/items/" + item + "/fr/draft", fields(first, typed));

        assertThat(Rows.strings(db, "select count(*) from drafts where language_code = 'fr' and item_id = " + item))
                .containsExactly("0");
        assertThat(translator.page(edit).select("input[name=basedOn]").val()).isEqualTo("2");
    }

    @Test
    void aDraft_isDiscardedOnRequest_andOnlyWhereThePersonMayWrite() throws Exception {
        long item = editorial.questionId("Is sleep myoclonus bad?");
        AdminClient clinician = signIn("clinician");
        clinician.page("/admin/items/" + item + "/fr");
        RevisionRef latest = editorial.latest(item, "fr");
        assertThat(clinician.post("/admin/items/" + item + "/fr/draft", fields(latest, "x")).statusCode())
                .isEqualTo(403);

        AdminClient translator = signIn("translator-fr");
        translator.page("/admin/items/" + item + "/fr/edit");
        translator.post("/admin/items/" + item + "/fr/draft", fields(latest, "à jeter"));
        HttpResponse<String> discarded = translator.post("/admin/items/" + item + "/fr/draft/discard");
        assertThat(discarded.statusCode()).isEqualTo(303);
        assertThat(discarded.headers().firstValue("Location").orElseThrow()).endsWith("?done=draftDiscarded");
        assertThat(Rows.strings(db, "select count(*) from drafts where language_code = 'fr' and item_id = " + item))
                .containsExactly("0");
    }

    @Test
    void afterTheSessionEnded_signingInAgain_returnsToTheFormWithTheText() throws Exception {
        long item = editorial.questionId("What does sleep myoclonus look like?");
        String edit = "/admin/items/" + item + "/en/edit";
        AdminClient editor = signIn("editor");
        editor.page(edit);
        RevisionRef latest = editorial.latest(item, "en");
        String typed = latest.text().body() + "\n\nCall your doctor if the jerks go on when your baby is awake.";
        // as if the last request had been 31 minutes ago
        long ago = System.currentTimeMillis() - Duration.ofMinutes(31).toMillis();
        String id = editor.sessionId().orElseThrow().replaceFirst("\\..*$", "");
        Rows.execute(db, "update admin_sessions set access_time = " + ago + ", last_access_time = " + ago
                + ", expiry_time = " + (ago + Duration.ofMinutes(30).toMillis()) + " where session_id = '" + id + "'");

        HttpResponse<String> refused = editor.post(edit, with(fields(latest, typed), "action", "submit"));
        assertThat(refused.statusCode()).isEqualTo(403);
        Document recovery = Jsoup.parse(refused.body(), app.base() + edit);
        var form = recovery.selectFirst("form[action=/admin/login]");
        assertThat(form).isNotNull();
        assertThat(form.select("textarea[name=kept.body]").text()).contains("Call your doctor if the jerks go on");
        // people read labels, not the form's internal names
        assertThat(recovery.select("main label").eachText()).contains("Title", "Change note")
                .doesNotContain("basedOn", "action", "note", "slug", "kept.body", "body", "title");
        assertThat(recovery.select("main").text()).doesNotContain("basedOn", "kept.");

        List<Map.Entry<String, String>> again = new ArrayList<>();
        form.select("input[name], textarea[name]").forEach(e -> {
            String name = e.attr("name");
            String value = switch (name) {
                case "username" -> "editor";
                case "password" -> PASSWORD;
                default -> e.tagName().equals("textarea") ? e.wholeText() : e.attr("value");
            };
            again.add(Map.entry(name, value));
        });
        HttpResponse<String> signedIn = editor.postFields("/admin/login", again);
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith(edit);

        Document back = editor.page(edit);
        assertThat(back.select("textarea#body").text()).contains("Call your doctor if the jerks go on");
        assertThat(back.select("#draft-restored")).hasSize(1);
        // nothing was saved or submitted behind the person's back
        assertThat(editorial.latest(item, "en").number()).isEqualTo(latest.number());
    }

    @Test
    void anUnchangedSubmission_isRefusedWithAClearMessage_andMakesNoRevision() throws Exception {
        long item = editorial.questionId("Is sleep myoclonus bad?");
        String edit = "/admin/items/" + item + "/en/edit";
        AdminClient editor = signIn("editor");
        editor.page(edit);
        RevisionRef latest = editorial.latest(item, "en");
        long before = Rows.count(db, "revisions");

        HttpResponse<String> refused = editor.post(edit, with(fields(latest, latest.text().body()), "note", "",
                "action", "submit"));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(refused.body()).select(".form-error").text()).contains("Nothing changed");
        assertThat(Rows.count(db, "revisions")).isEqualTo(before);
        assertThat(Rows.strings(db, "select count(*) from drafts where item_id = " + item)).containsExactly("0");
    }

    @Test
    void aPersonWithdrawsTheirOwnSubmission_butNotSomeoneElses_norOneAlreadyReviewed() throws Exception {
        long item = editorial.questionId("When does sleep myoclonus stop?");
        RevisionRef before = editorial.latest(item, "fr");
        RevisionRef mine = services.workflow().saveRevision(editorial.person("translator-fr"), item, "fr",
                before.number(), new RevisionText(before.text().title(), before.text().slug(),
                        // the English added a paragraph about 6 months: the update carries it, or the checks refuse it
                        before.text().body() + "\n\nSi les secousses continuent après l’âge de 6 mois, parlez-en à"
                                + " votre médecin.", ""), "mise à jour");
        services.workflow().submit(editorial.person("translator-fr"), mine.id());
        String page = "/admin/items/" + item + "/fr";

        AdminClient editor = signIn("editor");
        assertThat(editor.page(page).select("form[action$=/withdraw]")).isEmpty();
        HttpResponse<String> notTheirs = editor.post(page + "/withdraw", "revision", String.valueOf(mine.id()));
        assertThat(notTheirs.headers().firstValue("Location").orElseThrow()).contains("refused=workflow.error.notPermitted");
        assertThat(services.queries().status(item, "fr").state()).isEqualTo(ItemState.IN_REVIEW);

        AdminClient translator = signIn("translator-fr");
        assertThat(translator.page(page).select("form[action$=/withdraw]")).hasSize(1);
        HttpResponse<String> withdrawn = translator.post(page + "/withdraw", "revision", String.valueOf(mine.id()));
        assertThat(withdrawn.headers().firstValue("Location").orElseThrow()).endsWith("?done=withdrawn");
        assertThat(services.queries().status(item, "fr").state()).isEqualTo(ItemState.DRAFT);
        assertThat(Rows.strings(db, "select action from audit_events where revision_id = " + mine.id()
                + " order by id")).containsExactly("REVISION_SAVED", "SUBMITTED", "SUBMISSION_WITHDRAWN");
        assertThat(translator.page(page + "?done=withdrawn").text()).contains("Your submission is withdrawn");

        // submitted again and reviewed: the hand-off is history now, for the service and for the database
        services.workflow().submit(editorial.person("translator-fr"), mine.id());
        services.workflow().review(editorial.person("reviewer-fr"), mine.id(), ReviewKind.LANGUAGE,
                Decision.CHANGES_REQUESTED, "Trop vague.", mine.contentHash());
        translator.page(page);
        HttpResponse<String> tooLate = translator.post(page + "/withdraw", "revision", String.valueOf(mine.id()));
        assertThat(tooLate.headers().firstValue("Location").orElseThrow())
                .contains("refused=workflow.error.alreadyReviewed");
        try (var c = db.connect(); var st = c.createStatement()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> st.execute(
                    "delete from submissions where revision_id = " + mine.id()))
                    .hasMessageContaining("can no longer be withdrawn");
        }
    }
}
