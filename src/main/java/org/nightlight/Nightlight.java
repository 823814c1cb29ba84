package org.nightlight;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Entry point: serves the portal, or runs a command (import). */
public final class Nightlight {

    private static final Logger LOG = LoggerFactory.getLogger(Nightlight.class);

    private Nightlight() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            Settings settings = Settings.fromEnvironment();
            if (args.length > 0 && "import".equals(args[0])) {
                exit = org.nightlight.exchange.ImportCommand.run(settings, Arrays.copyOfRange(args, 1, args.length));
            } else if (args.length > 0 && !"serve".equals(args[0])) {
                System.err.println("Unknown command '" + args[0] + "'. Use: serve (default) or import FILE --language CODE");
                exit = 2;
            } else {
                serve(settings);
                return;
            }
        } catch (Settings.InvalidSetting | org.nightlight.db.EmbeddedDatabase.Unavailable e) {
            System.err.println("Nightlight cannot start. " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    private static void serve(Settings settings) {
        long started = System.nanoTime();
        App app = App.open(settings);
        try {
            var server = app.newServer(settings.port());
            org.nightlight.demo.Demo.loadIfWanted(app, settings);
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("shutting down");
                app.close();
            }, "nightlight-shutdown"));
            LOG.info("Nightlight is serving http://{}:{}/ (started in {} ms)", settings.bind(), app.port(),
                    (System.nanoTime() - started) / 1_000_000);
            app.admin().setupToken().ifPresent(token -> LOG.warn("No accounts exist yet. Create the first"
                    + " administrator at http://{}:{}/admin/setup?token={} (this link works once).",
                    settings.bind(), app.port(), token));
            server.join();
        } catch (Exception e) {
            app.close();
            throw new IllegalStateException("start failed: " + e.getMessage(), e);
        }
    }
}
