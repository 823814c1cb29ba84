package org.nightlight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.nightlight.App;
import org.nightlight.Settings;
import org.nightlight.content.Publication;
import org.nightlight.content.Revision;
import org.nightlight.exchange.FaqImporter;
import org.nightlight.exchange.FaqParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Demo mode: on the first start, the seed FAQ so the public site shows something at once. */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
    static final String TOPIC = "Benign neonatal sleep myoclonus";

    private Demo() {
    }

    public static void loadIfWanted(App app, Settings settings) {
        if (!settings.demo()) {
            return;
        }
        Long items = app.sessions().fromTransaction(s ->
                s.createSelectionQuery("select count(*) from ContentItem", Long.class).getSingleResult());
        if (items > 0) {
            return;
        }
        Clock clock = Clock.systemUTC();
        var report = new FaqImporter(app.sessions(), clock).importFaq(FaqParser.parse(seed()), "en", TOPIC, null);
        app.sessions().inTransaction(s -> {
            for (Revision r : s.createSelectionQuery("from Revision", Revision.class).getResultList()) {
                s.persist(new Publication(r, null, clock.instant(),
                        LocalDate.now(ZoneOffset.UTC).plusMonths(12)));
            }
        });
        LOG.info("demo content loaded: {} questions", report.created().size());
    }

    static byte[] seed() {
        try (InputStream in = Demo.class.getResourceAsStream("/demo/bnsm-faq.txt")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the demo seed is missing from the jar", e);
        }
    }
}
