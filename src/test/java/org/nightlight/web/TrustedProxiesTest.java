package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.testing.RawHttp;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Behind a reverse proxy every reader would share the proxy's address (one rate-limit bucket, one sign-in
 * throttle): the forwarded client address is believed, but only from the addresses of
 * NIGHTLIGHT_TRUSTED_PROXIES; anyone else sending X-Forwarded-For is ignored.
 */
class TrustedProxiesTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    private static List<String> failedSignInClients(Map<String, String> extra) throws Exception {
        try (RunningApp app = RunningApp.start(db.settings(extra))) {
            int port = app.app().port();
            RawHttp.Response form = RawHttp.send("127.0.0.1", port, "GET", "/admin/login", Map.of(), new byte[0]);
            String cookie = form.header("Set-Cookie").split(";", 2)[0];
            String token = org.jsoup.Jsoup.parse(form.body()).selectFirst("input[name=_csrf]").attr("value");
            RawHttp.postForm("127.0.0.1", port, "/admin/login", Map.of("X-Forwarded-For", "203.0.113.9",
                    "Origin", "http://127.0.0.1:" + port, "Cookie", cookie),
                    "_csrf=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8)
                            + "&username=nobody&password=x");
        }
        List<String> clients = Rows.strings(db, "select client from audit_events where action = 'LOGIN_FAILED'"
                + " order by id");
        Rows.execute(db, "set session_replication_role = replica; delete from audit_events;"
                + " set session_replication_role = origin");
        return clients;
    }

    @Test
    void theForwardedAddress_isBelievedFromATrustedProxyOnly() throws Exception {
        assertThat(failedSignInClients(Map.of())).containsExactly("127.0.0.1");
        assertThat(failedSignInClients(Map.of("NIGHTLIGHT_TRUSTED_PROXIES", "10.9.9.9"))).containsExactly("127.0.0.1");
        assertThat(failedSignInClients(Map.of("NIGHTLIGHT_TRUSTED_PROXIES", "127.0.0.1, ::1")))
                .containsExactly("203.0.113.9");
    }
}
