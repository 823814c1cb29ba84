package org.nightlight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import org.nightlight.App;
import org.nightlight.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: on the first start, demo accounts and the seed FAQ with translations, taken through the real
 * workflow. At every start the demo accounts get the demo password, which is printed when generated.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private Demo() {
    }

    public static void loadIfWanted(App app, Settings settings) {
        if (!settings.demo()) {
            return;
        }
        var services = app.services();
        Long items = app.sessions().fromTransaction(s ->
                s.createSelectionQuery("select count(*) from ContentItem", Long.class).getSingleResult());
        if (items == 0 && services.accounts().count() == 0) {
            long started = System.nanoTime();
            new DemoContent(services, translations()).load(seed());
            LOG.info("demo content loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
        String password = settings.demoPassword().orElseGet(Demo::generatePassword);
        services.accounts().resetDemoPasswords(password);
        if (settings.demoPassword().isPresent()) {
            LOG.info("Demo accounts ({}) use the password from NIGHTLIGHT_DEMO_PASSWORD.",
                    String.join(", ", DemoContent.USERNAMES));
        } else {
            LOG.info("Demo accounts: {}. Password for all of them (new at every start): {}",
                    String.join(", ", DemoContent.USERNAMES), password);
        }
    }

    private static String generatePassword() {
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder("demo-");
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }

    static byte[] seed() {
        return resource("/demo/bnsm-faq.txt");
    }

    static byte[] translations() {
        return resource("/demo/translations.json");
    }

    private static byte[] resource(String name) {
        try (InputStream in = Demo.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name, e);
        }
    }
}
