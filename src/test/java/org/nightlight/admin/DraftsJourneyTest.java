package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminBrowser;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The editor's script in a real browser under the site's CSP: what is typed is kept on the server within
 * seconds, and the interface-language switch reopens the editor with it.
 */
class DraftsJourneyTest {

    static final String PASSWORD = "correct horse battery staple 42";

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
    void typedText_isAutosaved_andSurvivesTheInterfaceLanguageSwitch() throws Exception {
        long item = new Editorial(app.app()).questionId("Is sleep myoclonus bad?");
        try (AdminBrowser browser = AdminBrowser.start(app.base())) {
            try {
                browser.signIn("translator-fr", PASSWORD);
                browser.open("/admin/items/" + item + "/fr/edit");
                browser.find("#body").sendKeys("\n\nAjouté dans le navigateur.");
                new WebDriverWait(browser.driver(), Duration.ofSeconds(30))
                        .until(d -> !browser.text("#draft-status").isEmpty());
                assertThat(Rows.strings(db, "select body from drafts where item_id = " + item).get(0))
                        .endsWith("Ajouté dans le navigateur.");

                browser.find("#body").sendKeys(" Et juste avant de changer de langue.");
                new Select(browser.find("#ui-lang")).selectByValue("ar");
                browser.click("form[action='/admin/ui-language'] button[type=submit]");

                assertThat(browser.find("html").getAttribute("lang")).isEqualTo("ar");
                assertThat(browser.find("#body").getAttribute("value"))
                        .endsWith("Ajouté dans le navigateur. Et juste avant de changer de langue.");
                assertThat(browser.find("#draft-restored").isDisplayed()).isTrue();
                browser.screenshot("drafts-after-language-switch");
            } catch (Throwable e) {
                browser.saveFailure("drafts-failure");
                throw e;
            }
        }
    }
}
