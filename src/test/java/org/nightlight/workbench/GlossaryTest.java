package org.nightlight.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.audit.AuditLog;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workbench.Glossary.Draft;
import org.nightlight.workbench.Glossary.Entry;

/** Who keeps which language pair's glossary, the audit trail of every change, and the database's own guard. */
class GlossaryTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static Glossary glossary;
    static Editorial editorial;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD",
                "correct horse battery staple 42")), App::loadDemoIfWanted);
        glossary = new Glossary(app.app().sessions(), new AuditLog(Clock.systemUTC()),
                app.app().services().workflow().policy());
        editorial = new Editorial(app.app());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void editors_keepEveryPair_reviewers_onlyTheirLanguage_othersNone() {
        glossary.add(who("editor"), "en", "es", new Draft("jerks", "sacudidas", "never «convulsiones»", false));
        glossary.add(who("reviewer-fr"), "en", "fr", new Draft("jerks", "secousses", "", false));

        for (String refused : List.of("translator-fr", "clinician", "admin", "reviewer-es")) {
            assertThatThrownBy(() -> glossary.add(who(refused), "en", "fr", new Draft("seizure", "crise", "", false)))
                    .as(refused).isInstanceOfSatisfying(GlossaryException.class,
                            e -> assertThat(e.notAllowed()).isTrue());
        }
        assertThatThrownBy(() -> glossary.add(who("reviewer-fr"), "en", "es", new Draft("seizure", "crisis", "", false)))
                .isInstanceOfSatisfying(GlossaryException.class, e -> assertThat(e.notAllowed()).isTrue());
        long french = only("en", "fr", "jerks").id();
        assertThatThrownBy(() -> glossary.remove(who("reviewer-es"), french)).isInstanceOf(GlossaryException.class);
        assertThat(glossary.mayManage(who("reviewer-ar").userId(), "ar")).isTrue();
        assertThat(glossary.mayManage(who("reviewer-ar").userId(), "fr")).isFalse();
        assertThat(glossary.mayManage(who("editor").userId(), "ar")).isTrue();
        assertThat(glossary.mayManage(who("translator-ar").userId(), "ar")).isFalse();
    }

    @Test
    void everyChange_isAnAuditEvent_withWhatItWasAndWhatItBecame() throws Exception {
        glossary.add(who("reviewer-ar"), "en", "ar", new Draft("NHS 111", "whatever", "the phone service", true));
        Entry added = only("en", "ar", "NHS 111");
        assertThat(added.translation()).isEqualTo("NHS 111"); // not to translate: its own spelling
        glossary.change(who("editor"), added.id(), new Draft("ignored", "الخدمة 111", "", false));
        Entry changed = only("en", "ar", "NHS 111");
        assertThat(changed.term()).isEqualTo("NHS 111");
        assertThat(changed.translation()).isEqualTo("الخدمة 111");
        assertThat(changed.changedBy()).isEqualTo(displayName("editor"));
        glossary.remove(who("reviewer-ar"), added.id());

        assertThat(Rows.strings(db, """
                select a.action || ' ' || u.username || ' ' || a.language_code || ' ' || a.details
                from audit_events a join users u on u.id = a.actor_id
                where a.action like 'GLOSSARY_TERM_%' and a.language_code = 'ar' order by a.id""")).containsExactly(
                "GLOSSARY_TERM_ADDED reviewer-ar ar NHS 111 -> [do not translate] (the phone service)",
                "GLOSSARY_TERM_CHANGED editor ar NHS 111 -> [do not translate] (the phone service) => NHS 111 -> الخدمة 111",
                "GLOSSARY_TERM_REMOVED reviewer-ar ar NHS 111 -> الخدمة 111");
        assertThat(glossary.terms("en", "ar")).extracting(Entry::term).doesNotContain("NHS 111");
    }

    @Test
    void refusedEntries_sayWhichFieldAndWhy() {
        glossary.add(who("editor"), "en", "fr", new Draft("fontanelle", "fontanelle", "", false));
        assertThatThrownBy(() -> glossary.add(who("editor"), "en", "fr", new Draft("Fontanelle", "x", "", false)))
                .isInstanceOfSatisfying(GlossaryException.class,
                        e -> assertThat(e.problems()).containsEntry("term", "admin.glossary.taken"));
        assertThatThrownBy(() -> glossary.add(who("editor"), "en", "fr", new Draft("  ", "", "", false)))
                .isInstanceOfSatisfying(GlossaryException.class, e -> assertThat(e.problems())
                        .containsEntry("term", "admin.glossary.empty").containsEntry("translation", "admin.glossary.empty"));
        assertThatThrownBy(() -> glossary.add(who("editor"), "en", "en", new Draft("a", "b", "", false)))
                .isInstanceOfSatisfying(GlossaryException.class,
                        e -> assertThat(e.problems()).containsEntry("target", "admin.glossary.pairUnknown"));
    }

    @Test
    void termsFoundInAUnit_wholeWordsOnly_ignoringCase() {
        List<Entry> entries = List.of(entry("baby", "bébé"), entry("jerks", "secousses"), entry("BNSM", "MNBS"));

        assertThat(Glossary.foundIn("The Baby has bursts of jerks.", entries)).extracting(Entry::term)
                .containsExactly("baby", "jerks");
        assertThat(Glossary.foundIn("Babysitters and jerky moves", entries)).isEmpty();
    }

    @Test
    void theDatabase_refusesAnEntryWrittenInTheNameOfSomeoneNotAllowed_andAChangedTerm() throws Exception {
        long translator = who("translator-fr").userId();
        long reviewer = who("reviewer-fr").userId();
        try (Connection c = db.connectAsServer()) {
            assertThatThrownBy(() -> c.createStatement().execute("insert into glossary_terms (source_language,"
                    + " target_language, term, translation, created_by, changed_by) values ('en', 'fr', 'sleep',"
                    + " 'sommeil', " + translator + ", " + translator + ")"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("keeps its glossary");
            c.createStatement().execute("insert into glossary_terms (source_language, target_language, term,"
                    + " translation, created_by, changed_by) values ('en', 'fr', 'sleep', 'sommeil', " + reviewer
                    + ", " + reviewer + ")");
            assertThatThrownBy(() -> c.createStatement().execute("update glossary_terms set term = 'nap'"
                    + " where term = 'sleep'")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> c.createStatement().execute("update glossary_terms set changed_by = "
                    + translator + " where term = 'sleep'")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("keeps its glossary");
        }
    }

    private static Entry entry(String term, String translation) {
        return new Entry(0, "en", "fr", term, translation, "", false, "", null);
    }

    private static Entry only(String source, String target, String term) {
        return glossary.terms(source, target).stream().filter(e -> e.term().equals(term)).findFirst().orElseThrow();
    }

    private static Actor who(String username) {
        return editorial.person(username);
    }

    private static String displayName(String username) {
        return app.app().services().accounts().byUsername(username).orElseThrow().displayName();
    }
}
