package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminBrowser;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.openqa.selenium.By;

/**
 * The journey in headless chromium, through the pages only: a French translation is drafted, its
 * language approved, sent back by the clinician, fixed, approved and signed again, published, and read on
 * the public French page with the clinician's name and today's date. Screenshots: target/screenshots/admin-*.
 */
class AdminJourneyTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String QUESTION = "Why does my baby wake up crying in his sleep?";
    // three paragraphs, as the English: the automatic checks refuse a translation that drops one
    static final String FIRST_DRAFT = "Les pleurs pendant le sommeil sont fréquents chez le bébé.\n\n"
            + "Les secousses du sommeil ne le réveillent pas : elles s’arrêtent dès qu’il se réveille.\n\n"
            + "Appelez votre médecin si votre bébé semble malade.";
    static final String FIXED = "Les pleurs pendant le sommeil sont fréquents chez le bébé : la faim, une couche"
            + " mouillée ou un inconfort peuvent le réveiller.\n\n"
            + "Les myoclonies du sommeil, elles, ne le réveillent pas et s’arrêtent dès qu’il se réveille.\n\n"
            + "Si votre bébé pleure de façon inhabituelle, a de la fièvre ou refuse de boire, appelez votre médecin.";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(AdminBrowser.available(),
                "needs Debian chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void frenchTranslation_fromDraftToThePublicPage_throughReviewSignOffAndPublishing() throws Exception {
        try (AdminBrowser browser = AdminBrowser.start(app.base())) {
            try {
                journey(browser);
            } catch (Throwable e) {
                browser.saveFailure("admin-failure");
                throw e;
            }
        }
    }

    private static void journey(AdminBrowser browser) throws Exception {
        {
            // the translator drafts a new French text of a question and sends it for review
            browser.signIn("translator-fr", PASSWORD);
            assertThat(browser.text("main h1")).isEqualTo("My work");
            browser.open("/admin/content");
            browser.screenshot("admin-01-content");
            String item = rowLink(browser, "Français");
            browser.open(item);
            browser.click(".actions a[href$='/edit']");
            assertThat(browser.text(".source-pane .version-title")).isEqualTo(QUESTION);
            browser.type("#body", FIRST_DRAFT);
            browser.type("#note", "Nouvelle traduction, plus simple");
            browser.click("button[value=preview]");
            assertThat(browser.text(".preview .answer")).contains("Les pleurs pendant le sommeil sont fréquents");
            browser.screenshot("admin-02-translation-editor-preview");
            browser.click("button[value=submit]");
            assertThat(browser.text("p.done")).isEqualTo("Saved and submitted for review.");
            assertThat(browser.text(".status .badge")).isEqualTo("In review");
            browser.signOut();

            // a second French speaker approves the language
            browser.signIn("reviewer-fr", PASSWORD);
            browser.click("#toReview a");
            browser.click(".actions a[href^='/admin/revisions/']");
            browser.screenshot("admin-03-language-review");
            browser.click("#review-LANGUAGE button[value=APPROVED]");
            assertThat(browser.text("p.done")).isEqualTo("Your review is recorded.");
            browser.signOut();

            // the clinician asks for changes, with a comment
            browser.signIn("clinician", PASSWORD);
            browser.click("#toSignOff a");
            browser.click(".actions a[href^='/admin/revisions/']");
            String fingerprint = browser.text(".sign-off .hash");
            assertThat(fingerprint).hasSize(12);
            assertThat(browser.text("#review-MEDICAL .signing")).contains(fingerprint);
            browser.type("#comment-MEDICAL", "Dites aussi quand appeler le médecin : pleurs inhabituels, fièvre,"
                    + " refus de boire.");
            browser.screenshot("admin-04-medical-sign-off");
            // asking for changes is a second, deliberate step: open the confirmation, then confirm
            browser.find("#review-MEDICAL details.confirm summary").click();
            browser.click("#review-MEDICAL button[value=CHANGES_REQUESTED]");
            assertThat(browser.text(".sign-off .reviews")).contains("changes requested").contains("fièvre");
            browser.signOut();

            // the translator sees the request, fixes the text and resubmits
            browser.signIn("translator-fr", PASSWORD);
            browser.click("#changesRequested a");
            assertThat(browser.text(".history")).contains("Dites aussi quand appeler le médecin");
            browser.click(".actions a[href$='/edit']");
            browser.type("#body", FIXED);
            browser.type("#note", "Quand appeler le médecin");
            browser.click("button[value=submit]");
            assertThat(browser.text(".status .badge")).isEqualTo("In review");
            browser.screenshot("admin-05-history-after-fix");
            browser.signOut();

            // language approved again, then the medical sign-off
            browser.signIn("reviewer-fr", PASSWORD);
            browser.open(item);
            browser.click(".actions a[href^='/admin/revisions/']");
            assertThat(browser.text(".as-public .answer")).contains("appelez votre médecin");
            assertThat(browser.text(".against-live")).contains("Nothing is published in this language yet");
            browser.click("#review-LANGUAGE button[value=APPROVED]");
            browser.signOut();
            browser.signIn("clinician", PASSWORD);
            browser.open(item);
            browser.click(".actions a[href^='/admin/revisions/']");
            browser.click("#review-MEDICAL button[value=APPROVED]");
            assertThat(browser.text(".sign-off .reviews")).contains("approved");
            browser.signOut();

            // the editor publishes
            browser.signIn("editor", PASSWORD);
            browser.click("#readyToPublish a");
            assertThat(browser.text(".status .badge")).isEqualTo("Approved");
            browser.screenshot("admin-06-ready-to-publish");
            browser.click(".actions form[action$='/publish'] button");
            assertThat(browser.text("p.done")).isEqualTo("Published.");
            assertThat(browser.text(".status .badge")).isEqualTo("Published");
            assertThat(browser.text(".provenance")).contains("Dr Demo Clinician").contains("Demo French Reviewer");
            browser.screenshot("admin-07-published-item");
            browser.signOut();

            // a reader of the French site sees the new text, who signed it and when
            browser.open("/fr/");
            browser.click(browser.driver().findElement(By.linkText("Myoclonies néonatales bénignes du sommeil")));
            browser.click(browser.driver().findElement(By.linkText("Pourquoi mon bébé se réveille-t-il en pleurant ?")));
            assertThat(browser.text("article .answer")).contains("Si votre bébé pleure de façon inhabituelle");
            String today = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.FRENCH)
                    .format(LocalDate.now(ZoneOffset.UTC));
            assertThat(browser.text("article .trust")).contains("Dr Demo Clinician, docteur en médecine, neuropédiatre")
                    .contains(today);
            assertThat(browser.driver().findElements(By.cssSelector("article .notice"))).isEmpty();
            browser.screenshot("admin-08-public-french-page");

            // the admin in Arabic, right to left
            browser.signIn("translator-ar", PASSWORD);
            browser.driver().findElement(By.cssSelector("#ui-lang option[value=ar]")).click();
            browser.click("form[action='/admin/ui-language'] button");
            browser.open(item.replace("/fr", "/ar") + "/edit");
            assertThat(browser.find("html").getAttribute("dir")).isEqualTo("rtl");
            assertThat(browser.text("button[value=submit]")).isEqualTo("حفظ وإرسال للمراجعة");
            browser.screenshot("admin-09-arabic-editor");
        }
    }

    /** The link of the journey's question in one language column of the content list. */
    private static String rowLink(AdminBrowser browser, String languageHeader) {
        var headers = browser.driver().findElements(By.cssSelector(".content-table thead th"));
        int column = 0;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).getText().equals(languageHeader)) {
                column = i + 1;
            }
        }
        var row = browser.driver().findElements(By.cssSelector(".content-table tbody tr")).stream()
                .filter(tr -> tr.findElement(By.tagName("th")).getText().endsWith(QUESTION))
                .findFirst().orElseThrow();
        return row.findElement(By.cssSelector("td:nth-child(" + column + ") a")).getAttribute("href")
                .replace(app.base(), "");
    }
}
