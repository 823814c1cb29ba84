package org.nightlight.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.nightlight.App;
import org.nightlight.Settings;

/** The whole application started in-process on a free port, with a plain HTTP client. */
public final class RunningApp implements AutoCloseable {

    private final App app;
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RunningApp(App app) {
        this.app = app;
    }

    /** Opens the app; {@code beforeStart} runs between wiring and serving, as demo loading does in main. */
    public static RunningApp start(Settings settings, java.util.function.Consumer<App> beforeStart) throws Exception {
        return start(settings, java.time.Clock.systemUTC(), beforeStart);
    }

    /** As above with the clock every service and the admin guard read (a {@link MutableClock} in timeout tests). */
    public static RunningApp start(Settings settings, java.time.Clock clock, java.util.function.Consumer<App> beforeStart)
            throws Exception {
        return start(settings, clock, java.util.function.UnaryOperator.identity(), beforeStart);
    }

    /** As above with {@code around} wrapped around the app's connection pool (statement counting). */
    public static RunningApp start(Settings settings, java.time.Clock clock,
            java.util.function.UnaryOperator<javax.sql.DataSource> around, java.util.function.Consumer<App> beforeStart)
            throws Exception {
        App app = App.open(settings, clock, around);
        try {
            var server = app.newServer(0);
            beforeStart.accept(app);
            server.start();
            return new RunningApp(app);
        } catch (Exception | Error e) {
            app.close();
            throw e;
        }
    }

    public static RunningApp start(Settings settings) throws Exception {
        return start(settings, app -> { });
    }

    public App app() {
        return app;
    }

    public String base() {
        return "http://127.0.0.1:" + app.port();
    }

    public HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public Document page(String path, String... headers) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, headers);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Jsoup.parse(response.body(), base() + path);
    }

    @Override
    public void close() {
        app.close();
    }
}
