package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.nightlight.testing.TestPostgres;

/**
 * NIGHTLIGHT_LOG_FORMAT=json: every log line is one JSON object, and a line logged while serving a request
 * carries that request's id (the X-Request-Id the client got), so a log search finds everything of one request.
 */
class JsonLogsTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    @TempDir
    Path dir;

    @Test
    void withJsonLogs_aRequestsLogLineIsJson_withItsRequestId() throws Exception {
        int port = freePort();
        Path log = dir.resolve("serve.log");
        Settings settings = db.settings();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                // the application's own logging set-up, not the tests' logback-test.xml on this class path
                "-Dlogback.configurationFile=logback.xml", "org.nightlight.Nightlight", "serve"));
        builder.environment().put("NIGHTLIGHT_LOG_FORMAT", "json");
        builder.environment().put("NIGHTLIGHT_PORT", Integer.toString(port));
        builder.environment().put("NIGHTLIGHT_DB_URL", settings.dbUrl().orElseThrow());
        builder.environment().put("NIGHTLIGHT_DB_USER", settings.dbUser());
        builder.environment().put("NIGHTLIGHT_DB_PASSWORD", settings.dbPassword());
        builder.environment().put("NIGHTLIGHT_DB_MIGRATION_USER", settings.dbMigrationUser().orElseThrow());
        builder.environment().put("NIGHTLIGHT_DB_MIGRATION_PASSWORD", settings.dbMigrationPassword());
        builder.environment().put("NIGHTLIGHT_DEMO", "false");
        Process server = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        String requestId;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitHealthy(http, port, server, log);
            // the database refuses new connections: the health check logs that, during the request
            db.admin("alter database \"" + db.name() + "\" allow_connections false");
            db.admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db.name() + "'");
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(503);
            requestId = health.headers().firstValue("X-Request-Id").orElseThrow();
            Thread.sleep(500); // the log line is written before the answer; give the pipe a moment
        } finally {
            db.admin("alter database \"" + db.name() + "\" allow_connections true");
            server.destroy();
            server.waitFor();
        }

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (!line.isBlank()) {
                try {
                    lines.add(json.readTree(line));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError("not one JSON object: " + line, e);
                }
            }
        }
        assertThat(lines).anySatisfy(line -> assertThat(line.path("loggerName").asText()).isEqualTo(App.class.getName()));
        JsonNode logged = lines.stream().filter(l -> requestId.equals(l.path("mdc").path("requestId").asText()))
                .filter(l -> l.path("loggerName").asText().endsWith("HealthResource")).findFirst().orElseThrow(() -> new AssertionError("no line with request id " + requestId + " in "
                        + lines));
        assertThat(logged.path("level").asText()).isEqualTo("WARN");
        assertThat(logged.path("formattedMessage").asText()).startsWith("health check: database unreachable");
        assertThat(logged.path("timestamp").asLong()).isGreaterThan(1_700_000_000_000L);
    }

    private static void awaitHealthy(HttpClient http, int port, Process server, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the server exited: %s", Files.readString(log)).isTrue();
            try {
                // the start is over when the set-up link is logged (no accounts yet), after the first 200
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200
                        && Files.readString(log).contains("No accounts exist yet")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the server did not become healthy within 90 s");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
