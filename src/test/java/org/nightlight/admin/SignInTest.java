package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

class SignInTest {

    static final String PASSWORD = "correct horse battery staple 42";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        // time stands still for the services: a throttle's wait never runs out while a slow machine signs in
        app = RunningApp.start(settings, new org.nightlight.testing.MutableClock(java.time.Instant.now()),
                App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void adminPages_withoutSignIn_redirectToTheLoginForm() throws Exception {
        var response = new AdminClient(app.base()).get("/admin/");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).contains("/admin/login?next=");
    }

    @Test
    void signIn_renewsTheSessionId_andShowsMyWork() throws Exception {
        AdminClient client = new AdminClient(app.base());
        client.get("/admin/login");
        // the form stores no session; an id planted by someone else is not taken on
        assertThat(client.sessionId()).isEmpty();
        String planted = "planted0123456789abcdef";
        client.cookies().add(java.net.URI.create(app.base() + "/admin/"),
                cookie("nightlight_admin", planted));
        var response = client.post("/admin/login", "username", "clinician", "password", PASSWORD);
        assertThat(response.statusCode()).isEqualTo(303);
        String session = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("nightlight_admin=")).findFirst().orElseThrow();
        assertThat(session).doesNotContain(planted);
        client.cookies().removeAll();
        client.cookies().add(java.net.URI.create(app.base() + "/admin/"),
                cookie("nightlight_admin", session.substring("nightlight_admin=".length(), session.indexOf(';'))));
        var dashboard = client.page("/admin/");
        assertThat(dashboard.select("h1").text()).isEqualTo("My work");
        assertThat(dashboard.select("header").text()).contains("Dr Demo Clinician");
        // the demo left its French question in review without a medical review: this clinician's to sign off
        assertThat(dashboard.select("#toSignOff tbody tr a").eachText()).singleElement().asString()
                .startsWith("Pourquoi mon bébé se réveille-t-il en pleurant");
        // and work for others (translations to do, the French language review): not in "my work"
        assertThat(dashboard.select("main section.queue").eachAttr("id")).doesNotContain("toTranslate", "toReview",
                "readyToPublish");
    }

    static java.net.HttpCookie cookie(String name, String value) {
        java.net.HttpCookie cookie = new java.net.HttpCookie(name, value);
        cookie.setPath("/admin");
        cookie.setVersion(0);
        return cookie;
    }

    @Test
    void wrongPassword_andUnknownUser_getTheSameMessage() throws Exception {
        var wrong = new AdminClient(app.base()).login("editor", "not the password at all");
        var unknown = new AdminClient(app.base()).login("nobody-here", "not the password at all");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        String message = org.jsoup.Jsoup.parse(wrong.body()).select(".form-error").text();
        assertThat(message).isEqualTo("The username or password is not right.");
        assertThat(org.jsoup.Jsoup.parse(unknown.body()).select(".form-error").text()).isEqualTo(message);
        assertThat(org.jsoup.Jsoup.parse(wrong.body()).select("#username").attr("value")).isEqualTo("editor");
    }

    @Test
    void repeatedFailures_areThrottled_evenWithTheRightPassword() throws Exception {
        AdminClient client = new AdminClient(app.base());
        for (int i = 0; i < 5; i++) {
            client.login("reviewer-ar", "wrong password number " + i);
        }
        var response = client.login("reviewer-ar", PASSWORD);
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(client.get("/admin/").statusCode()).isEqualTo(303);
    }

    @Test
    void postWithoutTheFormToken_isRefused_andShowsTheTextAgain() throws Exception {
        AdminClient client = new AdminClient(app.base());
        client.login("editor", PASSWORD);
        client.get("/admin/");
        var response = client.postRaw("/admin/password", Map.of("_csrf", "forged", "note", "my careful words"));
        assertThat(response.statusCode()).isEqualTo(403);
        var page = org.jsoup.Jsoup.parse(response.body());
        assertThat(page.select("textarea[name=note]").text()).isEqualTo("my careful words");
        assertThat(page.select("input[name=_csrf]").attr("value")).isEqualTo(client.csrf()).isNotEqualTo("forged");
    }

    @Test
    void logout_endsTheSession() throws Exception {
        AdminClient client = new AdminClient(app.base());
        client.login("translator-fr", PASSWORD);
        assertThat(client.get("/admin/").statusCode()).isEqualTo(200);
        client.post("/admin/logout");
        assertThat(client.get("/admin/").statusCode()).isEqualTo(303);
    }

    @Test
    void translatorsDashboard_listsTheirQueues() throws Exception {
        AdminClient client = new AdminClient(app.base());
        client.login("reviewer-fr", PASSWORD);
        var dashboard = client.page("/admin/");
        // the demo left one French translation submitted and not yet reviewed
        assertThat(dashboard.select("#toReview tbody tr").size()).isEqualTo(1);
        assertThat(dashboard.select("#toReview .count").text()).isEqualTo("1");
    }

    @Test
    void editorsDashboard_showsRecentReaderFeedback_translatorsDoesNot() throws Exception {
        try (var c = db.connect(); var st = c.createStatement()) {
            st.execute("""
                    insert into feedback (item_id, language_code, revision_id, helpful, comment)
                    select p.item_id, p.language_code, p.revision_id, false, 'The <b>jerks</b> part was unclear'
                    from publications p join content_items i on i.id = p.item_id
                    where i.kind = 'QUESTION' and p.language_code = 'fr' and p.ended_at is null limit 1""");
        }
        AdminClient editor = new AdminClient(app.base());
        editor.login("editor", PASSWORD);
        var recent = editor.page("/admin/").select("#recentFeedback li");
        assertThat(recent).hasSize(1);
        assertThat(recent.text()).contains("Not helpful", "(fr)", "The <b>jerks</b> part was unclear");
        assertThat(recent.select("b")).isEmpty();

        AdminClient translator = new AdminClient(app.base());
        translator.login("translator-es", PASSWORD);
        assertThat(translator.page("/admin/").select("#recentFeedback")).isEmpty();
    }
}
