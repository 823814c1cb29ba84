package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Session lifetime and cookie attributes: the absolute timeout (12 h, by the app's clock, moved by hand), the
 * idle timeout (30 min, kept by Jetty's session store in admin_sessions, aged by SQL), HttpOnly, SameSite=Strict,
 * Path=/admin, and Secure plus HSTS when NIGHTLIGHT_HTTPS=true.
 */
class SessionSecurityTest {

    static final String PASSWORD = "correct horse battery staple 42";

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(), CLOCK, a -> {
            for (String name : List.of("editor", "clinician", "writer", "reader")) {
                a.services().accounts().createSystemUser(new NewUser(name, "Test " + name, "", PASSWORD,
                        Set.of(Role.EDITOR), Set.of(), false));
            }
            a.services().accounts().createSystemUser(new NewUser("boss", "Test admin", "", PASSWORD,
                    Set.of(Role.ADMIN), Set.of(), false));
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static AdminClient signedIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, PASSWORD).statusCode()).isEqualTo(303);
        assertThat(client.get("/admin/").statusCode()).isEqualTo(200);
        return client;
    }

    static void assertSentToLogin(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(java.net.URI.create(response.headers().firstValue("Location").orElseThrow()).getPath())
                .isEqualTo("/admin/login");
    }

    /** The session's row: Jetty stores the id without the ".node0" suffix the cookie carries. */
    static String where(AdminClient client) {
        String id = client.sessionId().orElseThrow().replaceFirst("\\..*$", "");
        return " where session_id = '" + id.replace("'", "") + "'";
    }

    @Test
    void changingOnesPassword_endsEveryOtherSession_andKeepsThisOne() throws Exception {
        AdminClient laptop = signedIn("writer");
        AdminClient phone = signedIn("writer");
        laptop.get("/admin/password");
        CLOCK.advance(java.time.Duration.ofSeconds(5));

        HttpResponse<String> changed = laptop.post("/admin/password", "current", PASSWORD,
                "password", "a new long passphrase 7731", "confirm", "a new long passphrase 7731");

        assertThat(changed.statusCode()).isEqualTo(303);
        assertThat(laptop.get("/admin/").statusCode()).isEqualTo(200);
        assertSentToLogin(phone.get("/admin/"));
        assertThat(new AdminClient(app.base()).login("writer", "a new long passphrase 7731").statusCode())
                .isEqualTo(303);
    }

    @Test
    void aPasswordResetByAnAdmin_endsEverySessionOfThatPerson() throws Exception {
        AdminClient reader = signedIn("reader");
        AdminClient boss = signedIn("boss");
        long id = app.app().services().accounts().byUsername("reader").orElseThrow().id();
        boss.get("/admin/users/" + id);
        CLOCK.advance(java.time.Duration.ofSeconds(5));

        HttpResponse<String> reset = boss.post("/admin/users/" + id + "/password",
                "password", "a reset passphrase 99120", "confirm", "a reset passphrase 99120");

        assertThat(reset.statusCode()).isEqualTo(303);
        assertSentToLogin(reader.get("/admin/"));
        assertThat(boss.get("/admin/").statusCode()).isEqualTo(200);
    }

    @Test
    void absoluteTimeout_endsTheSessionTwelveHoursAfterSignIn_howeverActiveItWas() throws Exception {
        CLOCK.set(Instant.now());
        AdminClient client = signedIn("editor");
        CLOCK.advance(Duration.ofHours(11).plusMinutes(59));
        assertThat(client.get("/admin/").statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofMinutes(2));
        assertSentToLogin(client.get("/admin/"));
        // the session itself is gone, not just refused once
        CLOCK.set(Instant.now());
        assertSentToLogin(client.get("/admin/"));
        assertThat(Rows.strings(db, "select count(*) from admin_sessions" + where(client))).containsExactly("0");
    }

    @Test
    void idleTimeout_isThirtyMinutes_andAnIdleSessionIsSentToSignIn() throws Exception {
        CLOCK.set(Instant.now());
        AdminClient client = signedIn("clinician");
        assertThat(Rows.strings(db, "select max_interval from admin_sessions" + where(client)))
                .containsExactly(String.valueOf(Duration.ofMinutes(30).toMillis()));
        // as if the last request had been 31 minutes ago
        long ago = System.currentTimeMillis() - Duration.ofMinutes(31).toMillis();
        Rows.execute(db, "update admin_sessions set access_time = " + ago + ", last_access_time = " + ago
                + ", expiry_time = " + (ago + Duration.ofMinutes(30).toMillis()) + where(client));
        assertSentToLogin(client.get("/admin/"));
        assertSentToLogin(client.get("/admin/"));
    }

    @Test
    void sessionCookie_isHttpOnly_sameSiteStrict_scopedToAdmin_andNotSecureOverPlainHttp() throws Exception {
        // the sign-in form sets only its signed form token, with the same attributes as the session cookie
        var loginForm = new AdminClient(app.base()).get("/admin/login");
        String cookie = loginForm.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(attributes(cookie)).contains("httponly", "samesite=strict", "path=/admin").doesNotContain("secure");
        assertThat(cookie).startsWith("nightlight_form=");

        AdminClient client = new AdminClient(app.base());
        var signIn = client.login("editor", PASSWORD);
        String session = signIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("nightlight_admin=")).findFirst().orElseThrow();
        assertThat(attributes(session)).contains("httponly", "samesite=strict", "path=/admin");
        // public pages set no cookie and, over plain HTTP, send no HSTS
        var home = app.get("/en/");
        assertThat(home.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(home.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    @Test
    void withHttpsOn_theCookieIsSecure_andEveryResponseCarriesHsts() throws Exception {
        try (RunningApp https = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_HTTPS", "true")))) {
            var login = https.get("/admin/login");
            assertThat(attributes(login.headers().firstValue("Set-Cookie").orElseThrow()))
                    .contains("secure", "httponly", "samesite=strict", "path=/admin");
            for (String path : List.of("/admin/login", "/en/", "/health", "/no-such-page")) {
                assertThat(https.get(path).headers().firstValue("Strict-Transport-Security"))
                        .as(path).hasValue("max-age=31536000; includeSubDomains");
            }
        }
    }

    static List<String> attributes(String setCookie) {
        return java.util.Arrays.stream(setCookie.split(";")).skip(1).map(a -> a.strip().toLowerCase()).toList();
    }
}
