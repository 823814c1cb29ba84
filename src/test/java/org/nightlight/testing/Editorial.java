package org.nightlight.testing;

import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.content.RevisionText;
import org.nightlight.content.Slugs;
import org.nightlight.content.SourceChange;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Workflow;

/**
 * Content changes for tests, made by the demo accounts through the real workflow (write, submit, sign off,
 * publish), so what the public sees is exactly what the workflow allows.
 */
public final class Editorial {

    private final App.Services services;
    private final Workflow workflow;

    public Editorial(App app) {
        this.services = app.services();
        this.workflow = services.workflow();
    }

    public Actor person(String username) {
        return Actor.of(services.accounts().byUsername(username).orElseThrow(
                () -> new IllegalStateException("no demo account " + username)).id());
    }

    /** The first topic's id (the demo has one). */
    public long topicId() {
        return services.published().topics("en").get(0).itemId();
    }

    /** The item id of the question with this English title, in the first topic. */
    public long questionId(String englishTitle) {
        return services.queries().questionsOf(topicId(), "en").stream()
                .filter(r -> r.text().title().equals(englishTitle))
                .findFirst().orElseThrow(() -> new IllegalStateException("no question " + englishTitle)).itemId();
    }

    public RevisionRef latest(long itemId, String lang) {
        return services.queries().history(itemId, lang).get(0);
    }

    /** Saves a new revision and leaves it unsubmitted: a draft nobody reviewed. */
    public RevisionRef draft(long itemId, String lang, String title, String body) {
        RevisionRef before = services.queries().history(itemId, lang).stream().findFirst().orElse(null);
        return workflow.saveRevision(writer(lang), itemId, lang, before == null ? 0 : before.number(),
                text(title, body, before == null ? "" : before.text().sources()), "test draft");
    }

    /** New source text for an item, signed off and published as the given kind of change. */
    public RevisionRef publishSource(long itemId, String title, String body, SourceChange change) {
        RevisionRef revision = draft(itemId, "en", title, body);
        signOff(revision);
        workflow.publish(person("editor"), revision.id(), change);
        return revision;
    }

    /** A new English question in the topic, signed off and published, with no translation. */
    public long publishNewQuestion(long topicId, String title, String body, String sources) {
        long itemId = workflow.createQuestion(person("editor"), topicId, text(title, body, sources), "test question");
        RevisionRef revision = latest(itemId, "en");
        signOff(revision);
        workflow.publish(person("editor"), revision.id(), null);
        return itemId;
    }

    /** A new English topic (no urgent-help block), signed off and published. */
    public long publishNewTopic(String title, String body, String sources) {
        long itemId = workflow.createTopic(person("editor"), text(title, body, sources), "test topic");
        RevisionRef revision = latest(itemId, "en");
        signOff(revision);
        workflow.publish(person("editor"), revision.id(), null);
        return itemId;
    }

    /** A translation reviewed by the language's reviewer and signed off by the clinician, then published. */
    public RevisionRef publishTranslation(long itemId, String lang, String title, String body) {
        RevisionRef revision = draft(itemId, lang, title, body);
        workflow.submit(writer(lang), revision.id());
        workflow.review(person("reviewer-" + lang), revision.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "",
                revision.contentHash());
        workflow.review(person("clinician"), revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                revision.contentHash());
        workflow.publish(person("editor"), revision.id(), null);
        return revision;
    }

    private void signOff(RevisionRef revision) {
        workflow.submit(person("editor"), revision.id());
        workflow.review(person("clinician"), revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                revision.contentHash());
    }

    private Actor writer(String lang) {
        return person("en".equals(lang) ? "editor" : "translator-" + lang);
    }

    public static RevisionText text(String title, String body, String sources) {
        return new RevisionText(title, Slugs.slugify(title), body, sources);
    }
}
