package org.nightlight.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** A browser-like admin session over plain HTTP: keeps cookies, reads the form token from pages. */
public final class AdminClient {

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    public AdminClient(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        rememberToken(response.body());
        return response;
    }

    public Document page(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Jsoup.parse(response.body(), base + path);
    }

    /** POSTs a form with this session's token (fetch a page first); a name may repeat (checkboxes). */
    public HttpResponse<String> post(String path, String... fields) throws IOException, InterruptedException {
        java.util.List<Map.Entry<String, String>> form = new java.util.ArrayList<>();
        if (csrf != null) {
            form.add(Map.entry("_csrf", csrf));
        }
        for (int i = 0; i + 1 < fields.length; i += 2) {
            form.add(Map.entry(fields[i], fields[i + 1]));
        }
        return postFields(path, form);
    }

    public HttpResponse<String> postRaw(String path, Map<String, String> form) throws IOException,
            InterruptedException {
        return postFields(path, new java.util.ArrayList<>(form.entrySet()));
    }

    /** POSTs exactly these fields, in order, repeated names included. */
    public HttpResponse<String> postFields(String path, java.util.List<Map.Entry<String, String>> form)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach(e -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        rememberToken(response.body());
        return response;
    }

    /** Signs in through the login form; returns the response to the POST. */
    public HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
        get("/admin/login");
        return post("/admin/login", "username", username, "password", password);
    }

    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("nightlight_admin"))
                .map(HttpCookie::getValue).findFirst();
    }

    /** The cookies this client sends (a test may plant one). */
    public java.net.CookieStore cookies() {
        return cookies.getCookieStore();
    }

    public String csrf() {
        return csrf;
    }

    private void rememberToken(String html) {
        if (html != null && html.contains("name=\"_csrf\"")) {
            var input = Jsoup.parse(html).selectFirst("input[name=_csrf]");
            if (input != null) {
                csrf = input.attr("value");
            }
        }
    }
}
