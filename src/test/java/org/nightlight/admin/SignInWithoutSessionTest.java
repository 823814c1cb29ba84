package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Role;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.MutableClock;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Showing the sign-in form and refusing a sign-in store no session: the form's token is a signed double-submit
 * value (cookie and hidden field, HMAC-SHA256 keyed by the secret V9 made in server_secrets).
 */
class SignInWithoutSessionTest {

    static final String PASSWORD = "correct horse battery staple 42";

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(), CLOCK, a -> a.services().accounts().createSystemUser(new NewUser("writer",
                "Test writer", "", PASSWORD, Set.of(Role.EDITOR), Set.of(), false)));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void showingTheForm_andFailedSignIns_storeNoSession() throws Exception {
        long before = Rows.count(db, "admin_sessions");
        for (int i = 0; i < 20; i++) {
            AdminClient client = new AdminClient(app.base());
            assertThat(client.get("/admin/login").statusCode()).isEqualTo(200);
            assertThat(client.get("/admin/login?next=/admin/users").statusCode()).isEqualTo(200);
            // another name each time, so the throttle does not answer instead of the password check
            assertThat(client.post("/admin/login", "username", "writer" + i, "password", "wrong " + i).statusCode())
                    .isEqualTo(401);
            assertThat(client.sessionId()).isEmpty();
        }
        assertThat(Rows.count(db, "admin_sessions")).isEqualTo(before);
        // past the throttle's wait for this address, for the other tests
        CLOCK.advance(Duration.ofHours(1));
    }

    @Test
    void theFormToken_isACookieAndAHiddenField_withTheSessionCookiesAttributes() throws Exception {
        HttpResponse<String> form = new AdminClient(app.base()).get("/admin/login");
        List<String> cookies = form.headers().allValues("Set-Cookie");
        assertThat(cookies).singleElement().asString().startsWith(SignedFormToken.COOKIE + "=");
        assertThat(SessionSecurityTest.attributes(cookies.get(0)))
                .contains("httponly", "samesite=strict", "path=/admin").doesNotContain("secure");
        String cookie = cookies.get(0).substring(cookies.get(0).indexOf('=') + 1, cookies.get(0).indexOf(';'));
        assertThat(Jsoup.parse(form.body()).select("input[name=_csrf]").attr("value")).isEqualTo(cookie);
    }

    @Test
    void signIn_stillWorks_andStartsTheOnlySession_underANewId() throws Exception {
        AdminClient client = new AdminClient(app.base());
        client.get("/admin/login");
        assertThat(client.sessionId()).isEmpty();
        assertThat(client.post("/admin/login", "username", "writer", "password", PASSWORD).statusCode())
                .isEqualTo(303);
        String first = client.sessionId().orElseThrow();
        assertThat(client.get("/admin/").statusCode()).isEqualTo(200);

        // signing in again from a signed-in session replaces its id
        client.get("/admin/login");
        assertThat(client.post("/admin/login", "username", "writer", "password", PASSWORD).statusCode())
                .isEqualTo(303);
        assertThat(client.sessionId().orElseThrow()).isNotEqualTo(first);
        assertThat(client.get("/admin/").statusCode()).isEqualTo(200);
    }

    @Test
    void aForgedMissingOrMismatchedToken_isRefusedAsAnExpiredForm_keepingTheUsername() throws Exception {
        long sessions = Rows.count(db, "admin_sessions");
        AdminClient client = new AdminClient(app.base());
        String token = client.get("/admin/login").body();
        String genuine = Jsoup.parse(token).select("input[name=_csrf]").attr("value");
        String[] parts = genuine.split("\\.");
        String forgedMac = parts[0] + "." + parts[1] + "." + "A".repeat(parts[2].length());
        String otherNonce = "B".repeat(parts[0].length()) + "." + parts[1] + "." + parts[2];

        // missing field; a field other than the cookie; a cookie and field that agree but were not signed here
        for (List<Map.Entry<String, String>> form : List.of(
                List.of(Map.entry("username", "writer"), Map.entry("password", PASSWORD)),
                List.of(Map.entry("_csrf", otherNonce), Map.entry("username", "writer"),
                        Map.entry("password", PASSWORD)))) {
            HttpResponse<String> refused = client.postFields("/admin/login", form);
            assertRefusedKeepingTheUsername(refused);
        }
        HttpResponse<String> forged = postWithCookie(forgedMac, forgedMac);
        assertRefusedKeepingTheUsername(forged);
        HttpResponse<String> noCookie = postWithCookie(null, genuine);
        assertRefusedKeepingTheUsername(noCookie);
        assertThat(Rows.count(db, "admin_sessions")).isEqualTo(sessions);
    }

    private static void assertRefusedKeepingTheUsername(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).isEqualTo(403);
        var page = Jsoup.parse(refused.body());
        assertThat(page.select("h1").text()).isEqualTo("Please send the form again");
        assertThat(page.select("textarea[name=username]").text()).isEqualTo("writer");
        assertThat(page.select("[name=password]")).isEmpty();
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("nightlight_admin="));
    }

    /** A sign-in with exactly this cookie (or none) and this token, as a forger would send it. */
    private static HttpResponse<String> postWithCookie(String cookie, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.base() + "/admin/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token + "&username=writer&password=x"));
        if (cookie != null) {
            request.header("Cookie", SignedFormToken.COOKIE + "=" + cookie);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
