package org.nightlight.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nightlight.account.Accounts;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.content.CareLevel;
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
 * The demo: accounts, the English seed FAQ and its Spanish, French and Arabic translations, all taken through
 * the workflow by the demo accounts, with a few items left in other states so the queues are realistic.
 * <p>
 * The seed is text scraped from the web, and much of it is clinically wrong. So it shows why the workflow
 * exists: every seed answer is submitted as imported, and the clinician requests changes with a clinical
 * comment. The editor's plain-language rewrite becomes the next revision, which the clinician signs off and
 * the editor publishes; only rewrites are translated. Seed answers without a rewrite (duplicates of other
 * questions, or about other conditions) stay refused and are never public.
 */
final class DemoContent {

    static final List<String> USERNAMES = List.of("admin", "editor", "clinician", "translator-es", "translator-fr",
            "translator-ar", "reviewer-es", "reviewer-fr", "reviewer-ar");
    static final List<String> TRANSLATIONS = List.of("es", "fr", "ar");

    static final String IN_REVIEW = "Why does my baby wake up crying in his sleep?"; // fr: submitted, not reviewed
    static final String LANGUAGE_CHANGES = "Will myoclonic jerks go away?"; // es: language reviewer asks for changes
    static final String MINOR_EDIT = "When does sleep myoclonus stop?"; // source edited after translation

    /** The Spanish draft of {@link #LANGUAGE_CHANGES} says "convulsiones" where the source says "jerks". */
    static final String LANGUAGE_COMMENT = "«Convulsiones» no es lo que dice el original («jerks») y asusta: suena a"
            + " crisis epiléptica. Use «sacudidas», como en el resto del tema.";

    /** What the demo drives: the same services the admin's pages use. */
    record Services(Accounts accounts, Languages languages, Workflow workflow, WorkflowQueries queries,
            FaqImporter importer) {
    }

    private final Services services;
    private final Workflow workflow;
    private final JsonNode content;
    private final Map<String, Actor> people = new HashMap<>();

    DemoContent(Services services, byte[] contentJson) {
        this.services = services;
        this.workflow = services.workflow();
        try {
            this.content = new ObjectMapper().readTree(contentJson);
        } catch (IOException e) {
            throw new IllegalStateException("the demo content is not valid JSON", e);
        }
    }

    void load(byte[] seed) {
        createAccounts();
        Actor editor = people.get("editor");
        Actor clinician = people.get("clinician");

        // English: the seed as imported by the editor, then the topic's introduction and urgent-help block.
        RevisionText topicEn = text(content.path("topic").path("en"));
        var report = services.importer().importFaq(FaqParser.parse(seed), "en", topicEn.title(), editor);
        long topicId = report.topicId();
        Map<String, Long> questionIds = questionIds(topicId);
        workflow.saveRevision(editor, topicId, "en", 1, topicEn, "Introduction and sources");
        signAndPublishSource(editor, clinician, latest(topicId, "en"));
        // what to do, one block per care level: call an emergency number now, get advice today, see a doctor soon
        Map<CareLevel, Long> careIds = new java.util.EnumMap<>(CareLevel.class);
        for (CareLevel level : CareLevel.values()) {
            long id = workflow.createUrgentHelp(editor, topicId, level,
                    text(content.path("care").path(level.name()).path("en")), "Written for this FAQ");
            signAndPublishSource(editor, clinician, latest(id, "en"));
            careIds.put(level, id);
        }

        // Every seed answer goes to the clinician as scraped; the rewrites replace it.
        Map<String, JsonNode> questions = new LinkedHashMap<>();
        content.path("questions").forEach(q -> questions.put(q.path("source").asText(), q));
        if (!questions.keySet().equals(questionIds.keySet())) {
            throw new IllegalStateException("the demo content does not match the seed's questions: "
                    + questions.keySet() + " against " + questionIds.keySet());
        }
        for (var question : questionIds.entrySet()) {
            JsonNode q = questions.get(question.getKey());
            RevisionRef seedText = latest(question.getValue(), "en");
            workflow.submit(editor, seedText.id());
            workflow.review(clinician, seedText.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                    q.path("review").asText(), seedText.contentHash());
            if (q.has("en")) {
                RevisionRef rewrite = workflow.saveRevision(editor, question.getValue(), "en", seedText.number(),
                        text(q.path("en")), q.path("note").asText());
                signAndPublishSource(editor, clinician, rewrite);
            }
        }

        // Spanish, French and Arabic, each translated and reviewed by its own two people.
        for (String lang : TRANSLATIONS) {
            translate(lang, topicId, text(content.path("topic").path(lang), topicEn.sources()), null);
            for (CareLevel level : CareLevel.values()) {
                translate(lang, careIds.get(level), text(content.path("care").path(level.name()).path(lang)), null);
            }
            for (JsonNode q : questions.values()) {
                if (q.has("en")) {
                    String source = q.path("source").asText();
                    translate(lang, questionIds.get(source), text(q.path(lang), q.path("en").path("sources").asText()),
                            source);
                }
            }
        }

        // A minor source edit after translation: the translations stay live, flagged outdated.
        long edited = questionIds.get(MINOR_EDIT);
        RevisionRef before = latest(edited, "en");
        RevisionRef after = workflow.saveRevision(editor, edited, "en", before.number(), new RevisionText(
                before.text().title(), before.text().slug(), before.text().body() + "\n\nIf the jerks go on after"
                        + " your baby is 6 months old, ask your doctor to check them.", before.text().sources()),
                "Say when to ask a doctor");
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
                    LANGUAGE_COMMENT, revision.contentHash());
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
        // readers see credentials in their language; worded for a person of either sex, as the names are
        services.accounts().setCredentials(adminActor, people.get("clinician").userId(), Map.of(
                "es", "licenciatura en Medicina, neuropediatra (cuenta de demostración)",
                "fr", "docteur en médecine, neuropédiatre (compte de démonstration)",
                "ar", "دكتوراه في الطب، اختصاص طب أعصاب الأطفال (حساب تجريبي)"));
        Map<String, String> languageReviewers = Map.of(
                "es", "profesional de la traducción médica (cuenta de demostración)",
                "fr", "spécialiste de la traduction médicale (compte de démonstration)",
                "ar", "خبرة في الترجمة الطبية (حساب تجريبي)");
        Map<String, String> names = Map.of("es", "Spanish", "fr", "French", "ar", "Arabic");
        for (String lang : TRANSLATIONS) {
            create(adminActor, "translator-" + lang, "Demo " + names.get(lang) + " Translator", "",
                    Set.of(Role.TRANSLATOR), Set.of(new Qualification(lang, Capability.TRANSLATE)));
            create(adminActor, "reviewer-" + lang, "Demo " + names.get(lang) + " Reviewer", "",
                    Set.of(Role.TRANSLATOR), Set.of(new Qualification(lang, Capability.TRANSLATE),
                            new Qualification(lang, Capability.LANGUAGE_REVIEW)));
            services.accounts().setCredentials(adminActor, people.get("reviewer-" + lang).userId(),
                    Map.of(lang, languageReviewers.get(lang)));
        }
    }

    private void create(Actor admin, String username, String name, String credentials, Set<Role> roles,
            Set<Qualification> qualifications) {
        long id = services.accounts().createUser(admin, new NewUser(username, name, credentials, null, roles,
                qualifications, true));
        people.put(username, Actor.of(id));
    }

    private Map<String, Long> questionIds(long topicId) {
        Map<String, Long> ids = new LinkedHashMap<>();
        services.queries().questionsOf(topicId, "en").forEach(r -> ids.put(r.text().title(), r.itemId()));
        return ids;
    }

    private RevisionRef latest(long itemId, String lang) {
        return services.queries().history(itemId, lang).get(0);
    }

    /** A text of the JSON: title, body and, unless given, its own sources. */
    private static RevisionText text(JsonNode node) {
        return text(node, node.path("sources").asText());
    }

    private static RevisionText text(JsonNode node, String sources) {
        return text(node.path("title").asText(), node.path("body").asText(), sources);
    }

    private static RevisionText text(String title, String body, String sources) {
        return new RevisionText(title.strip(), Slugs.slugify(title), body.strip(), sources.strip());
    }
}
