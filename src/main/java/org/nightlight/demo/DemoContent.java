package org.nightlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.content.Languages;
import org.nightlight.content.RevisionText;
import org.nightlight.content.Slugs;
import org.nightlight.content.SourceChange;
import org.nightlight.exchange.FaqImporter;
import org.nightlight.exchange.FaqParser;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Workflow;
import org.nightlight.workflow.WorkflowQueries;

/**
 * The demo: accounts, the English seed FAQ and its Spanish, French and Arabic translations, all taken
 * through the workflow by the demo accounts, with a few items left in other states so the queues are
 * realistic. Seed answers a clinician would reject get "changes requested", never a sign-off.
 */
final class DemoContent {

    static final List<String> USERNAMES = List.of("admin", "editor", "clinician", "translator-es", "translator-fr",
            "translator-ar", "reviewer-es", "reviewer-fr", "reviewer-ar");
    static final List<String> TRANSLATIONS = List.of("es", "fr", "ar");

    /** Seed answers the demo clinician refuses, with the clinical reason. */
    static final Map<String, String> REFUSED = Map.of(
            "How do you treat myoclonus naturally?",
            "Not for publication: this is exercise advice for adults with muscle twitching. Benign neonatal sleep"
                    + " myoclonus needs no treatment at all; say that, and tell parents not to wake or hold down the"
                    + " baby to stop the jerks.",
            "How do you treat sleep myoclonus?",
            "Not for publication: this medication list is for other forms of myoclonus and contradicts our"
                    + " answer that no medication is necessary in benign neonatal sleep myoclonus; anticonvulsants"
                    + " and sedatives can even make the jerks worse. Rewrite: BNSM needs no medicine.",
            "Do babies grow out of myoclonus?",
            "Changes needed: this describes benign myoclonic epilepsy of infancy, a different condition, and"
                    + " would frighten parents. For BNSM: it stops by itself, usually within the first months.");

    static final String IN_REVIEW = "Why does my baby wake up crying in his sleep?"; // fr: submitted, not reviewed
    static final String LANGUAGE_CHANGES = "Will myoclonic jerks go away?"; // es: language reviewer asks for changes
    static final String MINOR_EDIT = "When does sleep myoclonus stop?"; // source edited after translation

    private static final Pattern LEADING_BOLD_TITLE = Pattern.compile("^\\*\\*(.+?)\\*\\*\\s*\\n+");

    /** What the demo drives: the same services the admin's pages use. */
    record Services(Accounts accounts, Languages languages, Workflow workflow, WorkflowQueries queries,
            FaqImporter importer) {
    }

    private final Services services;
    private final Workflow workflow;
    private final JsonNode translations;
    private final Map<String, Actor> people = new HashMap<>();

    DemoContent(Services services, byte[] translationsJson) {
        this.services = services;
        this.workflow = services.workflow();
        try {
            this.translations = new ObjectMapper().readTree(translationsJson);
        } catch (IOException e) {
            throw new IllegalStateException("the demo translations are not valid JSON", e);
        }
    }

    void load(byte[] seed) {
        createAccounts();
        Actor editor = people.get("editor");
        Actor clinician = people.get("clinician");

        // English: the seed as imported by the editor, then the topic's introduction and urgent-help block.
        JsonNode topicEn = translations.path("topic").path("en");
        var report = services.importer().importFaq(FaqParser.parse(seed), "en", topicEn.path("title").asText(),
                editor);
        long topicId = report.topicId();
        Map<String, Long> questionIds = questionIds(topicId);
        workflow.saveRevision(editor, topicId, "en", 1, text(topicEn.path("title").asText(),
                topicEn.path("body").asText(), topicEn.path("sources").asText()), "Introduction and sources");
        UrgentHelp urgentEn = urgentHelp("en");
        long urgentId = workflow.createUrgentHelp(editor, topicId, text(urgentEn.title(), urgentEn.body(), ""),
                "Written for this FAQ");

        signAndPublishSource(editor, clinician, latest(topicId, "en"));
        signAndPublishSource(editor, clinician, latest(urgentId, "en"));
        for (var question : questionIds.entrySet()) {
            RevisionRef revision = latest(question.getValue(), "en");
            workflow.submit(editor, revision.id());
            String refusal = REFUSED.get(question.getKey());
            if (refusal != null) {
                workflow.review(clinician, revision.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED, refusal,
                        revision.contentHash());
            } else {
                workflow.review(clinician, revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                        revision.contentHash());
                workflow.publish(editor, revision.id(), null);
            }
        }

        // Spanish, French and Arabic, each translated and reviewed by its own two people.
        for (String lang : TRANSLATIONS) {
            JsonNode topicText = translations.path("topic").path(lang);
            translate(lang, topicId, text(topicText.path("title").asText(), topicText.path("body").asText(),
                    topicText.path("sources").asText()), null);
            UrgentHelp urgent = urgentHelp(lang);
            translate(lang, urgentId, text(urgent.title(), urgent.body(), ""), null);
            for (JsonNode q : translations.path("questions")) {
                String source = q.path("source").asText();
                Long itemId = questionIds.get(source);
                if (itemId == null) {
                    throw new IllegalStateException("demo translation of an unknown question: " + source);
                }
                JsonNode t = q.path(lang);
                translate(lang, itemId, text(t.path("title").asText(), t.path("body").asText(), ""), source);
            }
        }

        // A minor source edit after translation: the translations stay live, flagged outdated.
        long edited = questionIds.get(MINOR_EDIT);
        RevisionRef before = latest(edited, "en");
        RevisionRef after = workflow.saveRevision(editor, edited, "en", before.number(), text(before.text().title(),
                before.text().body() + "\n\nIf the jerks go on after your baby is 6 months old, ask your doctor to"
                        + " check them.", ""), "Say when to ask a doctor");
        workflow.submit(editor, after.id());
        workflow.review(clinician, after.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", after.contentHash());
        workflow.publish(editor, after.id(), SourceChange.MINOR);
    }

    private void translate(String lang, long itemId, RevisionText text, String sourceQuestion) {
        Actor translator = people.get("translator-" + lang);
        Actor reviewer = people.get("reviewer-" + lang);
        RevisionRef revision = workflow.saveRevision(translator, itemId, lang, 0, text, "Translation");
        workflow.submit(translator, revision.id());
        if ("fr".equals(lang) && IN_REVIEW.equals(sourceQuestion)) {
            return;
        }
        if ("es".equals(lang) && LANGUAGE_CHANGES.equals(sourceQuestion)) {
            workflow.review(reviewer, revision.id(), ReviewKind.LANGUAGE, Decision.CHANGES_REQUESTED,
                    "«Mioclonía esencial» es un término técnico: explíquelo con palabras sencillas o quítelo;"
                            + " los padres no sabrán qué significa.", revision.contentHash());
            return;
        }
        workflow.review(reviewer, revision.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "", revision.contentHash());
        workflow.review(people.get("clinician"), revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                revision.contentHash());
        workflow.publish(people.get("editor"), revision.id(), null);
    }

    private void signAndPublishSource(Actor editor, Actor clinician, RevisionRef revision) {
        workflow.submit(editor, revision.id());
        workflow.review(clinician, revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", revision.contentHash());
        workflow.publish(editor, revision.id(), null);
    }

    private void createAccounts() {
        long admin = services.accounts().createSystemUser(new NewUser("admin", "Demo Admin", "", null,
                Set.of(Role.ADMIN), Set.of(), true));
        Actor adminActor = Actor.of(admin);
        people.put("admin", adminActor);
        services.languages().add(adminActor, "es", "Español", "Spanish", "ltr", "spanish", true);
        services.languages().add(adminActor, "fr", "Français", "French", "ltr", "french", true);
        services.languages().add(adminActor, "ar", "العربية", "Arabic", "rtl", "arabic", true);

        create(adminActor, "editor", "Demo Editor", "", Set.of(Role.EDITOR), Set.of());
        Set<Qualification> medical = Set.of(new Qualification("en", Capability.MEDICAL_REVIEW),
                new Qualification("es", Capability.MEDICAL_REVIEW), new Qualification("fr", Capability.MEDICAL_REVIEW),
                new Qualification("ar", Capability.MEDICAL_REVIEW));
        create(adminActor, "clinician", "Dr Demo Clinician", "MD, paediatric neurologist (demo account)",
                Set.of(Role.CLINICIAN), medical);
        Map<String, String> names = Map.of("es", "Spanish", "fr", "French", "ar", "Arabic");
        for (String lang : TRANSLATIONS) {
            create(adminActor, "translator-" + lang, "Demo " + names.get(lang) + " Translator", "",
                    Set.of(Role.TRANSLATOR), Set.of(new Qualification(lang, Capability.TRANSLATE)));
            create(adminActor, "reviewer-" + lang, "Demo " + names.get(lang) + " Reviewer", "",
                    Set.of(Role.TRANSLATOR), Set.of(new Qualification(lang, Capability.TRANSLATE),
                            new Qualification(lang, Capability.LANGUAGE_REVIEW)));
        }
    }

    private void create(Actor admin, String username, String name, String credentials, Set<Role> roles,
            Set<Qualification> qualifications) {
        long id = services.accounts().createUser(admin, new NewUser(username, name, credentials, null, roles,
                qualifications, true));
        people.put(username, Actor.of(id));
    }

    private Map<String, Long> questionIds(long topicId) {
        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        services.queries().questionsOf(topicId, "en").forEach(r -> ids.put(r.text().title(), r.itemId()));
        return ids;
    }

    private RevisionRef latest(long itemId, String lang) {
        return services.queries().history(itemId, lang).get(0);
    }

    private record UrgentHelp(String title, String body) {
    }

    /** The JSON's urgent-help text starts with its title in bold; split it off. */
    private UrgentHelp urgentHelp(String lang) {
        String body = translations.path("urgentHelp").path(lang).asText().strip();
        Matcher m = LEADING_BOLD_TITLE.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("the " + lang + " urgent-help text has no title line");
        }
        return new UrgentHelp(m.group(1).strip(), body.substring(m.end()).strip());
    }

    private static RevisionText text(String title, String body, String sources) {
        return new RevisionText(title.strip(), Slugs.slugify(title), body.strip(), sources.strip());
    }
}
