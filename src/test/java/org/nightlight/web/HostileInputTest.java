package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nightlight.App;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.slf4j.LoggerFactory;

/**
 * Whatever a visitor sends, the answer is a page in their language with a request id and the security
 * headers: a 4xx for anything malformed, never a 5xx, never a stack trace, never their input reflected
 * unescaped. Requests go over a raw socket, since a well-behaved client refuses to send most of them.
 */
class HostileInputTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static final Messages MESSAGES = new Messages();

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    record Raw(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/en/%E0%A4%A", "/%ff/", "/en/..%2f..%2fetc", "/en/%2e%2e/%2e%2e/etc/passwd",
        "/en/%c0%af/", "/en/x%00y/", "/ar/%D8/", "/en/%/", "/%%%/", "/en/<script>alert(1)</script>/",
        "/ar/<script>alert(1)</script>", "/en/\"onmouseover=alert(1)\"/", "/en/%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
        "/ar/%3Cscript%3Ealert(1)%3C/script%3E", "/static/..%2f..%2fApp.class", "/static/%2e%2e/templates/layout.html",
        "/en/../../etc/passwd", "//en//", "/en/%u0041/", "/\\en\\", "/en/;jsessionid=1/"})
    void malformedOrHostileAddresses_getAClientErrorPage_neverAServerErrorOrTheirInputBack(String path)
            throws Exception {
        Raw response = raw("GET", path, "Accept-Language", "ar");
        assertThat(response.status()).as(path).isBetween(400, 499);
        assertSafeErrorPage(path, response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/en/?q=<script>alert(1)</script>", "/en/?%zz=1", "/en/?a=%ff&b=%", "/?x=%",
        "/language?to=ar&next=%zz", "/language?to=%ff", "/language?to=ar&to=en", "/ar/?next=//evil.example",
        "/sitemap.xml?<script>=1", "/robots.txt?%00"})
    void oddQueryParameters_getANormalAnswerOrAClientError(String path) throws Exception {
        Raw response = raw("GET", path);
        assertThat(response.status()).as(path).isLessThan(500);
        assertThat(response.body()).doesNotContainIgnoringCase("<script>alert").doesNotContain("Exception");
        String location = response.header("Location");
        assertThat(location == null ? "" : location).doesNotContain("<", "evil.example");
        assertSecurityHeaders(path, response);
    }

    @Test
    void anOverLongAddress_isRefused_andALongSlugIsNotFound() throws Exception {
        Raw tooLong = raw("GET", "/en/" + "a".repeat(9_000) + "/");
        assertThat(tooLong.status()).isEqualTo(414);
        assertSafeErrorPage("414", tooLong);
        Raw longSlug = raw("GET", "/ar/" + "%D8%A7".repeat(400) + "/");
        assertThat(longSlug.status()).isEqualTo(404);
        assertSafeErrorPage("long slug", longSlug);
        Raw longQuery = raw("GET", "/en/?q=" + "b".repeat(9_000));
        assertThat(longQuery.status()).isEqualTo(414);
        assertThat(raw("GET", "/en/?q=" + "c".repeat(3_000)).status()).isEqualTo(200);
    }

    @Test
    void anOverLargeHeader_isRefusedWithASafePage() throws Exception {
        Raw response = raw("GET", "/en/", "X-Padding", "p".repeat(20_000));
        assertThat(response.status()).isEqualTo(431);
        assertSafeErrorPage("431", response);
    }

    @Test
    void aMalformedLanguageHeader_onAMissingPage_givesTheEnglishNotFoundPage() throws Exception {
        Raw response = raw("GET", "/nothing-here", "Accept-Language", ";;;,q=,<script>");
        assertThat(response.status()).isEqualTo(404);
        assertThat(Jsoup.parse(response.body()).selectFirst("h1").text())
                .isEqualTo(MESSAGES.get(Locale.ENGLISH, "error.notFound.title"));
        assertSafeErrorPage("404", response);
    }

    @Test
    void notFound_inEnglishAndArabic_isALocalizedPageWithTheRequestId() throws Exception {
        for (String lang : List.of("en", "ar")) {
            for (String path : List.of("/" + lang + "/no-such-topic/", "/" + lang + "/no-such-topic/no-such-question",
                    "/static/no-such-file.css", "/no-such-page")) {
                Raw response = raw("GET", path, "Accept-Language", lang);
                assertThat(response.status()).as(path).isEqualTo(404);
                Document page = Jsoup.parse(response.body());
                Locale locale = Locale.forLanguageTag(lang);
                assertThat(page.selectFirst("html").attr("lang")).as(path).isEqualTo(lang);
                assertThat(page.selectFirst("html").attr("dir")).isEqualTo(lang.equals("ar") ? "rtl" : "ltr");
                assertThat(page.select("h1").eachText()).as(path)
                        .containsExactly(MESSAGES.get(locale, "error.notFound.title"));
                assertThat(page.text()).contains(MESSAGES.get(locale, "error.notFound.text"));
                assertSafeErrorPage(path, response);
            }
        }
    }

    @Test
    void aBadAddressUnderArabic_isExplainedInArabic() throws Exception {
        Raw response = raw("GET", "/ar/%ff/", "Accept-Language", "en");
        assertThat(response.status()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.selectFirst("html").attr("dir")).isEqualTo("rtl");
        assertThat(page.selectFirst("h1").text()).isEqualTo(MESSAGES.get(Locale.forLanguageTag("ar"),
                "error.other.title"));
        assertThat(page.text()).contains(MESSAGES.get(Locale.forLanguageTag("ar"), "error.request.text"));
    }

    @Test
    void otherMethods_getAClientErrorPage() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "TRACE", "PROPFIND")) {
            Raw response = raw(method, "/en/");
            assertThat(response.status()).as(method).isBetween(400, 499);
            assertSecurityHeaders(method, response);
            assertThat(response.body()).doesNotContain("Exception");
        }
        assertThat(raw("POST", "/en/").header("Allow")).contains("GET");
    }

    @Test
    void securityHeaders_areOnEveryKindOfResponse() throws Exception {
        String question = app.page("/en/benign-neonatal-sleep-myoclonus/").selectFirst("nav.toc a").attr("href");
        for (String path : List.of("/", "/en/", "/en", "/en/benign-neonatal-sleep-myoclonus/", question,
                "/static/site.css", "/static/nope.css", "/en/nope/", "/%ff/", "/robots.txt", "/sitemap.xml",
                "/language?to=ar", "/language?to=xx", "/health")) {
            assertSecurityHeaders(path, raw("GET", path));
        }
    }

    @Test
    void theServerDoesNotAnnounceItsSoftwareOrVersion() throws Exception {
        for (String path : List.of("/en/", "/%ff/", "/static/nope.css")) {
            assertThat(raw("GET", path).header("Server")).as(path).isNull();
        }
    }

    @Test
    void theServerDoesNotDescribeItsAddresses_toAnyone() throws Exception {
        for (String path : List.of("/application.wadl", "/application.wadl?detail=true", "/application.wadl/xsd0.xsd")) {
            Raw response = raw("GET", path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertSafeErrorPage(path, response);
        }
        for (String path : List.of("/admin/login", "/admin/", "/en/search", "/en/")) {
            Raw response = raw("OPTIONS", path);
            assertThat(response.status()).as(path).isLessThan(500);
            assertThat(String.valueOf(response.header("Content-Type"))).as(path).doesNotContain("wadl");
            assertThat(response.body()).as(path).doesNotContainIgnoringCase("jersey").doesNotContain("<resource");
        }
    }

    @Test
    void aDatabaseFailure_showsALocalizedPageWithTheRequestId_andTheLogHasTheFailureWithThatId() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(ErrorPages.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try (RunningApp broken = RunningApp.start(db.settings())) {
            broken.app().dataSource().close(); // every database call now fails: to readers, it is unavailable
            for (String lang : List.of("en", "ar")) {
                Raw response = raw(broken.app().port(), "GET", "/" + lang + "/", "Accept-Language", lang);
                assertThat(response.status()).isEqualTo(503);
                assertThat(response.header("Retry-After")).isNotNull();
                Locale locale = Locale.forLanguageTag(lang);
                Document page = Jsoup.parse(response.body());
                assertThat(page.selectFirst("html").attr("lang")).isEqualTo(lang);
                assertThat(page.select("h1").eachText()).containsExactly(MESSAGES.get(locale, "error.other.title"));
                assertThat(page.text()).contains(MESSAGES.get(locale, "error.unavailable.text"));
                assertSafeErrorPage(lang, response);
                assertThat(response.body()).doesNotContainIgnoringCase("hikari").doesNotContainIgnoringCase("sql")
                        .doesNotContain("closed");
                String id = response.header("X-Request-Id");
                assertThat(log.list).anySatisfy(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.ERROR);
                    assertThat(event.getFormattedMessage()).contains(id);
                    assertThat(event.getThrowableProxy()).isNotNull();
                });
            }
        } finally {
            logger.detachAppender(log);
        }
    }

    // --- checks -------------------------------------------------------------------------------------

    /** A small HTML page: the request id it shows is the one in the header, and nothing internal or echoed. */
    private static void assertSafeErrorPage(String what, Raw response) {
        assertSecurityHeaders(what, response);
        assertThat(response.header("Content-Type")).as(what).startsWith("text/html");
        assertThat(response.header("Cache-Control")).as(what).isEqualTo("no-store");
        String body = response.body();
        assertThat(body).as(what).doesNotContainIgnoringCase("<script").doesNotContain("alert(1)")
                .doesNotContain("onmouseover").doesNotContain("Exception").doesNotContain("at org.")
                .doesNotContain("Caused by").doesNotContainIgnoringCase("jetty").doesNotContain("etc/passwd")
                .doesNotContain("%2f").doesNotContain("%ff").doesNotContain("aaaaaaaaaa");
        Document page = Jsoup.parse(body);
        assertThat(page.select("h1")).as(what).hasSize(1);
        String id = response.header("X-Request-Id");
        assertThat(id).as(what).matches("[0-9a-f]{12}");
        assertThat(page.selectFirst(".request-id").text()).as(what).contains(id);
    }

    private static void assertSecurityHeaders(String what, Raw response) {
        String csp = response.header("Content-Security-Policy");
        assertThat(csp).as(what + " CSP").isNotNull()
                .contains("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(response.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
        assertThat(response.header("Referrer-Policy")).as(what).isEqualTo("strict-origin-when-cross-origin");
    }

    // --- a raw HTTP/1.1 client ------------------------------------------------------------------------

    private static Raw raw(String method, String target, String... headers) throws IOException {
        return raw(app.app().port(), method, target, headers);
    }

    private static Raw raw(int port, String method, String target, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\nConnection: close\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            if (!method.equals("GET")) {
                request.append("Content-Length: 0\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        }
    }

    private static Raw parse(byte[] bytes) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int end = all.indexOf("\r\n\r\n");
        String[] lines = all.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).equalsIgnoreCase("chunked")) {
            body = dechunk(body);
        }
        return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0]
                    .trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }
}
