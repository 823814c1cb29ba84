package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.content.RevisionText;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ReviewKind;

/** Pages whose optional parts (here: a topic's urgent-help block) are not there. */
class OptionalPartsTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings());
        App.Services services = app.app().services();
        Actor admin = Actor.of(services.accounts().createSystemUser(new NewUser("admin", "Admin", "", null,
                Set.of(Role.ADMIN), Set.of(), false)));
        Actor editor = Actor.of(services.accounts().createUser(admin, new NewUser("editor", "Editor", "", null,
                Set.of(Role.EDITOR), Set.of(), false)));
        Actor clinician = Actor.of(services.accounts().createUser(admin, new NewUser("clinician", "Dr Clinician", "MD",
                null, Set.of(Role.CLINICIAN), Set.of(new Qualification("en", Capability.MEDICAL_REVIEW)), false)));
        long topic = services.workflow().createTopic(editor, new RevisionText("Colic", "colic", "About colic.", ""), "");
        var revision = services.queries().history(topic, "en").get(0);
        services.workflow().submit(editor, revision.id());
        services.workflow().review(clinician, revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                revision.contentHash());
        services.workflow().publish(editor, revision.id(), null);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aTopicWithoutAnUrgentHelpBlock_rendersWithoutOne() throws Exception {
        Document topic = app.page("/en/colic/");
        assertThat(topic.select("h1").eachText()).containsExactly("Colic");
        assertThat(topic.select(".urgent")).isEmpty();
    }
}
