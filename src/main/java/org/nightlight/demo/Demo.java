package org.nightlight.demo;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Optional;
import org.hibernate.SessionFactory;
import org.nightlight.account.Accounts;
import org.nightlight.account.Actor;
import org.nightlight.content.Languages;
import org.nightlight.content.HelpNumbers;
import org.nightlight.content.SearchWords;
import org.nightlight.exchange.FaqImporter;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo mode: on the first start, demo accounts and the seed FAQ, its rewrite and its translations, taken
 * through the real workflow. At every start the demo accounts get the demo password, which is printed when
 * generated.
 */
public final class Demo {

    private static final Logger LOG = LoggerFactory.getLogger(Demo.class);

    private final SessionFactory sessions;
    private final DemoContent.Services services;
    private final SearchWords searchWords;
    private final HelpNumbers helpNumbers;

    public Demo(SessionFactory sessions, Accounts accounts, Languages languages, Workflow workflow,
            WorkflowQueries queries, FaqImporter importer, SearchWords searchWords, HelpNumbers helpNumbers) {
        this.sessions = sessions;
        this.services = new DemoContent.Services(accounts, languages, workflow, queries, importer);
        this.searchWords = searchWords;
        this.helpNumbers = helpNumbers;
    }

    /**
     * Loads the demo when the database has neither content nor accounts (the first start), then gives the
     * demo accounts {@code password}, or a new one that the log shows.
     */
    public void prepare(Optional<String> password) {
        Long items = sessions.fromTransaction(s ->
                s.createSelectionQuery("select count(*) from ContentItem", Long.class).getSingleResult());
        if (items == 0 && services.accounts().count() == 0) {
            long started = System.nanoTime();
            new DemoContent(services, content()).load(seed());
            Actor editor = Actor.of(services.accounts().byUsername("editor").orElseThrow().id());
            DemoSearchWords.load(searchWords, editor);
            DemoHelpNumbers.load(helpNumbers, editor,
                    Actor.of(services.accounts().byUsername("clinician").orElseThrow().id()));
            LOG.info("demo content loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
        }
        String chosen = password.orElseGet(Demo::generatePassword);
        services.accounts().resetDemoPasswords(chosen);
        if (password.isPresent()) {
            LOG.info("Demo accounts ({}) use the password from NIGHTLIGHT_DEMO_PASSWORD.",
                    String.join(", ", DemoContent.USERNAMES));
        } else {
            LOG.info("Demo accounts: {}. Password for all of them (new at every start): {}",
                    String.join(", ", DemoContent.USERNAMES), chosen);
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

    /** The editor's rewrites, the clinician's comments and the translations: see {@link DemoContent}. */
    static byte[] content() {
        return resource("/demo/content.json");
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
