package org.nightlight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.MutableClock;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.Workflow;

/**
 * Notifications by mail through a real SMTP server in-process (GreenMail): who gets which mail at each
 * hand-off, in their own language, with the link to act on; digests; SAFETY at once; an SMTP server that is
 * down fails no step and its mail goes out later.
 */
class NotificationMailTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static final MutableClock CLOCK = new MutableClock(Instant.now());
    static int smtpPort;
    static GreenMail smtp;
    static RunningApp app;
    static Editorial editorial;
    static Workflow workflow;
    static Notify notify;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            smtpPort = free.getLocalPort();
        }
        smtp = startSmtp();
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD",
                "demo-password-1234", "NIGHTLIGHT_SMTP_HOST", "127.0.0.1", "NIGHTLIGHT_SMTP_PORT",
                Integer.toString(smtpPort), "NIGHTLIGHT_MAIL_FROM", "nightlight@example.org")), CLOCK,
                App::loadDemoIfWanted);
        editorial = new Editorial(app.app());
        workflow = app.app().services().workflow();
        notify = app.app().services().notifications();
    }

    private static GreenMail startSmtp() {
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    @AfterAll
    static void stop() {
        app.close();
        smtp.stop();
    }

    @BeforeEach
    void everyoneMailedAtOnce_noMailYet() throws Exception {
        for (String who : List.of("editor", "clinician", "translator-fr", "reviewer-fr", "translator-es")) {
            notify.preferences().save(editorial.person(who), who + "@example.org", who.endsWith("-fr") ? "fr" : "en",
                    "IMMEDIATE");
        }
        clearMail();
    }

    /** Delivers what is queued, then empties every mailbox. */
    private static void clearMail() throws Exception {
        deliver();
        smtp.purgeEmailFromAllMailboxes();
    }

    @Test
    void eachHandOff_mailsWhoActsNext_inTheirLanguage_withTheLinkAndTheComment_andNeverTheActor() throws Exception {
        long question = editorial.publishNewQuestion(editorial.topicId(), "Can my baby sleep on her side?",
                "No. Babies sleep on their back.", "");
        assertThat(mailsTo("translator-fr")).singleElement().satisfies(m -> assertThat(m.getSubject())
                .isEqualTo("[Nightlight] «\u00a0Can my baby sleep on her side?\u00a0» (fr) est à traduire"));
        assertThat(mailsTo("translator-es")).hasSize(1);
        assertThat(mailsTo("editor")).as("the clinician's approval and the publishing queue; never their own steps")
                .extracting(MimeMessage::getSubject).containsExactlyInAnyOrder(
                        "[Nightlight] Dr Demo Clinician approved your text “Can my baby sleep on her side?” (en)",
                        "[Nightlight] “Can my baby sleep on her side?” (en) is approved and ready to publish");

        clearMail();
        RevisionRef fr = editorial.draft(question, "fr", "Mon bébé peut-il dormir sur le côté ?",
                "Non. Les bébés dorment sur le dos.");
        workflow.submit(editorial.person("translator-fr"), fr.id());
        MimeMessage toReview = mailsTo("reviewer-fr").get(0);
        assertThat(toReview.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("reviewer-fr@example.org");
        assertThat(toReview.getFrom()).extracting(Object::toString).containsExactly("nightlight@example.org");
        assertThat(toReview.getSubject()).contains("attend votre relecture linguistique");
        assertThat(text(toReview)).contains(app.base() + "/admin/revisions/" + fr.id());
        assertThat(mailsTo("clinician")).as("clinicians hear once the language review approved it").isEmpty();
        assertThat(mailsTo("translator-fr")).as("the translator submitted it").isEmpty();

        workflow.review(editorial.person("reviewer-fr"), fr.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "",
                fr.contentHash());
        assertThat(mailsTo("clinician")).singleElement().satisfies(m -> assertThat(m.getSubject())
                .isEqualTo("[Nightlight] “Mon bébé peut-il dormir sur le côté ?” (fr) is waiting for your medical sign-off"));
        assertThat(mailsTo("translator-fr")).singleElement().satisfies(m -> assertThat(m.getSubject())
                .contains("a approuvé votre texte"));

        clearMail();
        workflow.review(editorial.person("clinician"), fr.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                "Say why: the back is safest for sleep.", fr.contentHash());
        MimeMessage sentBack = mailsTo("translator-fr").get(0);
        assertThat(sentBack.getSubject()).contains("a renvoyé votre texte");
        assertThat(text(sentBack)).contains("> Say why: the back is safest for sleep.")
                .contains(app.base() + "/admin/revisions/" + fr.id());
        assertThat(mailsTo("clinician")).isEmpty();
        assertThat(notificationsOf("translator-fr")).extracting(Notification::event)
                .startsWith(Event.SENT_BACK, Event.APPROVED);
    }

    @Test
    void aDigestReader_getsOneMailADay_groupedByText_butASafetyChangeAtOnce() throws Exception {
        notify.preferences().save(editorial.person("reviewer-fr"), "reviewer-fr@example.org", "fr", "DAILY_DIGEST");
        long question = editorial.publishNewQuestion(editorial.topicId(), "Is white noise safe?", "Quietly, yes.", "");
        RevisionRef fr = editorial.draft(question, "fr", "Le bruit blanc est-il sûr ?", "Doucement, oui.");
        workflow.submit(editorial.person("translator-fr"), fr.id());
        long other = editorial.publishNewQuestion(editorial.topicId(), "Should I swaddle?", "Not after rolling.", "");
        RevisionRef fr2 = editorial.draft(other, "fr", "Faut-il emmailloter ?", "Pas après le retournement.");
        workflow.submit(editorial.person("translator-fr"), fr2.id());
        assertThat(mailsTo("reviewer-fr")).as("digest: nothing mailed yet").isEmpty();
        assertThat(notify.notifications().sendDigests()).as("not a day since the digest was chosen").isZero();

        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(notify.notifications().sendDigests()).isEqualTo(1);
        MimeMessage digest = mailsTo("reviewer-fr").get(0);
        String body = text(digest);
        assertThat(digest.getSubject()).as(body).isEqualTo("[Nightlight] Votre résumé quotidien\u00a0: 4 notifications");
        // reviewer-fr also translates: each text to translate, then to review, under the text's name
        assertThat(body).contains("Is white noise safe? (fr)\n- «\u00a0Is white noise safe?\u00a0» (fr) est à traduire\n"
                + "- «\u00a0Le bruit blanc est-il sûr ?\u00a0» (fr) attend votre relecture linguistique\n",
                app.base() + "/admin/revisions/" + fr.id(), app.base() + "/admin/revisions/" + fr2.id());
        assertThat(body.indexOf("Le bruit blanc")).isLessThan(body.indexOf("Faut-il emmailloter"));
        assertThat(notify.notifications().sendDigests()).as("one a day").isZero();

        // a SAFETY change withdraws the live French translation: mailed at once, digest or not
        clearMail();
        editorial.publishTranslation(question, "fr", "Le bruit blanc est-il sûr ?", "Oui, doucement.");
        clearMail();
        editorial.publishSource(question, "Is white noise safe?", "Only quietly, and away from the cot.",
                SourceChange.SAFETY);
        assertThat(mailsTo("reviewer-fr")).singleElement().satisfies(m -> assertThat(m.getSubject())
                .startsWith("[Nightlight] Changement de sécurité\u00a0:"));
        assertThat(mailsTo("translator-fr")).as("one SAFETY mail, not also 'to translate'").singleElement()
                .satisfies(m -> assertThat(m.getSubject()).contains("Changement de sécurité"));
    }

    @Test
    void anSmtpServerThatIsDown_failsNoStep_andTheMailGoesOutOnALaterTry() throws Exception {
        long question = editorial.publishNewQuestion(editorial.topicId(), "Do dummies help?", "They may.", "");
        deliver();
        smtp.stop();
        RevisionRef fr = editorial.draft(question, "fr", "La tétine aide-t-elle ?", "Peut-être.");
        workflow.submit(editorial.person("translator-fr"), fr.id()); // no exception: the step does not wait for mail
        assertThat(app.app().services().queries().rev(fr.id()).submitted()).isTrue();
        deliver();
        try (var c = db.connect(); ResultSet r = c.createStatement().executeQuery(
                "select attempts, last_error, sent_at from outgoing_mail where recipient = 'reviewer-fr@example.org'"
                        + " order by id desc limit 1")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isGreaterThanOrEqualTo(1);
            assertThat(r.getString(2)).isNotBlank();
            assertThat(r.getTimestamp(3)).isNull();
        }

        smtp = startSmtp();
        deliver();
        assertThat(mailsTo("reviewer-fr")).as("not before its retry is due").isEmpty();
        CLOCK.advance(MailDelivery.FIRST_RETRY.multipliedBy(2));
        deliver();
        assertThat(mailsTo("reviewer-fr")).singleElement().satisfies(m -> assertThat(m.getSubject())
                .contains("La tétine aide-t-elle ?"));
    }

    @Test
    void aReviewFallingDue_isToldOnce_toEditorsAndClinicians() throws Exception {
        long question = editorial.publishNewQuestion(editorial.topicId(), "When do babies roll?", "Around 4 months.", "");
        deliver();
        clearMail();
        CLOCK.advance(Duration.ofDays(340));
        try {
            assertThat(notify.notifications().notifyReviewsDue()).isPositive();
            deliver();
            assertThat(mailsTo("editor")).anySatisfy(m -> assertThat(m.getSubject())
                    .isEqualTo("[Nightlight] The clinical review of “When do babies roll?” (en) is due within 30 days"));
            assertThat(mailsTo("translator-fr")).isEmpty();
            assertThat(notify.notifications().notifyReviewsDue()).as("once").isZero();
            assertThat(notificationsOf("clinician")).anySatisfy(n -> {
                assertThat(n.event()).isEqualTo(Event.REVIEW_DUE);
                assertThat(n.itemId()).isEqualTo(question);
            });
        } finally {
            CLOCK.advance(Duration.ofDays(-340));
        }
    }

    /** Runs the queue now until nothing due is left (the sender thread a wake-up started may hold some). */
    private static void deliver() throws Exception {
        for (int i = 0; i < 200; i++) {
            notify.mail().deliverDue();
            try (var c = db.connect(); var q = c.prepareStatement("select count(*) from outgoing_mail"
                    + " where sent_at is null and attempts = 0 and next_attempt_at <= ?")) {
                q.setObject(1, java.time.OffsetDateTime.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC));
                ResultSet r = q.executeQuery();
                r.next();
                if (r.getInt(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }

    private static List<MimeMessage> mailsTo(String username) throws Exception {
        deliver();
        return Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equals(username + "@example.org"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String text(MimeMessage mail) throws Exception {
        return ((String) mail.getContent()).replace("\r\n", "\n");
    }

    private static List<Notification> notificationsOf(String username) {
        Actor who = editorial.person(username);
        return notify.inbox().newest(who.userId());
    }
}
