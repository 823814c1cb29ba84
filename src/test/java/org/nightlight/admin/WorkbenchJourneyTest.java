package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.AdminBrowser;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.RevisionRef;

/**
 * Issue 12's journey in headless chromium: the editor changes one sentence of a translated answer, the French
 * reviewer adds a glossary term, and the French translator updates the translation in the paragraph view with
 * a memory suggestion and the term, is stopped by the numbers check ("6 mois" for "3 months"), fixes it there
 * and submits it to the French reviewer. Screenshots: target/screenshots/workbench-*.
 */
class WorkbenchJourneyTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String QUESTION = "What is baby sleep myoclonus?";
    static final String OLD_SENTENCE = "They stop as soon as the baby is woken up.";
    static final String NEW_SENTENCE = "They stop as soon as the baby is gently woken up. Most babies stop having"
            + " them by 3 months of age.";
    static final String OLD_FRENCH = "Elles s’arrêtent dès que l’on réveille le bébé.";
    static final String NEW_FRENCH = "Elles s’arrêtent dès que l’on réveille doucement le bébé. La plupart des"
            + " bébés n’en ont plus vers l’âge de 3 mois.";
    static final String SLIP = NEW_FRENCH.replace("3 mois", "6 mois");

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static Editorial editorial;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(AdminBrowser.available(),
                "needs Debian chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD)),
                App::loadDemoIfWanted);
        editorial = new Editorial(app.app());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void frenchTranslator_updatesAfterASmallSourceChange_isStoppedByTheNumbersCheck_fixesItAndSubmits()
            throws Exception {
        long item = editorial.questionId(QUESTION);
        RevisionRef english = editorial.latest(item, "en");
        editorial.publishSource(item, english.text().title(), english.text().body().replace(OLD_SENTENCE,
                NEW_SENTENCE), SourceChange.MINOR);
        RevisionRef french = editorial.latest(item, "fr");

        try (AdminBrowser browser = AdminBrowser.start(app.base())) {
            try {
                journey(browser, item, french);
            } catch (Throwable e) {
                browser.saveFailure("workbench-failure");
                throw e;
            }
        }
    }

    private static void journey(AdminBrowser browser, long item, RevisionRef french) throws Exception {
        {
            // the French reviewer records how "gently" is translated
            browser.signIn("reviewer-fr", PASSWORD);
            browser.open("/admin/glossary?target=fr");
            browser.type("#term", "gently");
            browser.type("#translation", "doucement");
            browser.type("#note", "pas « gentiment »");
            browser.click("form.glossary-add button[type=submit]");
            assertThat(browser.text(".notice[role=status]")).isEqualTo("The term was added.");
            assertThat(browser.text("table.glossary")).contains("gently").contains("doucement");
            browser.screenshot("workbench-01-glossary");
            browser.signOut();
        }
        {
            // the translator opens the translation, then its paragraph view
            browser.signIn("translator-fr", PASSWORD);
            browser.open("/admin/items/" + item + "/fr/edit");
            browser.click(".workbench-link a");
            assertThat(browser.text("main h1")).startsWith("Paragraph view");
            assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector(".unit.mark-CHANGED")))
                    .hasSize(1);
            assertThat(browser.text(".unit.mark-CHANGED .unit-diff ins").strip()).isEqualTo("gently");
            assertThat(browser.text(".unit.mark-CHANGED .unit-terms")).contains("gently").contains("doucement");
            assertThat(browser.text(".unit.mark-CHANGED .suggestion .score")).endsWith("% match")
                    .isNotEqualTo("Exact match");
            browser.screenshot("workbench-02-paragraphs");

            // starting over from an empty box, the memory's suggestion fills it
            browser.type(".unit.mark-CHANGED textarea", "");
            browser.click(".unit.mark-CHANGED .suggestion button");
            String box = "textarea[name='" + browser.find(".unit.mark-CHANGED textarea").getAttribute("name") + "']";
            String suggested = browser.find(box).getAttribute("value");
            assertThat(suggested).contains(OLD_FRENCH);

            // the glossary's "doucement" and the new sentence go in, with a slip: 6 months for 3
            browser.type(box, suggested.replace(OLD_FRENCH, SLIP));
            browser.type("#note", "« gently » : doucement ; âge de la fin des secousses");
            browser.screenshot("workbench-03-updated");
            browser.click(".paragraphs-form .buttons button[value=submit]");
        }
        {
            // the numbers check keeps it from review: back in the paragraph view, the check named, the text kept
            String paragraphs = "/admin/items/" + item + "/fr/paragraphs";
            assertThat(browser.driver().getCurrentUrl())
                    .endsWith(paragraphs + "?refused=workflow.error.checksFailed");
            assertThat(browser.text("main > .form-error"))
                    .startsWith("Not sent to review: blocking automatic checks failed.");
            assertThat(browser.text(".checks .form-error")).isEqualTo("Blocking checks that failed: Numbers.");
            assertThat(browser.text(".checks .findings")).contains("Blocking Numbers").contains("3 months")
                    .contains("6 mois");
            String box = "textarea[name='" + boxOf(browser, SLIP) + "']";
            browser.screenshot("workbench-04-refused");

            // fixed where it was typed, and submitted
            browser.type(box, browser.find(box).getAttribute("value").replace(SLIP, NEW_FRENCH));
            browser.click(".paragraphs-form .buttons button[value=submit]");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/admin/items/" + item + "/fr?done=submitted");
            assertThat(browser.text(".status .badge")).isEqualTo("In review");
            browser.screenshot("workbench-05-submitted");
            browser.signOut();
        }
        {
            // it waits in the French reviewer's queue
            browser.signIn("reviewer-fr", PASSWORD);
            browser.open("/admin/");
            assertThat(browser.driver().findElements(org.openqa.selenium.By.cssSelector(
                    "#toReview a[href='/admin/items/" + item + "/fr']"))).hasSize(1);
            browser.screenshot("workbench-06-review-queue");
        }

        // the slip stayed a draft; the fix is the next revision, made from the new source, in review
        RevisionRef submitted = editorial.latest(item, "fr");
        assertThat(submitted.number()).isEqualTo(french.number() + 2);
        assertThat(submitted.text().body()).isEqualTo(french.text().body().replace(OLD_FRENCH, NEW_FRENCH));
        assertThat(submitted.baseSourceRevisionId()).isEqualTo(editorial.latest(item, "en").id());
    }

    /** The name of the paragraph view's box that holds this text. */
    private static String boxOf(AdminBrowser browser, String text) {
        return browser.driver().findElements(org.openqa.selenium.By.cssSelector(".unit textarea")).stream()
                .filter(t -> t.getAttribute("value").contains(text)).findFirst().orElseThrow().getAttribute("name");
    }
}
