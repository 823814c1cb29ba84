package org.nightlight.xliff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** The admin's exchange page over real HTTP: download, upload with the form token, refusals as 4xx pages. */
class ExchangeAdminTest {

    static final String PASSWORD = "agencies send their lanterns home";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static XliffFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD)),
                App::loadDemoIfWanted);
        fixture = new XliffFixture(app.app());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aTranslator_downloadsTheirLanguage_andUploadsItBackAsDrafts() throws Exception {
        AdminClient client = signedIn("translator-fr");
        var page = client.page("/admin/exchange");
        assertThat(page.select("a[href=/admin/exchange]")).isNotEmpty();
        assertThat(page.select("select[name=language] option").eachAttr("value")).containsExactly("fr");

        HttpResponse<String> download = client.get("/admin/exchange/export?language=fr");
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("application/xliff+xml"));
        assertThat(download.headers().firstValue("Content-Disposition")).contains("attachment; filename=\"nightlight-fr.xlf\"");
        assertThat(client.get("/admin/exchange/export?language=es").statusCode()).isEqualTo(400);

        long item = fixture.newQuestion("Can a baby have yoghurt?");
        client.page("/admin/exchange");
        String back = XliffFixture.translated(client.get("/admin/exchange/export?language=fr").body(), item,
                XliffImportTest::french);
        HttpResponse<String> upload = upload(client, back, client.csrf());
        assertThat(upload.statusCode()).isEqualTo(200);
        assertThat(upload.body()).contains("/admin/items/" + item + "/fr");
        assertThat(fixture.editorial.latest(item, "fr").text().title()).isEqualTo("CAN A BABY HAVE YOGHURT?");
    }

    @Test
    void aRefusedFile_isA400PageNamingTheProblem() throws Exception {
        AdminClient client = signedIn("translator-fr");
        assertThat(new org.nightlight.testing.HtmlChecker().errors(client.get("/admin/exchange").body())).isEmpty();
        HttpResponse<String> upload = upload(client, "<xliff/>", client.csrf());
        assertThat(upload.statusCode()).isEqualTo(400);
        assertThat(upload.body()).contains("XLIFF 2");
        assertThat(new org.nightlight.testing.HtmlChecker().errors(upload.body())).isEmpty();
        assertThat(upload(client, "", client.csrf()).statusCode()).isEqualTo(400);
    }

    @Test
    void anUploadWithoutTheFormToken_isRefused() throws Exception {
        AdminClient client = signedIn("translator-fr");
        client.page("/admin/exchange");
        assertThat(upload(client, "<xliff/>", "forged").statusCode()).isEqualTo(403);
    }

    @Test
    void aClinician_hasNoExchangePage() throws Exception {
        assertThat(signedIn("clinician").get("/admin/exchange").statusCode()).isEqualTo(403);
    }

    private static AdminClient signedIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, PASSWORD).statusCode()).isEqualTo(303);
        return client;
    }

    /** A browser's multipart upload of the form: the token field, then the file. */
    private static HttpResponse<String> upload(AdminClient client, String file, String token) throws Exception {
        String boundary = "----nightlight" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + token + "\r\n")
                .getBytes(UTF_8));
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"fr.xlf\"\r\n"
                + "Content-Type: application/xliff+xml\r\n\r\n").getBytes(UTF_8));
        body.write(file.getBytes(UTF_8));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(client.cookies(), CookiePolicy.ACCEPT_ALL)).build();
        return http.send(HttpRequest.newBuilder(URI.create(app.base() + "/admin/exchange/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
