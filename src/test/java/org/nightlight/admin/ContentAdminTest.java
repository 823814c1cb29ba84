package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
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
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * The content admin over HTTP against the demo: content list, item pages, the editor, review and sign-off,
 * publishing. Each test works on its own demo item, so their order does not matter.
 */
class ContentAdminTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String HOSTILE = "<script>alert(1)</script>";
    static final String TOPIC = "/en/benign-neonatal-sleep-myoclonus/";

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

    // --- pages for the right people -------------------------------------------------------------------

    @Test
    void contentList_showsEveryTopicAndQuestion_withItsStatePerLanguage() throws Exception {
        AdminClient translator = signIn("translator-fr");
        Document page = translator.page("/admin/content");
        assertThat(page.select("h1").text()).isEqualTo("Content");
        assertThat(page.select(".topic-block h2").eachText()).containsExactly("Benign neonatal sleep myoclonus");
        Element inReview = row(page, "Why does my baby wake up crying in his sleep?");
        assertThat(cell(page, inReview, "Français").text()).contains("In review");
        assertThat(cell(page, inReview, "English").text()).contains("Published");
        assertThat(cell(page, row(page, "When does sleep myoclonus stop?"), "Français").text())
                .contains("Published").contains("outdated");
        assertThat(cell(page, row(page, "How do you treat myoclonus naturally?"), "English").text())
                .contains("Changes requested");
        assertThat(page.select("tr.kind-URGENT_HELP")).as("one block per care level").hasSize(3);
        // a translator gets no editor actions
        assertThat(page.select("a[href^=/admin/content/new]")).isEmpty();
        assertThat(page.select("form[action=/admin/content/reorder]")).isEmpty();

        Document editors = signIn("editor").page("/admin/content");
        assertThat(editors.select("a[href=/admin/content/new/topic]")).hasSize(1);
        assertThat(editors.select("a[href^=/admin/content/new/question]")).hasSize(1);
        assertThat(editors.select("form[action=/admin/content/reorder]")).isNotEmpty();
    }

    @Test
    void itemPage_showsStateLiveTextHistoryProvenance_andOnlyTheActionsThisPersonMayDo() throws Exception {
        AdminClient editor = signIn("editor");
        long id = itemId(editor, "What does sleep myoclonus look like?");
        Document en = editor.page("/admin/items/" + id + "/fr");
        assertThat(en.select("main > h1").text()).isEqualTo("À quoi ressemblent les myoclonies du sommeil ?");
        assertThat(en.select(".status .badge").text()).isEqualTo("Published");
        assertThat(en.select(".live .answer").text()).isNotBlank();
        assertThat(en.select(".provenance").text())
                .contains("Demo French Translator").contains("Dr Demo Clinician, MD, paediatric neurologist")
                .contains("Demo French Reviewer").contains("Demo Editor").contains("English revision 2");
        assertThat(en.select(".history tbody tr")).hasSize(1);
        assertThat(en.select(".history tbody tr").text()).contains("Demo French Translator").contains("Translation")
                .contains("Language review").contains("Medical sign-off");
        // the editor may unpublish a translation but not write it
        assertThat(en.select(".actions a[href$=/edit]")).isEmpty();
        assertThat(en.select(".actions form[action$=/unpublish]")).hasSize(1);

        Document asTranslator = signIn("translator-fr").page("/admin/items/" + id + "/fr");
        assertThat(asTranslator.select(".actions a[href$=/edit]").text()).isEqualTo("Edit the translation");
        assertThat(asTranslator.select(".actions form")).isEmpty();
    }

    @Test
    void editorAndReviewPages_areRefused_toPeopleWhoMayNotUseThem() throws Exception {
        AdminClient translatorEs = signIn("translator-es");
        long id = itemId(translatorEs, "Do kids grow out of sleep myoclonus?");
        HttpResponse<String> notQualified = translatorEs.get("/admin/items/" + id + "/fr/edit");
        assertThat(notQualified.statusCode()).isEqualTo(403);
        assertThat(text(notQualified, ".form-error")).isEqualTo(
                "You are not qualified for this language. An admin can add the qualification.");
        HttpResponse<String> notEditor = translatorEs.get("/admin/items/" + id + "/en/edit");
        assertThat(notEditor.statusCode()).isEqualTo(403);
        assertThat(text(notEditor, ".form-error")).isEqualTo("You do not have the role needed for this.");
        assertThat(signIn("reviewer-fr").get("/admin/content/new/topic").statusCode()).isEqualTo(403);
        assertThat(signIn("clinician").get("/admin/content/new/question?topic=1").statusCode()).isEqualTo(403);
        assertThat(new AdminClient(app.base()).get("/admin/content").statusCode()).isEqualTo(303);
        assertThat(new AdminClient(app.base()).get("/admin/items/" + id + "/en").statusCode()).isEqualTo(303);
        assertThat(signIn("editor").get("/admin/items/999999/en").statusCode()).isEqualTo(404);
    }

    // --- writing ----------------------------------------------------------------------------------------

    @Test
    void translator_seesTheSourceBeside_savesADraft_andSubmitsIt() throws Exception {
        AdminClient translator = signIn("translator-es");
        long id = itemId(translator, "Is sleep myoclonus a seizure?");
        Document form = translator.page("/admin/items/" + id + "/es/edit");
        assertThat(form.select(".source-pane .version-title").text()).isEqualTo("Is sleep myoclonus a seizure?");
        assertThat(form.select(".source-pane .answer").text()).startsWith("No, BNSM is not epilepsy.");
        assertThat(form.select(".source-pane").attr("class")).contains("source-pane");
        assertThat(form.select("input[name=basedOn]").val()).isEqualTo("1");
        // a sentence added to the last paragraph: a paragraph the source lacks would not pass the structure check
        String body = form.select("textarea[name=body]").text() + " Consulte a su pediatra si tiene dudas.";

        HttpResponse<String> saved = translator.post("/admin/items/" + id + "/es/edit", "basedOn", "1",
                "title", form.select("input[name=title]").val(), "slug", "", "body", body, "sources", "",
                "note", "Añade un consejo", "action", "save");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/admin/items/" + id + "/es?done=saved");
        Document item = translator.page("/admin/items/" + id + "/es?done=saved");
        assertThat(item.select("p.done").text()).isEqualTo("Saved as a draft.");
        assertThat(item.select(".status .badge").text()).isEqualTo("Draft");
        assertThat(item.select(".history tbody tr").first().text()).contains("Demo Spanish Translator")
                .contains("Añade un consejo");
        // the published revision stays live while the draft waits
        assertThat(item.select(".live .answer").text()).doesNotContain("Consulte a su pediatra");

        HttpResponse<String> submitted = translator.post(item.select(".actions form[action$=/submit]").attr("action"));
        assertThat(submitted.statusCode()).isEqualTo(303);
        Document after = translator.page("/admin/items/" + id + "/es?done=submitted");
        assertThat(after.select(".status .badge").text()).isEqualTo("In review");
        assertThat(after.select("p.done").text()).isEqualTo("Saved and submitted for review.");
        assertThat(signIn("reviewer-es").page("/admin/").select("#toReview").text())
                .contains("¿La mioclonía del sueño es una crisis epiléptica?");
    }

    @Test
    void outdatedTranslation_showsWhatChangedInTheSource_andAnyTwoRevisionsCanBeCompared() throws Exception {
        AdminClient translator = signIn("translator-fr");
        long id = itemId(translator, "When does sleep myoclonus stop?");
        Document item = translator.page("/admin/items/" + id + "/fr");
        assertThat(item.select(".status .flag").text()).isEqualTo("outdated");
        Document edit = translator.page("/admin/items/" + id + "/fr/edit");
        assertThat(edit.select(".source-changes > h3").text())
                .isEqualTo("Changed in the source since this translation (revision 2 to 3)");
        assertThat(edit.select(".source-changes .diff ins").text())
                .isEqualTo("If the jerks go on after your baby is 6 months old, ask your doctor to check them.");
        assertThat(edit.select(".source-pane .answer").text()).contains("6 months old");

        Document source = translator.page("/admin/items/" + id + "/en?from=2&to=3");
        assertThat(source.select(".compare .hint").text()).isEqualTo("Changes from revision 2 to revision 3:"
                + " removed words are struck through, added words are highlighted.");
        assertThat(source.select(".compare .diff ins").text()).contains("6 months old");
        assertThat(source.select(".compare .diff del")).isEmpty();
        Document backwards = translator.page("/admin/items/" + id + "/en?from=3&to=2");
        assertThat(backwards.select(".compare .diff del").text()).contains("6 months old");
        assertThat(backwards.select("#from option[selected]").text()).isEqualTo("3");
    }

    @Test
    void conflictingSaves_showBothVersions_andKeepTheLosersText() throws Exception {
        AdminClient first = signIn("translator-ar");
        AdminClient second = signIn("reviewer-ar");
        long id = itemId(first, "Is it normal for babies to twitch in their sleep?");
        String path = "/admin/items/" + id + "/ar/edit";
        Document a = first.page(path);
        Document b = second.page(path);
        assertThat(a.select("input[name=basedOn]").val()).isEqualTo(b.select("input[name=basedOn]").val());
        String base = a.select("input[name=basedOn]").val();
        String title = a.select("input[name=title]").val();

        assertThat(first.post(path, "basedOn", base, "title", title, "slug", "", "body", "النص الأول للمترجم.",
                "sources", "", "note", "first", "action", "save").statusCode()).isEqualTo(303);
        HttpResponse<String> lost = second.post(path, "basedOn", base, "title", title, "slug", "",
                "body", "نص المراجع الذي يجب ألا يضيع.", "sources", "", "note", "second", "action", "save");

        assertThat(lost.statusCode()).isEqualTo(409);
        Document page = Jsoup.parse(lost.body());
        assertThat(page.select(".form-error").text()).startsWith("The text changed while you were working");
        assertThat(page.select(".conflict .theirs .version-body").text()).isEqualTo("النص الأول للمترجم.");
        assertThat(page.select(".conflict .yours .version-body").text()).isEqualTo("نص المراجع الذي يجب ألا يضيع.");
        assertThat(page.select(".conflict h3").first().text()).contains("Demo Arabic Translator");
        assertThat(page.select(".conflict .diff").html()).contains("<del>").contains("<ins>");
        assertThat(page.select("textarea[name=body]").text()).isEqualTo("نص المراجع الذي يجب ألا يضيع.");
        assertThat(page.select("input[name=note]").val()).isEqualTo("second");
        String winner = String.valueOf(Integer.parseInt(base) + 1);
        assertThat(page.select("input[name=basedOn]").val()).isEqualTo(winner);

        // after seeing both, saving again is a deliberate choice and succeeds
        assertThat(second.post(path, "basedOn", winner, "title", title, "slug", "",
                "body", "نص المراجع الذي يجب ألا يضيع.", "sources", "", "note", "second", "action", "save")
                .statusCode()).isEqualTo(303);
    }

    @Test
    void invalidText_isNamedNextToItsField_andTheTextIsKept() throws Exception {
        AdminClient editor = signIn("editor");
        Document content = editor.page("/admin/content");
        String newQuestion = content.select("a[href^=/admin/content/new/question]").attr("href");
        Document form = editor.page(newQuestion);
        assertThat(form.select("main > h1").text()).startsWith("New question");
        HttpResponse<String> response = editor.post("/admin/content/new/question", "topic",
                form.select("input[name=topic]").val(), "basedOn", "0", "title", "  ", "slug", "",
                "body", "Words I do not want to lose.", "sources", "", "note", "", "action", "save");
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#title-error").text()).isEqualTo("Enter a title.");
        assertThat(page.select("#title").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.select("textarea[name=body]").text()).isEqualTo("Words I do not want to lose.");

        HttpResponse<String> badSlug = editor.post("/admin/content/new/question", "topic",
                form.select("input[name=topic]").val(), "basedOn", "0", "title", "A good title", "slug", "Not A Slug!",
                "body", "Words.", "sources", "", "note", "", "action", "save");
        assertThat(Jsoup.parse(badSlug.body()).select("#slug-error").text()).startsWith("Use lower-case letters");
        assertThat(Jsoup.parse(badSlug.body()).select("#slug").val()).isEqualTo("Not A Slug!");
    }

    @Test
    void urgentHelp_isOneBlockPerCareLevel_andASecondBlockAtALevelIsRefused_withTheTextKept() throws Exception {
        AdminClient editor = signIn("editor");
        Document content = editor.page("/admin/content");
        // the demo topic has all three levels: no links to add more
        assertThat(content.select("a[href^=/admin/content/new/urgent-help]")).isEmpty();
        String topic = content.select("a[href^=/admin/content/new/question]").attr("href").replaceAll(".*topic=", "");
        assertThat(editor.get("/admin/content/new/urgent-help-later?topic=" + topic).statusCode()).isEqualTo(404);
        Document form = editor.page("/admin/content/new/urgent-help-soon?topic=" + topic);
        assertThat(form.select("form.text-form").attr("action")).isEqualTo("/admin/content/new/urgent-help-soon");
        HttpResponse<String> again = editor.post("/admin/content/new/urgent-help-soon", "topic", topic, "basedOn", "0",
                "title", "See your doctor this week", "slug", "see-your-doctor-this-week",
                "body", "A second block at the same level.", "sources", "", "note", "", "action", "save");
        assertThat(again.statusCode()).isGreaterThanOrEqualTo(400).isLessThan(500);
        assertThat(again.body()).contains("already has a block at this care level")
                .contains("A second block at the same level.");
    }

    @Test
    void preview_isRenderedExactlyLikeThePublicPage_andKeepsTheText() throws Exception {
        AdminClient editor = signIn("editor");
        long id = itemId(editor, "Why does sleep myoclonus occur?");
        Document form = editor.page("/admin/items/" + id + "/en/edit");
        String body = form.select("textarea[name=body]").text();
        HttpResponse<String> response = editor.post("/admin/items/" + id + "/en/edit", "basedOn",
                form.select("input[name=basedOn]").val(), "title", form.select("input[name=title]").val(),
                "slug", form.select("input[name=slug]").val(), "body", body, "sources", "", "note", "",
                "action", "preview");
        assertThat(response.statusCode()).isEqualTo(200);
        Document preview = Jsoup.parse(response.body());
        Document publicPage = app.page(TOPIC + "why-does-sleep-myoclonus-occur");
        assertThat(preview.select(".preview article h1").text()).isEqualTo(publicPage.select("article h1").text());
        assertThat(preview.select(".preview .answer").outerHtml())
                .isEqualTo(publicPage.select("article .answer").outerHtml());
        assertThat(preview.select("textarea[name=body]").text()).isEqualTo(body);
        // nothing was saved: the history still holds the seed text and its rewrite
        assertThat(editor.page("/admin/items/" + id + "/en").select(".history tbody tr")).hasSize(2);
    }

    // --- reviewing: every refusal is a clear message --------------------------------------------------

    @Test
    void workflowRefusals_areShownAsClearMessages_andChangeNothing() throws Exception {
        AdminClient translator = signIn("translator-fr");
        long id = itemId(translator, "Why does my baby wake up crying in his sleep?");
        String revisionPage = translator.page("/admin/items/" + id + "/fr").select("a.latest-revision").attr("href");
        String hash = signIn("reviewer-fr").page(revisionPage).select("#review-LANGUAGE input[name=hash]").val();
        String review = revisionPage + "/review";

        // self sign-off: the translator wrote it
        Document own = translator.page(revisionPage);
        assertThat(own.select("form.review-form")).isEmpty();
        assertThat(own.select(".sign-off").text()).contains("You wrote this revision");
        HttpResponse<String> self = translator.post(review, "kind", "LANGUAGE", "decision", "APPROVED",
                "comment", "", "hash", hash);
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(text(self, "#review-LANGUAGE .form-error")).isEqualTo("You wrote this revision, so you cannot"
                + " review or sign it off: every text is checked by a second person.");

        // unqualified reviewer: Spanish reviewer on a French text
        AdminClient spanish = signIn("reviewer-es");
        assertThat(spanish.page(revisionPage).select("form.review-form")).isEmpty();
        HttpResponse<String> unqualified = spanish.post(review, "kind", "LANGUAGE", "decision", "APPROVED",
                "comment", "", "hash", hash);
        assertThat(unqualified.statusCode()).isEqualTo(403);
        assertThat(text(unqualified, "#review-LANGUAGE .form-error"))
                .isEqualTo("You are not qualified for this language. An admin can add the qualification.");

        // each person sees only the sign-off form they may use
        Document asReviewer = signIn("reviewer-fr").page(revisionPage);
        assertThat(asReviewer.select("#review-LANGUAGE")).hasSize(1);
        assertThat(asReviewer.select("#review-MEDICAL")).isEmpty();
        Document asClinician = signIn("clinician").page(revisionPage);
        assertThat(asClinician.select("#review-MEDICAL")).hasSize(1);
        assertThat(asClinician.select("#review-LANGUAGE")).isEmpty();

        // refusals outside a form become a page of their own (ExceptionMapper): submitted twice, not permitted
        HttpResponse<String> twice = translator.post(revisionPage + "/submit");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(text(twice, ".form-error")).isEqualTo("This revision is already in review.");
        assertThat(Jsoup.parse(twice.body()).select("main a").attr("href")).isEqualTo(revisionPage);
        HttpResponse<String> notAllowed = spanish.post(revisionPage + "/submit");
        assertThat(notAllowed.statusCode()).isEqualTo(403);
        assertThat(text(notAllowed, ".form-error")).isEqualTo("You do not have the role needed for this.");

        // publish without approval
        AdminClient editor = signIn("editor");
        HttpResponse<String> publish = editor.post(revisionPage + "/publish");
        assertThat(publish.statusCode()).isEqualTo(409);
        assertThat(text(publish, ".form-error")).startsWith("This revision cannot be published yet");

        // changes requested without a comment: the message sits next to the comment
        AdminClient reviewer = signIn("reviewer-fr");
        HttpResponse<String> noComment = reviewer.post(review, "kind", "LANGUAGE", "decision",
                "CHANGES_REQUESTED", "comment", "   ", "hash", hash);
        assertThat(noComment.statusCode()).isEqualTo(409);
        assertThat(text(noComment, "#review-LANGUAGE .field-error")).isEqualTo("Write a comment that says what to change.");

        // stale: the reviewer saw another text than the one stored
        HttpResponse<String> stale = reviewer.post(review, "kind", "LANGUAGE", "decision", "APPROVED",
                "comment", "Looks right to me", "hash", "0".repeat(64));
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(text(stale, "#review-LANGUAGE .form-error")).startsWith("The text changed while you were working");
        assertThat(Jsoup.parse(stale.body()).select("#comment-LANGUAGE").text()).isEqualTo("Looks right to me");

        // the same refusal in the person's own language
        reviewer.post("/admin/ui-language", "lang", "fr", "next", "/admin/");
        HttpResponse<String> inFrench = reviewer.post(review, "kind", "LANGUAGE", "decision",
                "CHANGES_REQUESTED", "comment", "", "hash", hash);
        assertThat(text(inFrench, "#review-LANGUAGE .field-error"))
                .isEqualTo("Écrivez un commentaire qui dit ce qu’il faut changer.");

        // none of it changed anything
        Document after = reviewer.page(revisionPage);
        assertThat(after.select(".sign-off ul.reviews")).isEmpty();
        assertThat(after.select(".badge.state-IN_REVIEW")).hasSize(1);
    }

    // --- publishing -----------------------------------------------------------------------------------

    @Test
    void safetyChange_listsTheTranslationsToBeWithdrawn_andReadersThenGetTheNotice() throws Exception {
        AdminClient editor = signIn("editor");
        long id = itemId(editor, "Is sleep myoclonus bad?");
        String edit = "/admin/items/" + id + "/en/edit";
        Document form = editor.page(edit);
        HttpResponse<String> saved = editor.post(edit, "basedOn", form.select("input[name=basedOn]").val(),
                "title", form.select("input[name=title]").val(), "slug", form.select("input[name=slug]").val(),
                "body", form.select("textarea[name=body]").text() + "\n\nCall your doctor at once if your baby"
                        + " also jerks while awake.", "sources", "", "note", "Safety: jerks while awake",
                "action", "submit");
        assertThat(saved.statusCode()).isEqualTo(303);
        String revisionPage = editor.page("/admin/items/" + id + "/en").select("a.latest-revision").attr("href");

        AdminClient clinician = signIn("clinician");
        Document toSign = clinician.page(revisionPage);
        assertThat(toSign.select("#review-LANGUAGE")).isEmpty();
        assertThat(toSign.select("#review-MEDICAL .signing").text())
                .contains(toSign.select(".hash").text()).hasSize(toSign.select(".signing").text().length());
        assertThat(toSign.select(".hash").text()).hasSize(12);
        assertThat(toSign.select(".against-live .diff ins").text()).contains("Call your doctor at once");
        assertThat(clinician.post(revisionPage + "/review", "kind", "MEDICAL", "decision", "APPROVED",
                "comment", "", "hash", toSign.select("#review-MEDICAL input[name=hash]").val()).statusCode())
                .isEqualTo(303);

        Document item = editor.page("/admin/items/" + id + "/en");
        assertThat(item.select(".status .badge").text()).isEqualTo("Approved");
        String confirm = item.select(".actions form.choice").attr("action");
        Document confirmation = editor.page(confirm + "?change=SAFETY");
        assertThat(confirmation.select(".affected h2").text()).isEqualTo("These translations will be withdrawn at once");
        assertThat(confirmation.select(".affected-list li")).hasSize(3);
        assertThat(confirmation.select(".affected-list").text()).contains("Les myoclonies du sommeil sont-elles graves ?");
        Document minor = editor.page(confirm + "?change=MINOR");
        assertThat(minor.select(".affected h2").text()).isEqualTo("These translations stay live and will be flagged outdated");

        HttpResponse<String> published = editor.post(confirm, "change", "SAFETY");
        assertThat(published.statusCode()).isEqualTo(303);
        Document fr = editor.page("/admin/items/" + id + "/fr");
        assertThat(fr.select(".status").text()).contains("withdrawn");

        String frTopic = "/fr/myoclonies-neonatales-benignes-du-sommeil/";
        HttpResponse<String> publicFr = app.get(frTopic + "les-myoclonies-du-sommeil-sont-elles-graves");
        if (publicFr.statusCode() == 301) {
            publicFr = app.get(java.net.URI.create(publicFr.headers().firstValue("Location").orElseThrow()).getPath());
        }
        assertThat(publicFr.statusCode()).isEqualTo(200);
        Document reader = Jsoup.parse(publicFr.body());
        assertThat(reader.select("article .notice").text()).isEqualTo("La traduction de cette réponse est en cours"
                + " de mise à jour\u202F; le texte original actuel est donc affiché.");
        assertThat(reader.select("article .answer").text()).contains("Call your doctor at once");
    }

    @Test
    void unpublish_needsAReason_andRollbackBringsThePublishedRevisionBack() throws Exception {
        AdminClient editor = signIn("editor");
        long id = itemId(editor, "How do you prevent benign sleep myoclonus?");
        String item = "/admin/items/" + id + "/es";
        HttpResponse<String> noReason = editor.post(item + "/unpublish", "reason", " ");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(text(noReason, "#reason-error")).isEqualTo("Give a reason: it goes into the audit log.");

        assertThat(editor.post(item + "/unpublish", "reason", "Checking a dosage claim").statusCode()).isEqualTo(303);
        Document off = editor.page(item + "?done=unpublished");
        assertThat(off.select(".live").text()).contains("Nothing is published in this language.");
        assertThat(off.select(".history .flag").text()).contains("was published");

        HttpResponse<String> again = editor.post(item + "/unpublish", "reason", "twice");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(text(again, ".form-error")).isEqualTo("This item is not published in this language.");

        Element rollback = off.select(".rollback-list form").first();
        assertThat(rollback.select("button").text()).isEqualTo("Roll back to revision 1");
        assertThat(editor.post(item + "/rollback", "revision", rollback.select("input[name=revision]").val())
                .statusCode()).isEqualTo(303);
        assertThat(editor.page(item).select(".status .badge").text()).isEqualTo("Published");

        AdminClient translator = signIn("translator-es");
        HttpResponse<String> refused = translator.post(item + "/unpublish", "reason", "I would like to");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(text(refused, ".form-error")).isEqualTo("You do not have the role needed for this.");
    }

    @Test
    void editorReordersQuestions_withoutJavaScript() throws Exception {
        AdminClient editor = signIn("editor");
        Document before = editor.page("/admin/content");
        List<String> order = before.select("tr.kind-QUESTION th").eachText();
        Element second = before.select("tr.kind-QUESTION").get(1);
        Element up = second.select("form:has(input[value=up])").first();
        HttpResponse<String> moved = editor.post("/admin/content/reorder", "topic",
                up.select("input[name=topic]").val(), "item", up.select("input[name=item]").val(), "move", "up");
        assertThat(moved.statusCode()).isEqualTo(303);
        List<String> after = editor.page("/admin/content").select("tr.kind-QUESTION th").eachText();
        assertThat(after.get(0)).isEqualTo(order.get(1));
        assertThat(after.get(1)).isEqualTo(order.get(0));
        assertThat(after.subList(2, after.size())).isEqualTo(order.subList(2, order.size()));
        // and back, so the public order is as the demo made it
        editor.post("/admin/content/reorder", "topic", up.select("input[name=topic]").val(), "item",
                up.select("input[name=item]").val(), "move", "down");
        assertThat(editor.page("/admin/content").select("tr.kind-QUESTION th").eachText()).isEqualTo(order);
        assertThat(signIn("clinician").post("/admin/content/reorder", "topic", up.select("input[name=topic]").val(),
                "item", up.select("input[name=item]").val(), "move", "up").statusCode()).isEqualTo(403);
    }

    @Test
    void adminPagesWorkRightToLeft_inArabic() throws Exception {
        AdminClient translator = signIn("translator-ar");
        translator.post("/admin/ui-language", "lang", "ar", "next", "/admin/content");
        Document content = translator.page("/admin/content");
        assertThat(content.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(content.select("main > h1").text()).isEqualTo("المحتوى");
        long id = itemId(translator, "What is baby sleep myoclonus?");
        Document edit = translator.page("/admin/items/" + id + "/ar/edit");
        assertThat(edit.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(edit.select("#body").attr("dir")).isEqualTo("rtl");
        assertThat(edit.select(".source-pane [lang=en]").attr("dir")).isEqualTo("ltr");
        assertThat(edit.select("button[value=submit]").text()).isEqualTo("حفظ وإرسال للمراجعة");
    }

    // --- hostile text ---------------------------------------------------------------------------------

    @Test
    void hostileText_isShownEscapedEverywhere() throws Exception {
        AdminClient editor = signIn("editor");
        String newQuestion = editor.page("/admin/content").select("a[href^=/admin/content/new/question]").attr("href");
        String topic = editor.page(newQuestion).select("input[name=topic]").val();
        String title = HOSTILE + " Is this safe?";
        String body = "Hello " + HOSTILE + " **bold** <img src=x onerror=alert(2)>";
        HttpResponse<String> preview = editor.post("/admin/content/new/question", "topic", topic, "basedOn", "0",
                "title", title, "slug", "hostile-question", "body", body, "sources", HOSTILE, "note", HOSTILE,
                "action", "preview");
        assertEscaped(preview.body());
        assertThat(Jsoup.parse(preview.body()).select(".preview .answer strong").text()).isEqualTo("bold");

        HttpResponse<String> created = editor.post("/admin/content/new/question", "topic", topic, "basedOn", "0",
                "title", title, "slug", "hostile-question", "body", body, "sources", HOSTILE, "note", HOSTILE,
                "action", "submit");
        assertThat(created.statusCode()).isEqualTo(303);
        String item = java.net.URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
        String revision = editor.page(item).select("a.latest-revision").attr("href");
        AdminClient clinician = signIn("clinician");
        String hash = clinician.page(revision).select("#review-MEDICAL input[name=hash]").val();
        clinician.post(revision + "/review", "kind", "MEDICAL", "decision", "CHANGES_REQUESTED", "comment", HOSTILE,
                "hash", hash);

        Document dashboard = editor.page("/admin/");
        assertThat(dashboard.select("#changesRequested").text()).contains(title);
        assertEscaped(editor.get("/admin/").body());

        // a second revision, so the item page shows a diff of hostile text too
        Document edit = editor.page(item + "/edit");
        assertThat(editor.post(item + "/edit", "basedOn", edit.select("input[name=basedOn]").val(), "title", title,
                "slug", "hostile-question", "body", body + " and " + HOSTILE + " again", "sources", HOSTILE,
                "note", HOSTILE, "action", "save").statusCode()).isEqualTo(303);
        assertThat(editor.page(item).select(".compare .diff ins").text()).isEqualTo("and " + HOSTILE + " again");

        for (String page : List.of("/admin/content", item, revision, item + "/edit")) {
            HttpResponse<String> response = editor.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertEscaped(response.body());
        }
        assertEscaped(clinician.get(revision).body());
        Document history = editor.page(item);
        assertThat(history.select(".history q").text()).isEqualTo(HOSTILE);
        assertThat(history.select("main > h1").text()).isEqualTo(title);
    }

    private static void assertEscaped(String html) {
        assertThat(html).doesNotContain(HOSTILE).doesNotContain("<img").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        // the only script is the editor's own file from /static (drafts.js): nothing typed ever runs
        assertThat(Jsoup.parse(html).select("script:not([src^=/static/]), img")).isEmpty();
    }

    // --- helpers --------------------------------------------------------------------------------------

    static AdminClient signIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        HttpResponse<String> response = client.login(username, PASSWORD);
        assertThat(response.statusCode()).as("sign-in of " + username).isEqualTo(303);
        client.get("/admin/");
        return client;
    }

    static Element row(Document contentPage, String englishTitle) {
        return contentPage.select("tbody tr").stream()
                .filter(tr -> tr.selectFirst("th") != null && tr.selectFirst("th").text().endsWith(englishTitle))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + englishTitle));
    }

    static Element cell(Document contentPage, Element row, String languageHeader) {
        List<String> headers = row.closest("table").select("thead th").eachText();
        return row.children().get(headers.indexOf(languageHeader));
    }

    static long itemId(AdminClient client, String englishTitle) throws Exception {
        return Long.parseLong(row(client.page("/admin/content"), englishTitle).id().substring("item-".length()));
    }

    static String text(HttpResponse<String> response, String selector) {
        return Jsoup.parse(response.body()).select(selector).text();
    }
}
