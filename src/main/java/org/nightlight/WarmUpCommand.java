package org.nightlight;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.nightlight.db.EmbeddedDatabase;
import org.nightlight.warmup.SiteWalk;

/**
 * {@code nightlight warm-up FILE}: records what a restarted server loads, so the next starts find it ready.
 * It starts an embedded PostgreSQL in a temporary directory and loads the demo into it, then restarts the
 * server in a second JVM on that database as on any external one (no migration, no demo), with
 * {@code -XX:AOTCacheOutput=FILE} on JDK 25 or newer (the ahead-of-time cache, JEP 483 and 515: classes loaded,
 * linked and profiled) or {@code -XX:ArchiveClassesAtExit=FILE} before (a class-data sharing archive), walks its
 * site ({@link SiteWalk}), stops it (the JVM writes FILE as it exits), stops the database and deletes the
 * directory. Servers then start with {@code -XX:AOTCache=FILE} (or {@code -XX:SharedArchiveFile=FILE}), on the same
 * JDK and the same jar. A training JVM that had also migrated and loaded the demo would put those classes in FILE
 * too, and a start loads everything FILE holds. It never touches the database of {@code NIGHTLIGHT_DB_URL}.
 */
final class WarmUpCommand {

    /** Walks: the first renders every page, the others answer from the page cache, as most requests are. */
    static final int ROUNDS = 3;
    private static final Duration START = Duration.ofMinutes(3);
    /** Writing an AOT cache of this app takes a minute or two on 2 cores. */
    private static final Duration WRITE = Duration.ofMinutes(10);

    private WarmUpCommand() {
    }

    /** 0 when FILE was written and every address answered without a server error; 1 or 2 (usage) otherwise. */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.println("Use: warm-up FILE (the ahead-of-time cache, or class-data archive before JDK 25, to write)");
            return 2;
        }
        Path cache = Path.of(args.get(0)).toAbsolutePath();
        if (!Files.isDirectory(cache.getParent()) || !Files.isWritable(cache.getParent())) {
            err.println("The warm-up cannot write " + cache + ": " + cache.getParent()
                    + " is not a directory it may write to.");
            return 2;
        }
        Path data = null;
        try {
            Path jar = Path.of(WarmUpCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar)) {
                err.println("The warm-up runs from the jar (java -jar nightlight.jar warm-up FILE): class-data"
                        + " caches hold classes from jars only.");
                return 2;
            }
            Files.deleteIfExists(cache);
            data = Files.createTempDirectory("nightlight-warm-up");
            SiteWalk.Outcome outcome = train(jar, cache, data, environment);
            out.println("warm-up: " + outcome.requests() + " requests over " + outcome.pages() + " pages, "
                    + outcome.failures().size() + " failed");
            outcome.failures().forEach(failure -> out.println("  " + failure));
            if (!Files.isRegularFile(cache)) {
                err.println("The warm-up ran, but the JVM wrote no " + cache + " (see its messages above).");
                return 1;
            }
            out.println("wrote " + cache + "; start the server with java " + usingFlag(Runtime.version().feature())
                    + cache + " -jar " + jar);
            return outcome.failures().isEmpty() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("The warm-up was interrupted.");
            return 1;
        } catch (Exception e) {
            err.println("The warm-up could not run: " + e);
            return 1;
        } finally {
            delete(data, err);
        }
    }

    /** Loads the demo here, then serves it from a recording JVM and walks it. */
    private static SiteWalk.Outcome train(Path jar, Path cache, Path data, Map<String, String> environment)
            throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(data)) {
            database.ensureServerRole();
            int port = freePort();
            Map<String, String> restart = environment(environment, database.port(), database.serverPassword(),
                    database.ownerPassword(), port);
            Map<String, String> first = new HashMap<>(restart);
            first.put("NIGHTLIGHT_DEMO", "true");
            try (App app = App.open(Settings.from(first))) {
                app.loadDemoIfWanted();
            }
            ProcessBuilder builder = new ProcessBuilder(command(jar, cache)).inheritIO();
            builder.environment().clear();
            builder.environment().putAll(restart);
            Process server = builder.start();
            // stopped with this JVM (Ctrl-C, a cancelled build): no server left running, no database left behind
            Thread stopServer = new Thread(() -> {
                server.destroyForcibly();
                try {
                    server.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                database.close();
                delete(data, System.err);
            }, "nightlight-warm-up-stop");
            Runtime.getRuntime().addShutdownHook(stopServer);
            try {
                String origin = "http://127.0.0.1:" + port;
                awaitHealthy(server, origin);
                return new SiteWalk(origin).walk(ROUNDS);
            } finally {
                server.destroy(); // a normal exit: the JVM writes its cache
                if (!server.waitFor(WRITE.toSeconds(), TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
                Runtime.getRuntime().removeShutdownHook(stopServer);
            }
        }
    }

    /**
     * The recording server's settings: the operator's (log format, mail sender and the like) without their
     * database, address, proxies or mail server; the embedded database as an external one, a free local port.
     */
    static Map<String, String> environment(Map<String, String> environment, int databasePort, String serverPassword,
            String ownerPassword, int port) {
        Map<String, String> chosen = new HashMap<>(environment);
        chosen.keySet().removeIf(name -> name.startsWith("NIGHTLIGHT_DB_") || name.startsWith("NIGHTLIGHT_SMTP_")
                || name.startsWith("NIGHTLIGHT_DEMO") || List.of("NIGHTLIGHT_PUBLIC_URL", "NIGHTLIGHT_ALLOWED_HOSTS",
                        "NIGHTLIGHT_TRUSTED_PROXIES", "NIGHTLIGHT_HTTPS", "NIGHTLIGHT_DATA_DIR").contains(name));
        chosen.put("NIGHTLIGHT_DB_URL", "jdbc:postgresql://127.0.0.1:" + databasePort + "/postgres");
        chosen.put("NIGHTLIGHT_DB_USER", EmbeddedDatabase.SERVER_ROLE);
        chosen.put("NIGHTLIGHT_DB_PASSWORD", serverPassword);
        chosen.put("NIGHTLIGHT_DB_MIGRATION_USER", EmbeddedDatabase.OWNER_ROLE);
        chosen.put("NIGHTLIGHT_DB_MIGRATION_PASSWORD", ownerPassword);
        chosen.put("NIGHTLIGHT_DEMO", "false");
        chosen.put("NIGHTLIGHT_BIND", "127.0.0.1");
        chosen.put("NIGHTLIGHT_PORT", Integer.toString(port));
        return chosen;
    }

    /** This JVM with its own options (heap and the like: a cache fits the options it was made with), recording. */
    static List<String> command(Path jar, Path cache) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-XX:AOT") && !option.startsWith("-XX:SharedArchiveFile")
                    && !option.startsWith("-XX:ArchiveClassesAtExit") && !option.startsWith("-agentlib")) {
                command.add(option);
            }
        }
        command.add(recordingFlag(Runtime.version().feature()) + cache);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    static String recordingFlag(int jdk) {
        return jdk >= 25 ? "-XX:AOTCacheOutput=" : "-XX:ArchiveClassesAtExit=";
    }

    static String usingFlag(int jdk) {
        return jdk >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void awaitHealthy(Process server, String origin) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the server stopped at start (exit " + server.exitValue() + ")");
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(origin + "/health")).timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server did not answer /health within " + START.toMinutes() + " minutes");
    }

    private static void delete(Path directory, PrintStream err) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            err.println("The warm-up's temporary database could not be deleted: " + e);
        }
    }
}
