package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nightlight.demo.Demo;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RawHttp;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** Malformed input found by a corpus of hostile requests: each gets a 4xx answer, never a 500 or a hang. */
class BadInputTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static RunningApp app;
    static final String PASSWORD = "demo-password-1234";
    static final String QUESTION = "/en/benign-neonatal-sleep-myoclonus/what-is-baby-sleep-myoclonus";

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, a -> Demo.loadIfWanted(a, settings));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"?x=%zz", "?x=%ff", "?x=%", "?q=%C3%28", "?a=1&b=%E0%A4%A"})
    void aMalformedQueryString_onAQuestionPageOrTheSignInPage_isAClientError(String query) throws Exception {
        for (String path : new String[] {QUESTION, "/admin/login", "/en/search"}) {
            RawHttp.Response response = RawHttp.send("127.0.0.1", app.app().port(), "GET", path + query, Map.of(),
                    new byte[0]);
            assertThat(response.status()).as(path + query).isBetween(200, 499).isNotEqualTo(500);
            assertThat(response.body()).as(path + query).doesNotContain("Exception");
        }
    }

    @Test
    void aNulByte_inAUsername_isAFailedSignIn_notAServerError() throws Exception {
        AdminClient client = new AdminClient(app.base());
        HttpResponse<String> response = client.login("edi\u0000tor", PASSWORD);
        assertThat(response.statusCode()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void aNulByte_inARevisionText_isDropped_andTheRestSaved() throws Exception {
        AdminClient editor = new AdminClient(app.base());
        assertThat(editor.login("editor", PASSWORD).statusCode()).isEqualTo(303);
        Document content = editor.page("/admin/content");
        String item = content.select("a[href~=/admin/items/\\d+/en$]").first().attr("href");
        Document form = editor.page(item + "/edit");

        HttpResponse<String> saved = editor.post(item + "/edit", "basedOn", form.select("input[name=basedOn]").val(),
                "title", form.select("input[name=title]").val(), "slug", form.select("input[name=slug]").val(),
                "body", "A body with a NUL \u0000 byte that PostgreSQL refuses.", "sources", "", "note", "n\u0000",
                "action", "save");

        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        Document again = editor.page(item + "/edit");
        assertThat(again.select("textarea[name=body]").text()).isEqualTo("A body with a NUL  byte that PostgreSQL refuses.");
    }

    @Test
    void anOversizedSignInForm_isAClientError() throws Exception {
        AdminClient client = new AdminClient(app.base());
        client.get("/admin/login");
        HttpResponse<String> response = client.post("/admin/login", "username", "a".repeat(400_000), "password", "x");
        assertThat(response.statusCode()).isIn(400, 413);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void anUnsupportedCharset_onAnAdminForm_isAClientError() throws Exception {
        RawHttp.Response response = RawHttp.send("127.0.0.1", app.app().port(), "POST", "/admin/login",
                Map.of("Origin", "http://127.0.0.1:" + app.app().port(),
                        "Content-Type", "application/x-www-form-urlencoded; charset=x-no-such-charset"),
                "username=a&password=b".getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).isBetween(400, 499);
        assertThat(response.body()).doesNotContain("Exception");
    }

    @Test
    void aBodyTheClientNeverFinishes_isAnsweredQuicklyWithAClientError() throws Exception {
        int port = app.app().port();
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /admin/login HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nOrigin: http://127.0.0.1:" + port
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nusername=a")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).matches("HTTP/1\\.1 4\\d\\d");
        }
        assertThat((System.nanoTime() - started) / 1_000_000_000).as("seconds").isLessThan(12);
    }
}
