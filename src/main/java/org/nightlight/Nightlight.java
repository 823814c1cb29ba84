package org.nightlight;

import com.zaxxer.hikari.pool.HikariPool;
import java.net.BindException;
import java.util.Arrays;
import java.util.Optional;
import org.nightlight.db.BackupCommand;
import org.nightlight.exchange.ImportCommand;
import org.nightlight.xliff.XliffCommand;
import org.nightlight.xliff.XliffExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: serves the portal, or runs a command (health, import, backup, restore, warm-up). */
public final class Nightlight {

    private static final Logger LOG = LoggerFactory.getLogger(Nightlight.class);

    private Nightlight() {
    }

    public static void main(String[] args) {
        int exit;
        Settings settings = null;
        try {
            settings = Settings.fromEnvironment();
            if (args.length > 0 && "import".equals(args[0])) {
                Settings chosen = settings; // the lambda needs a final copy
                exit = ImportCommand.run(Arrays.copyOfRange(args, 1, args.length), () -> openForImport(chosen));
            } else if (args.length > 0 && XliffCommand.handles(args[0])) {
                Settings chosen = settings;
                exit = XliffCommand.run(args, () -> openForXliff(chosen));
            } else if (args.length > 0 && "warm-up".equals(args[0])) {
                exit = WarmUpCommand.run(Arrays.asList(args).subList(1, args.length), System.getenv(), System.out,
                        System.err);
            } else if (args.length > 0 && "health".equals(args[0])) {
                exit = health(settings);
            } else if (args.length > 0 && ("backup".equals(args[0]) || "restore".equals(args[0]))) {
                exit = BackupCommand.run(args, settings.embeddedDatabase() ? Optional.of(settings.dataDir())
                        : Optional.empty(), System.out, System.err);
            } else if (args.length > 0 && !"serve".equals(args[0])) {
                System.err.println("Unknown command '" + args[0] + "'. Use: serve (default), health, import FILE"
                        + " --language CODE --as USERNAME, xliff-export --language CODE --out FILE, xliff-import --file FILE"
                        + " --as USERNAME, backup --to FILE, restore --from FILE [--replace], or warm-up FILE");
                exit = 2;
            } else {
                exit = serve(settings);
                if (exit == 0) {
                    return;
                }
            }
        } catch (Settings.InvalidSetting | org.nightlight.db.EmbeddedDatabase.Unavailable e) {
            System.err.println("Nightlight cannot start. " + e.getMessage());
            exit = 2;
        } catch (org.nightlight.db.Database.Unreachable e) {
            System.err.println("Nightlight cannot start. " + e.getMessage());
            exit = 1;
        } catch (HikariPool.PoolInitializationException e) {
            String reason = e.getCause() != null && e.getCause().getMessage() != null
                    ? e.getCause().getMessage().strip() : rootMessage(e);
            System.err.println("Nightlight cannot start. The database cannot be reached: " + reason
                    + (reason.endsWith(".") ? "" : ".") + " Check NIGHTLIGHT_DB_URL (" + settings.dbUrl().map(u -> u.replaceFirst("\\?.*", ""))
                            .orElse("embedded") + "), NIGHTLIGHT_DB_USER and NIGHTLIGHT_DB_PASSWORD.");
            exit = 1;
        }
        System.exit(exit);
    }

    /** For container health checks (the image has no curl): 0 when this machine's server answers /health 200. */
    private static int health(Settings settings) {
        try {
            var http = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(2)).build();
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    localOrigin(settings) + "/health")).timeout(java.time.Duration.ofSeconds(4)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            System.out.println(response.statusCode() + " " + response.body());
            return response.statusCode() == 200 ? 0 : 1;
        } catch (java.io.IOException | InterruptedException e) {
            System.out.println("unreachable: " + e);
            return 1;
        }
    }

    /** Where people reach this server: the public URL, else the address it listens on. */
    static String origin(Settings settings, int port) {
        return settings.publicUrl().orElseGet(() -> localOrigin(settings, port));
    }

    private static String localOrigin(Settings settings) {
        return localOrigin(settings, settings.port());
    }

    /** The address it listens on; localhost when that is every interface (an allowed host by default). */
    private static String localOrigin(Settings settings, int port) {
        String bind = settings.bind();
        String host = bind.equals("0.0.0.0") || bind.equals("::") ? "localhost"
                : bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        return "http://" + host + ":" + port;
    }

    private static String portInUse(Settings settings, Exception e) {
        return "Nightlight cannot start. It cannot listen on " + settings.bind() + ":" + settings.port() + " ("
                + rootMessage(e) + "). Another program may be using the port: stop it, or choose another port with"
                + " NIGHTLIGHT_PORT (or another address with NIGHTLIGHT_BIND).";
    }

    /** Serves until the JVM is told to stop; 0 after a clean stop, 1 when the server could not start. */
    private static int serve(Settings settings) {
        long started = System.nanoTime();
        // before the database starts or the demo password is reset: a port in use is found at once
        if (settings.port() != 0) {
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress(settings.bind(), settings.port()));
            } catch (java.io.IOException e) {
                System.err.println(portInUse(settings, e));
                return 1;
            }
        }
        App app = App.open(settings);
        // Registered before the server starts, so a stop at any moment from here closes everything in order.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            app.close();
            LOG.info("stopped");
        }, "nightlight-shutdown"));
        var server = app.newServer(settings.port());
        try {
            app.loadDemoIfWanted();
            server.start();
        } catch (Exception e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                System.err.println(portInUse(settings, e));
                return 1; // the shutdown hook closes the database
            }
            app.close();
            throw new IllegalStateException("start failed: " + e.getMessage(), e);
        }
        LOG.info("Nightlight is serving http://{}:{}/ (started in {} ms)", settings.bind(), app.port(),
                (System.nanoTime() - started) / 1_000_000);
        app.admin().setupToken().ifPresent(token -> LOG.warn("No accounts exist yet. Create the first"
                + " administrator at {}/admin/setup?token={} (this link works once).", origin(settings, app.port()),
                token));
        try {
            server.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The app for one import: no HTTP, closed when the import ends. */
    private static ImportCommand.Services openForImport(Settings settings) {
        App app = App.open(settings);
        return new ImportCommand.Services(app.services().accounts(), app.services().importer(), app::close);
    }

    /** The app for one XLIFF export or import: no HTTP, closed when it ends. */
    private static XliffCommand.Services openForXliff(Settings settings) {
        App app = App.open(settings);
        var s = app.services();
        return new XliffCommand.Services(s.accounts(), XliffExchange.of(s.workflow(), s.queries(), s.accounts(),
                s.languages(), s.glossary()), app::close);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage().strip();
    }
}
