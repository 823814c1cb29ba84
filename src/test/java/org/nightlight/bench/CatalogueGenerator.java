package org.nightlight.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.nightlight.App;
import org.nightlight.Settings;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.content.RevisionText;
import org.nightlight.content.Slugs;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;
import org.nightlight.workflow.Workflow;

/**
 * The benchmark's catalogue: N topics × M questions × L languages, every text taken through the real workflow
 * (written, submitted, reviewed for its language by a qualified reviewer, signed off by a clinician, published)
 * into the database of the NIGHTLIGHT_* settings. Topics are done in parallel, each by one thread.
 * Run by bench/generate.sh: {@code CatalogueGenerator [topics] [questions] [languages] [threads]}.
 * The work waits, not computes: about 45 statements in five transactions per translation, each a round trip,
 * and five commits, so the default is more threads than cores (see bench/README.md, "Why it was slow").
 */
public final class CatalogueGenerator {

    /** Source first; two right-to-left scripts. code, native name, English name, direction, search config. */
    static final List<String[]> LANGUAGES = List.of(
            new String[] {"en", "English", "English", "ltr", "english"},
            new String[] {"es", "Español", "Spanish", "ltr", "spanish"},
            new String[] {"fr", "Français", "French", "ltr", "french"},
            new String[] {"ar", "العربية", "Arabic", "rtl", "arabic"},
            new String[] {"de", "Deutsch", "German", "ltr", "german"},
            new String[] {"he", "עברית", "Hebrew", "rtl", "simple"},
            new String[] {"pt", "Português", "Portuguese", "ltr", "portuguese"},
            new String[] {"ru", "Русский", "Russian", "ltr", "russian"});

    /** Words to build texts of realistic length from, per language. */
    static final Map<String, String[]> WORDS = Map.of(
            "en", "baby sleep jerks twitching night newborn parents doctor seizure calm normal weeks breathing arms legs feeding warm quiet waking harmless".split(" "),
            "es", "bebé sueño sacudidas noche recién nacido padres médico convulsión tranquilo normal semanas respiración brazos piernas".split(" "),
            "fr", "bébé sommeil secousses nuit nouveau-né parents médecin convulsion calme normal semaines respiration bras jambes".split(" "),
            "ar", "الطفل النوم الرضيع الليل الوالدين الطبيب نوبة هادئ طبيعي أسابيع التنفس الذراعين الساقين".split(" "),
            "de", "Baby Schlaf Zuckungen Nacht Neugeborenes Eltern Arzt Anfall ruhig normal Wochen Atmung Arme Beine".split(" "),
            "he", "תינוק שינה עוויתות לילה יילוד הורים רופא התקף רגוע רגיל שבועות נשימה ידיים רגליים".split(" "),
            "pt", "bebê sono espasmos noite recém-nascido pais médico convulsão calmo normal semanas respiração braços pernas".split(" "),
            "ru", "ребёнок сон подёргивания ночь новорождённый родители врач приступ спокойный нормально недели дыхание".split(" "));

    /** Fewer than the pool's ten connections; beyond about eight the shared 2-core machine gained nothing. */
    static final int DEFAULT_THREADS = 8;

    private final App app;
    private final Workflow workflow;
    private final List<String> languages;
    private final Map<String, Actor> people = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong texts = new AtomicLong();

    CatalogueGenerator(App app, int languageCount) {
        this.app = app;
        this.workflow = app.services().workflow();
        this.languages = LANGUAGES.subList(0, languageCount).stream().map(l -> l[0]).toList();
    }

    public static void main(String[] args) throws Exception {
        int topics = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int questions = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int languageCount = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : DEFAULT_THREADS;
        try (App app = App.open(Settings.fromEnvironment())) {
            long started = System.nanoTime();
            long made = new CatalogueGenerator(app, languageCount).generate(topics, questions, threads, true);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("%d published texts (%d topics × %d questions × %d languages) in %.0f s, %.0f texts/s%n",
                    made, topics, questions, languageCount, seconds, made / seconds);
        }
        System.exit(0); // Hibernate and the pool are closed; do not wait for stray daemon threads
    }

    /** Makes the catalogue; returns the number of texts published. */
    long generate(int topics, int questions, int threads, boolean progress) throws Exception {
        prepareLanguagesAndPeople();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            long run = System.currentTimeMillis() % 100_000;
            java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
            for (int t = 0; t < topics; t++) {
                int topic = t;
                done.add(pool.submit(() -> {
                    topic(run, topic, questions);
                    if (progress) {
                        System.out.printf("topic %d of %d done, %d texts so far%n", topic + 1, topics, texts.get());
                    }
                    if (finished.incrementAndGet() % 10 == 0) {
                        analyze();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        analyze();
        return texts.get();
    }

    /**
     * Statistics as the catalogue grows: without them (autovacuum off, or behind a fast generation) the
     * planner took the workflow's per-item lookups for scans and the generation slowed from 40 to 9 texts/s.
     * A role that does not own the tables gets a warning and nothing else.
     */
    private void analyze() {
        app.sessions().inTransaction(s -> s.createNativeMutationQuery("analyze content_items, revisions,"
                + " submissions, reviews, publications, live_texts, search_documents").executeUpdate());
    }

    private void topic(long run, int topic, int questions) {
        Random random = new Random(run * 1_000 + topic);
        long topicId = workflow.createTopic(people.get("editor"),
                text("en", random, "Topic " + run + "-" + topic, 2, false), "bench");
        publishSourceAndTranslations(topicId, random, "Topic " + run + "-" + topic, 2, false);
        for (int q = 0; q < questions; q++) {
            String label = "Q" + run + "-" + topic + "-" + q;
            long itemId = workflow.createQuestion(people.get("editor"), topicId, text("en", random, label, 4, true),
                    "bench");
            publishSourceAndTranslations(itemId, random, label, 4, true);
        }
    }

    private void publishSourceAndTranslations(long itemId, Random random, String label, int paragraphs,
            boolean question) {
        RevisionRef source = app.services().queries().history(itemId, "en").get(0);
        workflow.submit(people.get("editor"), source.id());
        workflow.review(people.get("clinician"), source.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                source.contentHash());
        workflow.publish(people.get("editor"), source.id(), null);
        texts.incrementAndGet();
        for (String lang : languages.subList(1, languages.size())) {
            RevisionRef translation = workflow.saveRevision(people.get("translator-" + lang), itemId, lang, 0,
                    text(lang, random, label, paragraphs, question), "bench translation");
            workflow.submit(people.get("translator-" + lang), translation.id());
            workflow.review(people.get("reviewer-" + lang), translation.id(), ReviewKind.LANGUAGE,
                    Decision.APPROVED, "", translation.contentHash());
            workflow.review(people.get("clinician"), translation.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                    translation.contentHash());
            workflow.publish(people.get("editor"), translation.id(), null);
            texts.incrementAndGet();
        }
    }

    /** A title of 5-9 words (numbered, so slugs stay unique) and 2-4 paragraphs of 40-70 words each. */
    static RevisionText text(String lang, Random random, String label, int paragraphs, boolean question) {
        String[] words = WORDS.get(lang);
        StringBuilder title = new StringBuilder(label);
        for (int i = 0, n = 5 + random.nextInt(5); i < n; i++) {
            title.append(' ').append(words[random.nextInt(words.length)]);
        }
        if (question) {
            title.append(lang.equals("ar") ? "؟" : "?");
        }
        StringBuilder body = new StringBuilder();
        // as many paragraphs in every language, as a translation has (the automatic checks refuse another count)
        int count = 2 + new Random(label.hashCode()).nextInt(paragraphs - 1);
        for (int p = 0; p < count; p++) {
            if (p > 0) {
                body.append("\n\n");
            }
            for (int w = 0, m = 40 + random.nextInt(31); w < m; w++) {
                body.append(words[random.nextInt(words.length)]).append(w % 11 == 10 ? ". " : " ");
            }
            body.setLength(body.length() - 1);
            body.append('.');
        }
        return new RevisionText(title.toString(), Slugs.slugify(title.toString()), body.toString(),
                "https://example.org/reference/" + label);
    }

    /** The languages and the people of the workflow (an editor, a clinician, a translator and reviewer each). */
    private void prepareLanguagesAndPeople() {
        Actor admin = person("bench-admin", Set.of(Role.ADMIN), Set.of(), null);
        for (String[] l : LANGUAGES.subList(0, languages.size())) {
            if (app.services().languages().byCode(l[0]).isEmpty()) {
                app.services().languages().add(admin, l[0], l[1], l[2], l[3], l[4], true);
            } else if (!app.services().languages().byCode(l[0]).get().isPublic()) {
                app.services().languages().setPublic(admin, l[0], true);
            }
        }
        people.put("editor", person("bench-editor", Set.of(Role.EDITOR), Set.of(), admin));
        Set<Qualification> medical = new java.util.HashSet<>();
        languages.forEach(l -> medical.add(new Qualification(l, Capability.MEDICAL_REVIEW)));
        people.put("clinician", person("bench-clinician", Set.of(Role.CLINICIAN), medical, admin));
        for (String lang : languages.subList(1, languages.size())) {
            people.put("translator-" + lang, person("bench-translator-" + lang, Set.of(Role.TRANSLATOR),
                    Set.of(new Qualification(lang, Capability.TRANSLATE)), admin));
            people.put("reviewer-" + lang, person("bench-reviewer-" + lang, Set.of(Role.TRANSLATOR),
                    Set.of(new Qualification(lang, Capability.TRANSLATE),
                            new Qualification(lang, Capability.LANGUAGE_REVIEW)), admin));
        }
    }

    private Actor person(String username, Set<Role> roles, Set<Qualification> qualifications, Actor admin) {
        var accounts = app.services().accounts();
        var existing = accounts.byUsername(username);
        if (existing.isPresent()) {
            return Actor.of(existing.get().id());
        }
        NewUser spec = new NewUser(username, username.replace('-', ' '), roles.contains(Role.CLINICIAN) ? "MD" : "",
                null, roles, qualifications, false);
        return Actor.of(admin == null ? accounts.createSystemUser(spec) : accounts.createUser(admin, spec));
    }
}
