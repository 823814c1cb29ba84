package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.nightlight.App;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Actor;
import org.nightlight.account.Capability;
import org.nightlight.account.Qualification;
import org.nightlight.account.Role;
import org.nightlight.audit.AuditLog;
import org.nightlight.checks.Glossary;
import org.nightlight.checks.TranslationChecks;
import org.nightlight.content.PublishedContent;
import org.nightlight.content.PublishedContent.Found;
import org.nightlight.content.PublishedContent.Shown;
import org.nightlight.content.PublishedContent.TopicPage;
import org.nightlight.content.RevisionText;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;

/**
 * The application on a test class's database (demo off) with the people a workflow needs, a clock the
 * test controls, and short-cuts that take texts through the real service API. One per test class:
 * open it in {@code @BeforeAll}, close it in {@code @AfterAll}.
 */
final class WorkflowFixture implements AutoCloseable {

    /** The review period the fixture's workflow uses (the default setting). */
    static final Period REVIEW_PERIOD = Period.ofMonths(12);

    /** A clock that stands still until moved; every reading is 1 ms after the previous one so order is total. */
    static final class MutableClock extends Clock {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            this.now = new AtomicReference<>(start);
        }

        void set(Instant instant) {
            now.set(instant);
        }

        void set(String isoInstant) {
            set(Instant.parse(isoInstant));
        }

        void advance(Duration duration) {
            now.updateAndGet(i -> i.plus(duration));
        }

        Instant peek() {
            return now.get();
        }

        @Override
        public Instant instant() {
            return now.getAndUpdate(i -> i.plusMillis(1));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now.get(), zone);
        }
    }

    /** A topic and one question in it, created in the source language. */
    record Item(long topicId, long questionId, String topicSlug) {
    }

    private static final AtomicInteger COUNTER = new AtomicInteger();

    final TestPostgres db;
    final App app;
    // the database stamps reviews and publications with its own now(), so the app's clock starts there too
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    final Workflow workflow;
    final WorkflowQueries queries;
    final PublishedContent published;

    final Actor admin;
    final Actor editor;
    final Actor editor2;
    /** MEDICAL_REVIEW en and fr. */
    final Actor clinician;
    /** MEDICAL_REVIEW en only. */
    final Actor clinicianEn;
    /** An editor who is also a clinician (MEDICAL_REVIEW en): can write source text and sign others' off. */
    final Actor editorClinician;
    /** TRANSLATOR + TRANSLATE fr. */
    final Actor translatorFr;
    /** TRANSLATOR + TRANSLATE fr + LANGUAGE_REVIEW fr. */
    final Actor reviewerFr;
    /** TRANSLATOR + TRANSLATE es. */
    final Actor translatorEs;
    /** TRANSLATOR + TRANSLATE es + LANGUAGE_REVIEW es. */
    final Actor reviewerEs;
    /** MEDICAL_REVIEW es only, so a second translation of one item can be signed off. */
    final Actor clinicianEs;

    private WorkflowFixture(TestPostgres db) {
        this.db = db;
        this.app = App.open(db.settings());
        try {
            this.workflow = new Workflow(app.sessions(), clock, new AuditLog(clock), REVIEW_PERIOD,
                    (item, language) -> app.pageCache().invalidateAll(), app.services().readModel(),
                    CommentListener.NONE, new TranslationChecks(Glossary.NONE));
            this.queries = new WorkflowQueries(app.sessions(), clock);
            this.published = app.services().published();
            var accounts = app.services().accounts();
            this.admin = Actor.of(accounts.createSystemUser(new NewUser("admin", "Ada Admin", "", null,
                    Set.of(Role.ADMIN), Set.of(), false)));
            var languages = app.services().languages();
            languages.add(admin, "fr", "Français", "French", "ltr", "french", true);
            languages.add(admin, "es", "Español", "Spanish", "ltr", "spanish", true);
            this.editor = user("editor", "Eve Editor", "", Set.of(Role.EDITOR), Set.of());
            this.editor2 = user("editor2", "Evan Second-Editor", "", Set.of(Role.EDITOR), Set.of());
            this.clinician = user("clinician", "Dr Clara Clinician", "MD, paediatric neurologist",
                    Set.of(Role.CLINICIAN), Set.of(q("en", Capability.MEDICAL_REVIEW), q("fr", Capability.MEDICAL_REVIEW)));
            this.clinicianEn = user("clinician-en", "Dr Enid English", "MD, paediatrician",
                    Set.of(Role.CLINICIAN), Set.of(q("en", Capability.MEDICAL_REVIEW)));
            this.editorClinician = user("editor-clinician", "Dr Ed Both", "MD",
                    Set.of(Role.EDITOR, Role.CLINICIAN), Set.of(q("en", Capability.MEDICAL_REVIEW)));
            this.translatorFr = user("translator-fr", "Fanny Translator", "", Set.of(Role.TRANSLATOR),
                    Set.of(q("fr", Capability.TRANSLATE)));
            this.reviewerFr = user("reviewer-fr", "Florent Reviewer", "", Set.of(Role.TRANSLATOR),
                    Set.of(q("fr", Capability.TRANSLATE), q("fr", Capability.LANGUAGE_REVIEW)));
            this.translatorEs = user("translator-es", "Sofía Translator", "", Set.of(Role.TRANSLATOR),
                    Set.of(q("es", Capability.TRANSLATE)));
            this.reviewerEs = user("reviewer-es", "Santiago Reviewer", "", Set.of(Role.TRANSLATOR),
                    Set.of(q("es", Capability.TRANSLATE), q("es", Capability.LANGUAGE_REVIEW)));
            this.clinicianEs = user("clinician-es", "Dra Elena Clínica", "MD, neonatóloga",
                    Set.of(Role.CLINICIAN), Set.of(q("es", Capability.MEDICAL_REVIEW)));
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
    }

    static WorkflowFixture open(TestPostgres db) {
        return new WorkflowFixture(db);
    }

    @Override
    public void close() {
        app.close();
    }

    private Actor user(String username, String name, String credentials, Set<Role> roles,
            Set<Qualification> qualifications) {
        return Actor.of(app.services().accounts().createUser(admin,
                new NewUser(username, name, credentials, null, roles, qualifications, false)));
    }

    private static Qualification q(String lang, Capability capability) {
        return new Qualification(lang, capability);
    }

    // --- texts -----------------------------------------------------------------------------------------

    static RevisionText text(String title, String body) {
        return new RevisionText(title, org.nightlight.content.Slugs.slugify(title), body, "");
    }

    /**
     * A unique word of letters ("bc" for 12): texts keep their numbers out of titles, since a translation whose
     * numbers differ from its source's is kept from review by the automatic checks.
     */
    static String letters(int n) {
        return String.valueOf(n).chars().mapToObj(c -> String.valueOf((char) ('a' + c - '0')))
                .collect(java.util.stream.Collectors.joining());
    }

    static int unique() {
        return COUNTER.incrementAndGet();
    }

    // --- driving the workflow --------------------------------------------------------------------------

    /** A new topic with one question, both only written (revision 1 in English, not submitted). */
    Item createItem() {
        String n = letters(unique());
        RevisionText topic = text("Topic " + n, "About topic " + n + ".");
        long topicId = workflow.createTopic(editor, topic, "new topic");
        long questionId = workflow.createQuestion(editor, topicId,
                text("Question " + n + "?", "The English answer to question " + n + "."), "new question");
        return new Item(topicId, questionId, topic.slug());
    }

    /** A new topic and question whose English texts are both published. */
    Item publishedItem() {
        Item item = createItem();
        publishSource(item.topicId(), null);
        publishSource(item.questionId(), null);
        return item;
    }

    RevisionRef latest(long itemId, String lang) {
        List<RevisionRef> history = queries.history(itemId, lang);
        return history.isEmpty() ? null : history.get(0);
    }

    /** A new English revision of the item on top of the latest one, written by the editor. */
    RevisionRef editSource(long itemId, String body) {
        RevisionRef base = latest(itemId, "en");
        return workflow.saveRevision(editor, itemId, "en", base.number(),
                new RevisionText(base.text().title(), base.text().slug(), body, base.text().sources()), "edit");
    }

    /** Submits the latest English revision and has the clinician sign it off. */
    RevisionRef signSource(long itemId) {
        RevisionRef revision = latest(itemId, "en");
        workflow.submit(editor, revision.id());
        workflow.review(clinician, revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "", revision.contentHash());
        return revision;
    }

    /** Signs off and publishes the latest English revision ({@code change} when it replaces live text). */
    RevisionRef publishSource(long itemId, SourceChange change) {
        RevisionRef revision = signSource(itemId);
        workflow.publish(editor, revision.id(), change);
        return revision;
    }

    Actor translator(String lang) {
        return switch (lang) {
            case "fr" -> translatorFr;
            case "es" -> translatorEs;
            default -> throw new IllegalArgumentException(lang);
        };
    }

    Actor languageReviewer(String lang) {
        return switch (lang) {
            case "fr" -> reviewerFr;
            case "es" -> reviewerEs;
            default -> throw new IllegalArgumentException(lang);
        };
    }

    Actor medicalReviewer(String lang) {
        return switch (lang) {
            case "en", "fr" -> clinician;
            case "es" -> clinicianEs;
            default -> throw new IllegalArgumentException(lang);
        };
    }

    /** The French translator writes the next French revision and submits it. */
    RevisionRef translate(long itemId, String body) {
        return translate(itemId, "fr", body);
    }

    /** The language's translator writes the next revision in it (on the live source) and submits it. */
    RevisionRef translate(long itemId, String lang, String body) {
        RevisionRef base = latest(itemId, lang);
        String n = letters(unique());
        RevisionRef revision = workflow.saveRevision(translator(lang), itemId, lang, base == null ? 0 : base.number(),
                text("Question " + lang + " " + n + " ?", body), "translation");
        workflow.submit(translator(lang), revision.id());
        return revision;
    }

    /** Language review and medical sign-off of a translation revision by the people qualified for it. */
    void signTranslation(RevisionRef revision) {
        String lang = revision.languageCode();
        workflow.review(languageReviewer(lang), revision.id(), ReviewKind.LANGUAGE, Decision.APPROVED, "",
                revision.contentHash());
        workflow.review(medicalReviewer(lang), revision.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                revision.contentHash());
    }

    /** A French translation of the item written, reviewed, signed off and published. */
    RevisionRef publishTranslation(long itemId, String body) {
        return publishTranslation(itemId, "fr", body);
    }

    /** A translation of the item written, reviewed, signed off and published. */
    RevisionRef publishTranslation(long itemId, String lang, String body) {
        RevisionRef revision = translate(itemId, lang, body);
        signTranslation(revision);
        workflow.publish(editor, revision.id(), null);
        return revision;
    }

    // --- what the public sees --------------------------------------------------------------------------

    /** The question as a reader of {@code lang} sees it on its topic page, or null when it is not shown. */
    Shown publicQuestion(Item item, String lang) {
        var page = published.topic(lang, item.topicSlug());
        assertThat(page).as("topic page of %s in %s", item.topicSlug(), lang).isInstanceOf(Found.class);
        TopicPage topic = ((Found<TopicPage>) page).value();
        return topic.questions().stream().filter(q -> q.itemId() == item.questionId()).findFirst().orElse(null);
    }

    // --- the database ----------------------------------------------------------------------------------

    static final List<String> TABLES = List.of("content_items", "revisions", "submissions", "reviews",
            "publications", "audit_events", "users", "user_roles", "user_qualifications", "languages");

    /** Row count and a fingerprint of every row, per table: equal snapshots mean nothing changed. */
    Map<String, String> snapshot() {
        Map<String, String> result = new LinkedHashMap<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rs = st.executeQuery("select count(*) || ' rows, ' || coalesce(md5(string_agg(t::text,"
                        + " '|' order by t::text)), '-') from " + table + " t")) {
                    rs.next();
                    result.put(table, rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * Runs an action that must be refused: asserts it throws exactly {@code type} and that no row of any
     * table changed (no audit event either). Returns the exception for further checks.
     */
    <T extends Throwable> T assertRefused(Class<T> type, ThrowingCallable action) {
        Map<String, String> before = snapshot();
        Throwable thrown = catchThrowable(action);
        assertThat(thrown).as("the refusal").isExactlyInstanceOf(type);
        assertThat(snapshot()).as("the database after the refused action").isEqualTo(before);
        return type.cast(thrown);
    }

    long count(String sql, Object... params) {
        try (Connection c = db.connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The rows of a query, each as column label -> value, in the query's order. */
    List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = db.connect(); var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> result = new java.util.ArrayList<>();
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns; i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The single row of a query. */
    Map<String, Object> row(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        assertThat(rows).as(sql).hasSize(1);
        return rows.get(0);
    }

    void execute(String sql) {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Moves the history of an item in a language to another day, as if it had been written, reviewed and
     * published then: the database stamps those times with its own now() and refuses supplied ones, so a test
     * of what happens months later rewrites them as the owner, with the triggers off, and recomputes each
     * publication's next review from its (moved) sign-off.
     */
    void happenedOn(long itemId, String lang, LocalDate day) {
        long days = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.now(ZoneOffset.UTC), day);
        String shift = "interval '" + days + " days'";
        String ofItem = "(select id from revisions where item_id = " + itemId + " and language_code = '" + lang + "')";
        execute("set session_replication_role = replica;"
                + " update revisions set created_at = created_at + " + shift + " where id in " + ofItem + ";"
                + " update submissions set submitted_at = submitted_at + " + shift + " where revision_id in " + ofItem + ";"
                + " update reviews set created_at = created_at + " + shift + " where revision_id in " + ofItem + ";"
                + " update publications p set published_at = published_at + " + shift + ","
                + "   ended_at = ended_at + " + shift + ", withdrawn_at = withdrawn_at + " + shift + ","
                + "   next_review_due = ((select r.created_at from reviews r where r.revision_id = p.revision_id"
                + "     and r.kind = 'MEDICAL' order by r.id desc limit 1) at time zone 'UTC')::date + interval '"
                + REVIEW_PERIOD.toTotalMonths() + " months'"
                + " where revision_id in " + ofItem + ";"
                + " set session_replication_role = origin");
    }
}
