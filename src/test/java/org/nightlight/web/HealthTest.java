package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.testing.MigrationFiles;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** /health over HTTP, with the database really reachable and really not. */
class HealthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void health_databaseUp_is200WithTheSchemaVersion() throws Exception {
        HttpResponse<String> response = app.get("/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("database").asText()).isEqualTo("UP");
        assertThat(body.path("schemaVersion").asText()).isEqualTo(MigrationFiles.latestVersion());
    }

    @Test
    void health_databaseUnreachable_is503Down_andRecoversWhenItIsBack() throws Exception {
        assertThat(app.get("/health").statusCode()).isEqualTo(200);
        try {
            db.admin("alter database " + db.name() + " allow_connections false");
            db.admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db.name() + "'");

            HttpResponse<String> down = pollUntil(503);
            JsonNode body = JSON.readTree(down.body());
            assertThat(body.path("database").asText()).isEqualTo("DOWN");
            assertThat(body.has("schemaVersion")).isFalse();
            assertThat(down.body()).doesNotContain("Exception").doesNotContain("allow");
            // Not just one killed pooled connection: a fresh connection is refused too (after the pool's timeout).
            HttpResponse<String> stillDown = app.get("/health");
            assertThat(stillDown.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(stillDown.body()).path("database").asText()).isEqualTo("DOWN");
        } finally {
            db.admin("alter database " + db.name() + " allow_connections true");
        }

        HttpResponse<String> up = pollUntil(200);
        assertThat(JSON.readTree(up.body()).path("database").asText()).isEqualTo("UP");
    }

    /** Asks /health again and again (each ask may wait for the pool's 5 s timeout) until it answers the status. */
    private static HttpResponse<String> pollUntil(int status) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpResponse<String> response;
        do {
            response = app.get("/health");
            if (response.statusCode() == status) {
                return response;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("/health did not answer " + status + " within " + PATIENCE + "; last answer "
                + response.statusCode() + ": " + response.body());
    }
}
