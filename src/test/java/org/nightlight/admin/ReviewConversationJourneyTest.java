package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.content.SourceChange;
import org.nightlight.notify.Notify;
import org.nightlight.testing.AdminBrowser;
import org.nightlight.testing.Browser;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Issue 11's review conversation, each person in their own headless chromium, with every hand-off read twice:
 * as mail from a real SMTP server in-process (GreenMail) and as the inbox entry that leads to the same page.
 * An English MINOR edit, the French round (drafted, language-approved, sent back by the clinician with a
 * comment, fixed, approved again, signed, published), then a SAFETY change. The French round's page loads and
 * clicks are counted and printed. Screenshots: target/screenshots/review-conversation-*.
 */
class ReviewConversationJourneyTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String QUESTION = "What does sleep myoclonus look like?";
    static final String DRAFT_ADDITION = "Les secousses touchent souvent les deux bras ou les deux jambes.";
    static final String COMMENT = "Précisez que les secousses cessent dès que le bébé se réveille.";
    static final String FIX = "Elles cessent dès que le bébé se réveille.";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static GreenMail smtp;
    static RunningApp app;
    static Editorial editorial;
    static Notify notify;

    /** Message-IDs of the mail already read by the journey, so each hand-off reads the mail it caused. */
    final Set<String> read = new HashSet<>();
    int pageLoads;
    int clicks;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(AdminBrowser.available(), Browser.MISSING);
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        int port = smtp.getSmtp().getPort();
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD,
                "NIGHTLIGHT_SMTP_HOST", "127.0.0.1", "NIGHTLIGHT_SMTP_PORT", Integer.toString(port))),
                App::loadDemoIfWanted);
        editorial = new Editorial(app.app());
        notify = app.app().services().notifications();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void theFrenchRound_andASafetyChange_eachHandOffMailedAndInTheInbox_withTheCommentAndTheDiff() throws Exception {
        for (String who : List.of("editor", "clinician", "translator-fr", "reviewer-fr")) {
            notify.preferences().save(editorial.person(who), address(who), who.endsWith("-fr") ? "fr" : "en",
                    "IMMEDIATE");
        }
        long item = editorial.questionId(QUESTION);
        String frenchTitle = editorial.latest(item, "fr").text().title();
        List<AdminBrowser> browsers = new ArrayList<>();
        try {
            AdminBrowser translator = signedIn(browsers, "translator-fr");
            AdminBrowser reviewer = signedIn(browsers, "reviewer-fr");
            AdminBrowser clinician = signedIn(browsers, "clinician");
            AdminBrowser editor = signedIn(browsers, "editor");
            try {
                // 1. a MINOR English edit goes live; the French text stays live, flagged outdated
                String englishBody = editorial.latest(item, "en").text().body();
                editorial.publishSource(item, QUESTION, englishBody + "\n\nThe jerks often affect both arms or both legs.",
                        SourceChange.MINOR);
                frenchRound(item, frenchTitle, translator, reviewer, clinician, editor);
                safetyChange(item, frenchTitle, translator);
            } catch (Throwable e) {
                for (int i = 0; i < browsers.size(); i++) {
                    browsers.get(i).saveFailure("review-conversation-failure-" + i);
                }
                throw e;
            }
        } finally {
            browsers.forEach(AdminBrowser::close);
        }
    }

    private void frenchRound(long item, String frenchTitle, AdminBrowser translator, AdminBrowser reviewer,
            AdminBrowser clinician, AdminBrowser editor) throws Exception {
        String itemPath = "/admin/items/" + item + "/fr";

        // the translator hears the source changed, and opens the editor from the item page
        String link = linkIn(awaitMail(frenchTitle, "translator-fr", "est à traduire"));
        assertThat(link).isEqualTo(app.base() + itemPath);
        openFromInbox(translator, "", "needs translating", link);
        click(translator, ".actions a[href$='/edit']");
        String body = translator.find("#body").getAttribute("value");
        translator.type("#body", body + "\n\n" + DRAFT_ADDITION);
        translator.type("#note", "Mise à jour : bras et jambes");
        click(translator, "button[value=submit]");
        assertThat(translator.text("p.done")).isEqualTo("Saved and submitted for review.");
        assertThat(translator.text(".status .badge")).isEqualTo("In review");

        // the language reviewer: mail and inbox lead to the revision, the change against the live text shown
        link = linkIn(awaitMail(frenchTitle, "reviewer-fr", "attend votre relecture linguistique"));
        String firstRevision = link.replace(app.base(), "");
        assertThat(firstRevision).startsWith("/admin/revisions/");
        openFromInbox(reviewer, frenchTitle, "is waiting for your language review", link);
        assertThat(reviewer.text(".against-live ins")).contains("bras ou les deux jambes");
        click(reviewer, "#review-LANGUAGE button[value=APPROVED]");
        assertThat(reviewer.text("p.done")).isEqualTo("Your review is recorded.");

        // the clinician sees the same change and sends it back with a comment
        link = linkIn(awaitMail(frenchTitle, "clinician", "is waiting for your medical sign-off"));
        assertThat(link).isEqualTo(app.base() + firstRevision);
        openFromInbox(clinician, frenchTitle, "is waiting for your medical sign-off", link);
        assertThat(clinician.text(".against-live ins")).contains("bras ou les deux jambes");
        clinician.screenshot("review-conversation-01-clinician-review-screen");
        clinician.type("#comment-MEDICAL", COMMENT);
        clicks++; // opens the confirmation; no page loads
        clinician.find("#review-MEDICAL details.confirm summary").click();
        click(clinician, "#review-MEDICAL button[value=CHANGES_REQUESTED]");
        assertThat(clinician.text(".next-steps")).contains("goes back to its author");

        // the translator gets the comment by mail and in the inbox, then on the item page and beside the text
        MimeMessage sentBack = awaitMail(frenchTitle, "translator-fr", "a renvoyé votre texte");
        assertThat(text(sentBack)).contains("> " + COMMENT);
        link = linkIn(sentBack);
        assertThat(link).isEqualTo(app.base() + firstRevision);
        WebElement entry = inboxEntry(translator, frenchTitle, "sent your text");
        assertThat(entry.findElement(By.tagName("blockquote")).getText()).isEqualTo(COMMENT);
        translator.screenshot("review-conversation-02-inbox");
        clickToLoad(translator, entry.findElement(By.cssSelector("form[action$='/open'] button")));
        assertThat(translator.driver().getCurrentUrl()).isEqualTo(link);
        assertThat(translator.text("#thread .topic .note-body")).isEqualTo(COMMENT);
        click(translator, ".breadcrumbs a[href='" + itemPath + "']");
        assertThat(translator.text("#thread .topic .note-body")).isEqualTo(COMMENT);
        assertThat(translator.text("#thread .topic .decision")).contains("Medical");
        click(translator, ".actions a[href$='/edit']");
        assertThat(translator.text("#thread .note-body")).isEqualTo(COMMENT);
        translator.screenshot("review-conversation-03-thread-in-editor");
        translator.type("#body", translator.find("#body").getAttribute("value") + " " + FIX);
        translator.type("#note", "Les secousses cessent au réveil");
        click(translator, "button[value=submit]");
        assertThat(translator.text(".status .badge")).isEqualTo("In review");
        String secondRevision = translator.find("a.latest-revision").getAttribute("href").replace(app.base(), "");
        assertThat(secondRevision).isNotEqualTo(firstRevision);

        // the reviewer sees what changed since the revision they approved, and approves again
        link = linkIn(awaitMail(frenchTitle, "reviewer-fr", "attend votre relecture linguistique"));
        assertThat(link).isEqualTo(app.base() + secondRevision);
        openFromInbox(reviewer, frenchTitle, "is waiting for your language review", link);
        assertThat(reviewer.text(".since-mine h2")).contains("which you last reviewed");
        assertThat(reviewer.text(".since-mine ins")).contains("réveille");
        assertThat(reviewer.text("#thread .note-body")).contains(COMMENT);
        reviewer.screenshot("review-conversation-04-since-last-reviewed");
        click(reviewer, "#review-LANGUAGE button[value=APPROVED]");

        // the clinician sees their earlier comment and the diff against the revision they refused, and signs
        link = linkIn(awaitMail(frenchTitle, "clinician", "is waiting for your medical sign-off"));
        assertThat(link).isEqualTo(app.base() + secondRevision);
        openFromInbox(clinician, frenchTitle, "is waiting for your medical sign-off", link);
        assertThat(clinician.text("#thread .topic .note-body")).isEqualTo(COMMENT);
        assertThat(clinician.text(".since-mine h2")).contains("which you last reviewed");
        assertThat(clinician.text(".since-mine ins")).contains("réveille");
        assertThat(clinician.text(".against-live ins")).contains("bras ou les deux jambes");
        clinician.screenshot("review-conversation-05-review-screen-thread-and-diff");
        click(clinician, "#review-MEDICAL button[value=APPROVED]");
        assertThat(clinician.text(".sign-off .reviews")).contains("approved");

        // the editor publishes
        link = linkIn(awaitMail(frenchTitle, "editor", "is approved and ready to publish"));
        assertThat(link).isEqualTo(app.base() + secondRevision);
        openFromInbox(editor, frenchTitle, "is approved and ready to publish", link);
        click(editor, ".publish form button");
        assertThat(editor.text("p.done")).isEqualTo("Published.");
        assertThat(editorial.latest(item, "fr").text().body()).endsWith(FIX);

        System.out.println("French round (issue 11): " + pageLoads + " page loads and " + clicks
                + " clicks, beyond four sign-ins");
    }

    private void safetyChange(long item, String frenchTitle, AdminBrowser translator) throws Exception {
        // even a daily-digest reader hears of a SAFETY change at once
        notify.preferences().save(editorial.person("translator-fr"), address("translator-fr"), "fr", "DAILY_DIGEST");
        String englishBody = editorial.latest(item, "en").text().body();
        editorial.publishSource(item, QUESTION, englishBody + "\n\nIf the jerks go on when your baby is awake, call"
                + " your doctor today.", SourceChange.SAFETY);
        MimeMessage safety = awaitMail(frenchTitle, "translator-fr", "Changement de sécurité");
        assertThat(safety.getSubject()).contains(frenchTitle);

        translator.open("/admin/");
        WebElement first = translator.find("#toTranslate tbody tr");
        assertThat(first.getText()).contains(asShown(frenchTitle));
        assertThat(first.findElement(By.cssSelector(".flag-safety")).getText()).isEqualTo("SAFETY");
        assertThat(first.findElements(By.tagName("td")).get(4).getText()).isEqualTo("today");
        translator.screenshot("review-conversation-06-safety-first-in-queue");
    }

    // --- the people and their browsers -------------------------------------------------------------------

    private static AdminBrowser signedIn(List<AdminBrowser> browsers, String username) {
        AdminBrowser browser = AdminBrowser.start(app.base());
        browsers.add(browser);
        browser.signIn(username, PASSWORD);
        assertThat(browser.text("main h1")).as("signed in as " + username).isEqualTo("My work");
        return browser;
    }

    /** The inbox, its unread badge and the entry: opening the entry lands where the mail's link does. */
    private void openFromInbox(AdminBrowser browser, String title, String entryText, String mailLink) {
        WebElement entry = inboxEntry(browser, title, entryText);
        clickToLoad(browser, entry.findElement(By.cssSelector("form[action$='/open'] button")));
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(mailLink);
    }

    /** The unread entry of this text ({@code title}) and kind; the demo left older ones of other texts. */
    private WebElement inboxEntry(AdminBrowser browser, String title, String entryText) {
        pageLoads++;
        browser.open("/admin/inbox");
        assertThat(Integer.parseInt(browser.text(".inbox-link .badge"))).isPositive();
        return browser.driver().findElements(By.cssSelector(".notification.unread")).stream()
                .filter(n -> n.getText().contains(entryText) && n.getText().contains(asShown(title))).findFirst()
                .orElseThrow(() -> new AssertionError("no unread \"" + entryText + "\" in " + browser.text(".inbox")));
    }

    /** Text as WebDriver reads it from a page: no-break spaces (French typography) come as plain ones. */
    private static String asShown(String text) {
        return text.replace('\u00a0', ' ');
    }

    private void click(AdminBrowser browser, String css) {
        clickToLoad(browser, browser.find(css));
    }

    private void clickToLoad(AdminBrowser browser, WebElement element) {
        clicks++;
        pageLoads++;
        browser.click(element);
    }

    // --- mail ----------------------------------------------------------------------------------------------

    private static String address(String username) {
        return username + "@example.org";
    }

    /** The first mail not yet read to this person about this text ({@code title}) and its subject, within 30 s. */
    private MimeMessage awaitMail(String title, String username, String subjectPart) throws Exception {
        for (int i = 0; i < 300; i++) {
            notify.mail().deliverDue();
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (!read.contains(m.getMessageID()) && m.getSubject().contains(subjectPart)
                        && m.getSubject().contains(title) && to(m, address(username))) {
                    read.add(m.getMessageID());
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + username + " about \"" + subjectPart + "\"");
    }

    private static boolean to(MimeMessage m, String address) throws Exception {
        for (var a : m.getRecipients(Message.RecipientType.TO)) {
            if (a.toString().equals(address)) {
                return true;
            }
        }
        return false;
    }

    private static String text(MimeMessage mail) throws Exception {
        return ((String) mail.getContent()).replace("\r\n", "\n");
    }

    private static String linkIn(MimeMessage mail) throws Exception {
        Matcher link = Pattern.compile(Pattern.quote(app.base()) + "/admin/(revisions|items)/\\S+").matcher(text(mail));
        assertThat(link.find()).as(text(mail)).isTrue();
        return link.group();
    }
}
