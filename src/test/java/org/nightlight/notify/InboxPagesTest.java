package org.nightlight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * The inbox, the settings form and, with no SMTP host, the admins' outbox, through real HTTP: unread count in
 * the menu, open and mark read, nobody else's notifications, bad input shown again with the problem named.
 */
class InboxPagesTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static final String PASSWORD = "demo-password-1234";
    static RunningApp app;
    static Editorial editorial;
    static Notify notify;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD)),
                App::loadDemoIfWanted);
        editorial = new Editorial(app.app());
        notify = app.app().services().notifications();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static AdminClient signedIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, PASSWORD).statusCode()).isEqualTo(303);
        return client;
    }

    @Test
    void theSettingsForm_refusesABadAddress_keepingWhatWasTyped_thenSaves() throws Exception {
        AdminClient translator = signedIn("translator-es");
        translator.get("/admin/notifications");
        var refused = translator.post("/admin/notifications", "email", "not an address", "language", "es",
                "delivery", "DAILY_DIGEST");
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = org.jsoup.Jsoup.parse(refused.body());
        assertThat(page.select("#email").val()).isEqualTo("not an address");
        assertThat(page.select("#email-error").text()).isEqualTo("Enter one mail address, such as name@example.org.");
        assertThat(page.select("#delivery-DAILY_DIGEST").hasAttr("checked")).isTrue();

        assertThat(translator.post("/admin/notifications", "email", "es@example.org", "language", "es",
                "delivery", "DAILY_DIGEST").statusCode()).isEqualTo(303);
        Document saved = translator.page("/admin/notifications?done=saved");
        assertThat(saved.select("#email").val()).isEqualTo("es@example.org");
        assertThat(saved.select("select#language option[selected]").val()).isEqualTo("es");
        assertThat(notify.preferences().of(editorial.person("translator-es").userId()))
                .isEqualTo(new Preferences.Choice("es@example.org", "es", Delivery.DAILY_DIGEST));
    }

    @Test
    void theMenuCountsUnread_openingOneMarksItReadAndGoesToTheWork_andMarkAllReadEmptiesTheCount() throws Exception {
        long reviewerFr = editorial.person("reviewer-fr").userId();
        notify.inbox().markAllRead(reviewerFr);
        AdminClient reviewer = signedIn("reviewer-fr");
        assertThat(reviewer.page("/admin/").select(".inbox-link .badge")).isEmpty();

        long question = editorial.publishNewQuestion(editorial.topicId(), "Why does my baby startle?",
                "The Moro reflex.", "");
        var fr = editorial.draft(question, "fr", "Pourquoi mon bébé sursaute-t-il ?", "Le réflexe de Moro.");
        app.app().services().workflow().submit(editorial.person("translator-fr"), fr.id());

        Document dashboard = reviewer.page("/admin/");
        assertThat(dashboard.select(".inbox-link .badge").text()).isEqualTo("2");
        Document inbox = reviewer.page("/admin/inbox");
        assertThat(inbox.select(".notification.unread")).hasSize(2);
        assertThat(inbox.select(".notification").first().text())
                .contains("“Pourquoi mon bébé sursaute-t-il ?” (fr) is waiting for your language review");

        long newest = notify.inbox().newest(reviewerFr).get(0).id();
        var opened = reviewer.post("/admin/inbox/" + newest + "/open");
        assertThat(opened.statusCode()).isEqualTo(303);
        assertThat(opened.headers().firstValue("Location").orElseThrow()).endsWith("/admin/revisions/" + fr.id());
        assertThat(notify.inbox().unread(reviewerFr)).isEqualTo(1);

        // someone else's notification is not theirs to read or open
        long editorsNewest = notify.inbox().newest(editorial.person("editor").userId()).get(0).id();
        reviewer.get("/admin/inbox");
        assertThat(reviewer.post("/admin/inbox/" + editorsNewest + "/open").headers().firstValue("Location")
                .orElseThrow()).endsWith("/admin/inbox");
        reviewer.post("/admin/inbox/" + editorsNewest + "/read");
        assertThat(notify.inbox().newest(editorial.person("editor").userId()).get(0).unread()).isTrue();

        reviewer.get("/admin/inbox");
        assertThat(reviewer.post("/admin/inbox/read-all").statusCode()).isEqualTo(303);
        assertThat(notify.inbox().unread(reviewerFr)).isZero();
        assertThat(reviewer.page("/admin/inbox?done=allRead").select(".inbox-link .badge")).isEmpty();
    }

    @Test
    void aComment_reachesTheTextsAuthorAndTheOthersInTheConversation_neverItsWriter() throws Exception {
        long question = editorial.publishNewQuestion(editorial.topicId(), "Can I rock my baby?", "Gently.", "");
        var es = editorial.draft(question, "es", "¿Puedo mecer a mi bebé?", "Con suavidad.");
        var reviewer = editorial.person("reviewer-es");
        long translator = editorial.person("translator-es").userId();
        long clinician = editorial.person("clinician").userId();
        app.app().sessions().inTransaction(s -> notify.notifications().commented(s, reviewer, question, "es", es.id(),
                "«mecer» suena bien.", java.util.List.of(clinician, reviewer.userId())));

        assertThat(notify.inbox().newest(translator).get(0)).satisfies(n -> {
            assertThat(n.event()).isEqualTo(Event.COMMENTED);
            assertThat(n.text()).isEqualTo("«mecer» suena bien.");
            assertThat(n.actorName()).isEqualTo("Demo Spanish Reviewer");
            assertThat(n.path()).isEqualTo("/admin/revisions/" + es.id());
        });
        assertThat(notify.inbox().newest(clinician).get(0).event()).isEqualTo(Event.COMMENTED);
        assertThat(notify.inbox().newest(reviewer.userId())).noneMatch(n -> n.event() == Event.COMMENTED);
    }

    @Test
    void aThreadCommentAndItsReply_reachTheAuthorAndTheTopic_throughTheWorkflowItself() throws Exception {
        long question = editorial.publishNewQuestion(editorial.topicId(), "Does swaddling help?", "Sometimes.", "");
        var fr = editorial.draft(question, "fr", "L’emmaillotage aide-t-il ?", "Parfois.");
        var threads = app.app().services().workflow().threads();
        long translator = editorial.person("translator-fr").userId();
        var reviewer = editorial.person("reviewer-fr");

        long topic = threads.comment(reviewer, fr.id(), "« Parfois » : pouvez-vous préciser ?");
        assertThat(notify.inbox().newest(translator).get(0)).satisfies(n -> {
            assertThat(n.event()).isEqualTo(Event.COMMENTED);
            assertThat(n.text()).isEqualTo("« Parfois » : pouvez-vous préciser ?");
        });

        threads.reply(editorial.person("translator-fr"), topic, "Précisé dans la révision 2.");
        assertThat(notify.inbox().newest(reviewer.userId()).get(0).text()).isEqualTo("Précisé dans la révision 2.");
        assertThat(notify.inbox().newest(translator).get(0).text()).isNotEqualTo("Précisé dans la révision 2.");
    }

    @Test
    void withoutAnSmtpHost_mailIsKeptInTheOutbox_forAdminsOnly() throws Exception {
        notify.preferences().save(editorial.person("translator-ar"), "ar@example.org", "ar", "IMMEDIATE");
        editorial.publishNewQuestion(editorial.topicId(), "Is it epilepsy?", "No.", "");
        notify.mail().deliverDue();

        Document outbox = signedIn("admin").page("/admin/outbox");
        assertThat(outbox.text()).contains("No mail server is set (NIGHTLIGHT_SMTP_HOST)");
        var mail = outbox.select(".outbox-mail").first();
        assertThat(mail.text()).contains("ar@example.org", "Kept in the outbox");
        assertThat(mail.select("h2").text()).isEqualTo("[Nightlight] «Is it epilepsy?» (ar) بحاجة إلى ترجمة");
        assertThat(mail.select("h2").attr("lang")).isEqualTo("ar");

        assertThat(signedIn("translator-ar").get("/admin/outbox").statusCode()).isEqualTo(403);
    }
}
