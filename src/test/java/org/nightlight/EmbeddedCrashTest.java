package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server killed with kill -9 leaves its embedded PostgreSQL running; the next start stops that orphan and
 * comes up on the same data, instead of failing with a misleading message.
 */
class EmbeddedCrashTest {

    @TempDir
    Path dataDir;

    @Test
    void afterKill9_theNextStartStopsTheOrphanedDatabase_andServesTheSameData() throws Exception {
        int port = freePort();
        Process first = start(port);
        try {
            awaitHealthy(port, first);
            assertThat(dataDir.resolve("binaries")).as("binaries unpacked beside the data").isDirectory();
            long orphan = postmasterPid();
            first.destroyForcibly().waitFor();
            assertThat(ProcessHandle.of(orphan)).as("PostgreSQL outlives a kill -9 of the server").isPresent();

            Process second = start(port);
            try {
                awaitHealthy(port, second);
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                // the container health check's command sees it too
                Process health = command(port, "health");
                assertThat(health.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                assertThat(health.exitValue()).isZero();
            } finally {
                second.destroy(); // a normal stop: the shutdown hook stops the database too
                second.waitFor();
            }
        } finally {
            first.destroyForcibly();
        }
        long left = postmasterPidOrZero();
        assertThat(left == 0 || ProcessHandle.of(left).isEmpty()).as("no PostgreSQL left running").isTrue();
    }

    @Test
    void aPortInUse_isFoundBeforeTheDatabaseStarts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            Process server = start(taken.getLocalPort());
            assertThat(server.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).as("exits at once").isTrue();
            assertThat(server.exitValue()).isEqualTo(1);
            try (var logs = Files.list(dataDir)) {
                String log = Files.readString(logs.filter(f -> f.toString().endsWith(".log")).findFirst().orElseThrow());
                assertThat(log).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
            }
            assertThat(dataDir.resolve("postgres")).doesNotExist();
        }
    }

    private Process start(int port) throws Exception {
        return command(port, "serve");
    }

    private Process command(int port, String command) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "org.nightlight.Nightlight", command));
        builder.environment().put("NIGHTLIGHT_DATA_DIR", dataDir.toString());
        builder.environment().put("NIGHTLIGHT_PORT", Integer.toString(port));
        builder.environment().put("NIGHTLIGHT_DEMO", "false");
        builder.environment().remove("NIGHTLIGHT_DB_URL");
        builder.redirectErrorStream(true).redirectOutput(dataDir.resolve(command + "-" + port + "-" + System.nanoTime()
                + ".log").toFile());
        return builder.start();
    }

    private static void awaitHealthy(int port, Process server) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the server exited: see serve-*.log in the data directory").isTrue();
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("the server did not become healthy within 90 s");
    }

    private long postmasterPid() throws Exception {
        long pid = postmasterPidOrZero();
        assertThat(pid).isPositive();
        return pid;
    }

    private long postmasterPidOrZero() throws Exception {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        return Files.exists(pidFile) ? Long.parseLong(Files.readAllLines(pidFile).get(0).strip()) : 0;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
