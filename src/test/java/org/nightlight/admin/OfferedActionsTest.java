package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.content.RevisionText;
import org.nightlight.content.Slugs;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.LiveOutcome;
import org.nightlight.workflow.Policy;
import org.nightlight.workflow.Policy.Rev;
import org.nightlight.workflow.Policy.Slot;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.WorkItem;

/**
 * The admin's buttons and work queues come from the workflow policy: every demo person opens every item page
 * and the page of its newest and its live revision, and each form or link offered must be one the policy
 * allows that person now (and each step the policy allows on the newest text is offered). The demo gets two
 * more states first: a translation approved against the new source, and a live text a clinician asked to update.
 */
class OfferedActionsTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final List<String> PEOPLE = List.of("editor", "clinician", "translator-fr", "reviewer-fr", "reviewer-es",
            "admin");

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static App.Services services;
    static long updatedTranslationItem;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        services = app.app().services();
        Editorial editorial = new Editorial(app.app());
        var workflow = services.workflow();

        // the demo's minor source edit left the French live text outdated: the translator redoes it, signed
        updatedTranslationItem = editorial.questionId("When does sleep myoclonus stop?");
        RevisionRef before = editorial.latest(updatedTranslationItem, "fr");
        RevisionRef redone = workflow.saveRevision(editorial.person("translator-fr"), updatedTranslationItem, "fr",
                before.number(), new RevisionText(before.text().title(), before.text().slug(),
                        before.text().body() + "\n\nDemandez à votre médecin si cela continue après 6 mois.", ""),
                "update to the new source");
        workflow.submit(editorial.person("translator-fr"), redone.id());
        workflow.review(editorial.person("reviewer-fr"), redone.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "",
                redone.contentHash());
        workflow.review(editorial.person("clinician"), redone.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                redone.contentHash());

        // a clinician asks for an update of a live English text, which may stay live meanwhile
        long refusedItem = editorial.questionId("What does sleep myoclonus look like?");
        RevisionRef live = editorial.latest(refusedItem, "en");
        workflow.review(editorial.person("clinician"), live.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                "Add when to call a doctor.", live.contentHash(), LiveOutcome.UPDATE_NEEDED);
        // and a new English draft on another item, so a live text that is not the newest is reviewed too
        long drafted = editorial.questionId("Is sleep myoclonus bad?");
        RevisionRef current = editorial.latest(drafted, "en");
        workflow.saveRevision(editorial.person("editor"), drafted, "en", current.number(),
                new RevisionText(current.text().title(), Slugs.slugify(current.text().title()),
                        current.text().body() + "\n\nA draft addition.", current.text().sources()), "draft");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void everyButtonOnEveryItemAndRevisionPage_isOneThePolicyAllows_andNoneItAllowsIsMissing() throws Exception {
        Policy policy = services.workflow().policy();
        List<String> checked = new ArrayList<>();
        for (String username : PEOPLE) {
            AdminClient client = signIn(username);
            Policy.Person who = Policy.Person.of(services.accounts().byUsername(username).orElseThrow());
            for (WorkItem w : services.queries().overview()) {
                String page = "/admin/items/" + w.itemId() + "/" + w.languageCode();
                String as = username + " on " + page;
                Slot slot = services.queries().slot(w.itemId(), w.languageCode());
                Rev latest = slot.latestRevisionId() == null ? null : services.queries().rev(slot.latestRevisionId());
                Document item = client.page(page);
                Element actions = item.selectFirst("section.actions");

                assertThat(actions.select("a[href=" + page + "/edit]").isEmpty()).as(as + ": edit")
                        .isEqualTo(!policy.edit(who, slot).allowed());
                assertThat(offered(actions, "form[action$=/submit]")).as(as + ": submit")
                        .isEqualTo(latest != null && policy.submit(who, slot, latest).allowed()
                                ? List.of(latest.id()) : List.of());
                for (long r : offered(actions, "a.button[href^=/admin/revisions/]")) {
                    Rev reviewed = services.queries().rev(r);
                    assertThat(policy.review(who, ReviewKind.LANGUAGE, slot, reviewed).allowed()
                            || policy.review(who, ReviewKind.MEDICAL, slot, reviewed).allowed()).as(as + ": review").isTrue();
                }
                assertThat(offered(actions, "form[action$=/publish]")).as(as + ": publish")
                        .isEqualTo(latest != null && policy.publish(who, slot, latest).allowed()
                                ? List.of(latest.id()) : List.of());
                assertThat(actions.select("form[action$=/unpublish]").isEmpty()).as(as + ": unpublish")
                        .isEqualTo(!policy.unpublish(who, slot).allowed());
                for (Element rollback : actions.select("form[action$=/rollback]")) {
                    Rev back = services.queries().rev(Long.parseLong(rollback.selectFirst("input[name=revision]").val()));
                    assertThat(policy.rollback(who, slot, back).allowed()).as(as + ": rollback").isTrue();
                }

                List<Long> revisions = new ArrayList<>();
                if (latest != null) {
                    revisions.add(latest.id());
                }
                if (slot.live() && !revisions.contains(slot.liveRevisionId())) {
                    revisions.add(slot.liveRevisionId());
                }
                for (long id : revisions) {
                    checkRevisionPage(client, policy, who, slot, services.queries().rev(id), username);
                }
                checked.add(as);
            }
        }
        assertThat(checked).hasSizeGreaterThan(100);
    }

    private static void checkRevisionPage(AdminClient client, Policy policy, Policy.Person who, Slot slot, Rev rev,
            String username) throws Exception {
        String path = "/admin/revisions/" + rev.id();
        String as = username + " on " + path;
        Document page = client.page(path);
        // a kind already decided on this revision is not offered again (threads: review screens that end)
        boolean medical = policy.review(who, ReviewKind.MEDICAL, slot, rev).allowed()
                && !Policy.decided(ReviewKind.MEDICAL, slot, rev);
        assertThat(page.select("#review-LANGUAGE").isEmpty()).as(as + ": language review")
                .isEqualTo(!(policy.review(who, ReviewKind.LANGUAGE, slot, rev).allowed()
                        && !Policy.decided(ReviewKind.LANGUAGE, slot, rev)));
        assertThat(page.select("#review-MEDICAL").isEmpty()).as(as + ": medical review").isEqualTo(!medical);
        assertThat(page.select("#review-MEDICAL input[name=liveOutcome]").isEmpty()).as(as + ": live outcome asked")
                .isEqualTo(!(medical && Policy.asksLiveOutcome(ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED, slot,
                        rev)));
        assertThat(page.select("section.publish").isEmpty()).as(as + ": publish")
                .isEqualTo(!policy.publish(who, slot, rev).allowed());
    }

    @Test
    void everyQueueEntry_isAStepThePolicyAllowsThatPerson() {
        Policy policy = services.workflow().policy();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<WorkItem> overview = services.queries().overview();
        for (String username : PEOPLE) {
            var person = services.accounts().byUsername(username).orElseThrow();
            Policy.Person who = Policy.Person.of(person);
            Queues queues = Queues.of(policy, person, overview, today);
            queues.toTranslate().forEach(w -> assertThat(policy.edit(who, w.slot()).allowed()).isTrue());
            queues.changesRequested().forEach(w -> assertThat(policy.edit(who, w.slot()).allowed()).isTrue());
            queues.toReview().forEach(w -> assertThat(
                    policy.review(who, ReviewKind.LANGUAGE, w.slot(), w.latest()).allowed()).isTrue());
            queues.toSignOff().forEach(w -> assertThat(
                    policy.review(who, ReviewKind.MEDICAL, w.slot(), w.latest()).allowed()).isTrue());
            assertThat(queues.readyToPublish()).as(username + " ready to publish").isEqualTo(overview.stream()
                    .filter(w -> w.latest() != null && policy.publish(who, w.slot(), w.latest()).allowed()).toList());
        }
    }

    @Test
    void aTranslationApprovedAgainstTheNewSource_isNotAskedToBeUpdatedAgain_butIsReadyToPublish() throws Exception {
        AdminClient translator = signIn("translator-fr");
        Document page = translator.page("/admin/items/" + updatedTranslationItem + "/fr");
        assertThat(page.select(".status .notice").text()).doesNotContain("please update the translation");
        var person = services.accounts().byUsername("translator-fr").orElseThrow();
        Queues queues = Queues.of(services.workflow().policy(), person, services.queries().overview(),
                LocalDate.now(ZoneOffset.UTC));
        assertThat(queues.toTranslate()).noneMatch(w -> w.itemId() == updatedTranslationItem);

        var editor = services.accounts().byUsername("editor").orElseThrow();
        assertThat(Queues.of(services.workflow().policy(), editor, services.queries().overview(),
                LocalDate.now(ZoneOffset.UTC)).readyToPublish())
                .anyMatch(w -> w.itemId() == updatedTranslationItem && w.languageCode().equals("fr"));
    }

    @Test
    void theItemPage_saysAnUpdateWasRequestedOnTheLiveText_andTheEditorHasItInTheirQueue() throws Exception {
        long item = new Editorial(app.app()).questionId("What does sleep myoclonus look like?");
        Document page = signIn("editor").page("/admin/items/" + item + "/en");
        assertThat(page.select(".status .notice").text()).contains("asked for changes to the live text");
        var editor = services.accounts().byUsername("editor").orElseThrow();
        assertThat(Queues.of(services.workflow().policy(), editor, services.queries().overview(),
                LocalDate.now(ZoneOffset.UTC)).changesRequested())
                .anyMatch(w -> w.itemId() == item && w.languageCode().equals("en"));
    }

    @Test
    void aMedicalRequestForChangesOfTheLiveText_withoutTheAnswer_comesBackWithTheCommentKept() throws Exception {
        Editorial editorial = new Editorial(app.app());
        long item = editorial.questionId("Is sleep myoclonus bad?");
        long live = services.queries().status(item, "fr").liveRevisionId();
        RevisionRef revision = services.queries().revision(live).orElseThrow();
        AdminClient clinician = signIn("clinician");
        Document form = clinician.page("/admin/revisions/" + live);
        assertThat(form.select("#review-MEDICAL input[name=liveOutcome]")).hasSize(2);

        HttpResponse<String> refused = clinician.post("/admin/revisions/" + live + "/review", "kind", "MEDICAL",
                "decision", "CHANGES_REQUESTED", "comment", "The second paragraph is wrong.", "hash",
                revision.contentHash());

        assertThat(refused.statusCode()).isEqualTo(409);
        Document again = org.jsoup.Jsoup.parse(refused.body());
        assertThat(again.select("#comment-MEDICAL").text()).isEqualTo("The second paragraph is wrong.");
        assertThat(again.select("#review-MEDICAL .field-error").text()).contains("unsafe");
        assertThat(services.queries().status(item, "fr").withdrawn()).isFalse();

        HttpResponse<String> unsafe = clinician.post("/admin/revisions/" + live + "/review", "kind", "MEDICAL",
                "decision", "CHANGES_REQUESTED", "comment", "The second paragraph is wrong.", "hash",
                revision.contentHash(), "liveOutcome", "UNSAFE");
        assertThat(unsafe.statusCode()).isEqualTo(303);
        assertThat(services.queries().status(item, "fr").withdrawn()).isTrue();
    }

    @Test
    void sourceTextRefusedAsUnsafe_overHttp_isDownWithItsTranslations_andTheItemPageSaysSo() throws Exception {
        long item = new Editorial(app.app()).questionId("Is sleep myoclonus a seizure?");
        long live = services.queries().status(item, "en").liveRevisionId();
        RevisionRef revision = services.queries().revision(live).orElseThrow();
        AdminClient clinician = signIn("clinician");
        clinician.page("/admin/revisions/" + live);

        HttpResponse<String> unsafe = clinician.post("/admin/revisions/" + live + "/review", "kind", "MEDICAL",
                "decision", "CHANGES_REQUESTED", "comment", "This calls a seizure harmless.", "hash",
                revision.contentHash(), "liveOutcome", "UNSAFE");

        assertThat(unsafe.statusCode()).isEqualTo(303);
        for (String lang : List.of("en", "es", "fr", "ar")) {
            assertThat(services.queries().status(item, lang).withdrawn()).as(lang).isTrue();
        }
        Document page = signIn("editor").page("/admin/items/" + item + "/en");
        assertThat(page.select(".live .notice").text()).contains("withdrawn as unsafe");
        assertThat(signIn("clinician").page("/admin/revisions/" + live).select(".reviews").text())
                .contains("taken down as unsafe");
    }

    static AdminClient signIn(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        HttpResponse<String> response = client.login(username, PASSWORD);
        assertThat(response.statusCode()).as("sign-in of " + username).isEqualTo(303);
        client.get("/admin/");
        return client;
    }

    /** The revision ids in the addresses of the matching forms or links ("/admin/revisions/{id}/..."). */
    private static List<Long> offered(Element scope, String selector) {
        List<Long> ids = new ArrayList<>();
        for (Element e : scope.select(selector)) {
            String target = e.hasAttr("action") ? e.attr("action") : e.attr("href");
            ids.add(Long.parseLong(target.split("/")[3]));
        }
        return ids;
    }
}
