package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.audit.AuditTrail;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * The review conversation over HTTP against the demo, as each person sees it: a request for changes opens the
 * thread, the translator sees it on the item page and in the editor, replies and resolves it; the reviewer
 * sees what changed since their last review; review screens end with what happens next; destructive steps
 * wait for a confirmation.
 */
class ThreadsAdminTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String IN_REVIEW = "Why does my baby wake up crying in his sleep?"; // fr: submitted, not reviewed

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
    void aRequestForChanges_travelsWithTheText_untilItIsResolved() throws Exception {
        AdminClient translator = signIn("translator-fr");
        long id = ContentAdminTest.itemId(translator, IN_REVIEW);
        String item = "/admin/items/" + id + "/fr";
        String revision = translator.page(item).select("a.latest-revision").attr("href");

        // the review screen: fingerprint in words, asking for changes is a second step, approval the main one
        AdminClient reviewer = signIn("reviewer-fr");
        Document screen = reviewer.page(revision);
        assertThat(screen.select(".sign-off details.fingerprint summary .hash").text()).hasSize(12);
        assertThat(screen.select(".sign-off details.fingerprint p").text()).contains("exact words of this revision");
        assertThat(screen.select("#review-LANGUAGE button.primary[value=APPROVED]")).hasSize(1);
        assertThat(screen.select("#review-LANGUAGE details.confirm button.danger[value=CHANGES_REQUESTED]")).hasSize(1);
        assertThat(screen.select("#review-LANGUAGE details.confirm").attr("open")).isEmpty();

        HttpResponse<String> decided = reviewer.post(revision + "/review", "kind", "LANGUAGE", "decision",
                "CHANGES_REQUESTED", "comment", "Il manque la phrase sur la fièvre.", "hash",
                screen.select("#review-LANGUAGE input[name=hash]").val());
        assertThat(decided.statusCode()).isEqualTo(303);
        String after = local(decided);
        assertThat(after).endsWith(revision + "?done=reviewed&kind=LANGUAGE");
        Document ended = reviewer.page(after);
        assertThat(ended.select(".next-steps").text()).contains("goes back to its author");
        assertThat(ended.select(".next-steps a.next-item, .next-steps a[href=/admin/]")).isNotEmpty();
        assertThat(ended.select(".next-steps a.next-item").attr("href")).isNotEqualTo(revision);
        assertThat(ended.select("#review-LANGUAGE")).as("no second decision offered").isEmpty();
        assertThat(ended.select("#thread .note-body").text()).contains("Il manque la phrase sur la fièvre.");

        // the translator finds the comment on the item page and beside the text in the editor
        Document page = translator.page(item);
        assertThat(page.select("#thread .topic .note-body").text()).isEqualTo("Il manque la phrase sur la fièvre.");
        assertThat(page.select("#thread .topic .decision").text()).contains("Language review");
        assertThat(translator.page(item + "/edit").select("#thread .note-body").text())
                .contains("Il manque la phrase sur la fièvre.");

        // a reply: nothing typed is lost when it is refused, and it lands back on the page it came from
        String replies = page.select("#thread form[action$=/replies]").attr("action");
        HttpResponse<String> empty = translator.post(replies, "text", "  ", "back", item);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(text(empty, ".form-error")).isEqualTo("Write your comment before sending it.");
        String tooLong = "é".repeat(4001);
        HttpResponse<String> kept = translator.post(replies, "text", tooLong, "back", item);
        assertThat(kept.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(kept.body()).select("#thread details.reply[open] textarea").text()).isEqualTo(tooLong);
        HttpResponse<String> replied = translator.post(replies, "text", "D'accord, j'ajoute la phrase.",
                "back", item + "/edit");
        assertThat(replied.statusCode()).isEqualTo(303);
        assertThat(local(replied)).startsWith(item + "/edit#comment-");
        HttpResponse<String> offsite = translator.post(replies, "text", "Encore.", "back", "https://evil.example/");
        assertThat(local(offsite)).as("only admin pages are a way back").startsWith(item + "#comment-");

        // people of other languages read but may not write
        AdminClient spanish = signIn("translator-es");
        assertThat(spanish.page(item).select("#thread form")).isEmpty();
        assertThat(spanish.post(replies, "text", "¿Puedo?", "back", item).statusCode()).isEqualTo(403);
        // and no form is sent without its token
        assertThat(translator.postRaw(replies, Map.of("text", "sans jeton", "back", item)).statusCode()).isEqualTo(403);

        // the corrected revision: the reviewer sees what changed since the one they sent back, and the thread
        Document form = translator.page(item + "/edit");
        HttpResponse<String> fixed = translator.post(item + "/edit", "basedOn", form.select("input[name=basedOn]").val(),
                "title", form.select("input[name=title]").val(), "slug", "",
                "body", form.select("textarea[name=body]").text() + "\n\nEn cas de fièvre, appelez le médecin.",
                "sources", form.select("textarea[name=sources]").text(), "note", "fièvre", "action", "submit");
        assertThat(fixed.statusCode()).isEqualTo(303);
        String next = translator.page(item).select("a.latest-revision").attr("href");
        assertThat(next).isNotEqualTo(revision);
        Document again = reviewer.page(next);
        assertThat(again.select(".since-mine h2").text()).contains("which you last reviewed");
        assertThat(again.select(".since-mine ins").text()).contains("fièvre, appelez le médecin");
        assertThat(again.select("#thread .replies .note-body").text()).contains("D'accord, j'ajoute la phrase.");

        // resolved: folded away, with who and when
        String resolve = translator.page(item).select("#thread form[action$=/resolve]").attr("action");
        assertThat(translator.post(resolve, "back", item).statusCode()).isEqualTo(303);
        Document resolved = translator.page(item);
        assertThat(resolved.select("#thread .resolved-topics").text()).contains("1 resolved comment")
                .contains("Resolved by Demo French Translator");
        assertThat(resolved.select("#thread form[action$=/resolve]")).isEmpty();
        assertThat(translator.post(resolve, "back", item).statusCode()).as("resolved once").isEqualTo(409);

        AuditTrail trail = app.app().services().auditTrail();
        assertThat(trail.page(new AuditTrail.Filter(null, id, "fr", "COMMENT_ADDED", null, null), 1, 10).total())
                .as("the review's comment").isEqualTo(1);
        assertThat(trail.page(new AuditTrail.Filter(null, id, "fr", "COMMENT_REPLIED", null, null), 1, 10).total())
                .isEqualTo(2);
        assertThat(trail.page(new AuditTrail.Filter(null, id, "fr", "COMMENT_RESOLVED", null, null), 1, 10).total())
                .isEqualTo(1);
    }

    @Test
    void unpublishing_isASecondaryStep_behindAConfirmation() throws Exception {
        AdminClient editor = signIn("editor");
        long id = ContentAdminTest.itemId(editor, "What does sleep myoclonus look like?");
        Document page = editor.page("/admin/items/" + id + "/fr");
        assertThat(page.select(".actions details.confirm:not([open]) form[action$=/unpublish] button.danger")).hasSize(1);
        assertThat(page.select(".actions details.confirm summary").text()).isEqualTo("Unpublish…");
        // an editor comments in any language, about the newest revision
        assertThat(page.select("#thread form.new-comment label").text()).startsWith("New comment about revision");
    }

    static AdminClient signIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, PASSWORD).statusCode()).as("sign-in of " + username).isEqualTo(303);
        client.get("/admin/");
        return client;
    }

    /** A redirect's target on this server: path, query and fragment. */
    static String local(HttpResponse<String> response) {
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        return location.getRawPath() + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery())
                + (location.getRawFragment() == null ? "" : "#" + location.getRawFragment());
    }

    static String text(HttpResponse<String> response, String selector) {
        return Jsoup.parse(response.body()).select(selector).text();
    }
}
