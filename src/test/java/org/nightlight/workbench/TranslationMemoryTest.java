package org.nightlight.workbench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.units.Units;
import org.nightlight.workbench.Suggestions.Suggestion;
import org.nightlight.workflow.RevisionRef;

/** Suggestions from the demo's published Spanish, French and Arabic translations. */
class TranslationMemoryTest {

    static final String QUESTION = "What is baby sleep myoclonus?";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static TranslationMemory memory;
    static Editorial editorial;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD",
                "correct horse battery staple 42")), App::loadDemoIfWanted);
        memory = new TranslationMemory(app.app().sessions());
        editorial = new Editorial(app.app());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theSameSourceParagraph_isAnExactMatch_withTheFrenchOfThePublishedTranslation() {
        long item = editorial.questionId(QUESTION);
        RevisionRef english = editorial.latest(item, "en");
        RevisionRef french = editorial.latest(item, "fr");
        String paragraph = Units.of(english.text().body()).units().get(1).content();

        List<Suggestion> found = memory.suggest("en", "fr", List.of(paragraph)).get(0);

        assertThat(found).isNotEmpty();
        Suggestion best = found.get(0);
        assertThat(best.exact()).isTrue();
        assertThat(best.score()).isEqualTo(100);
        assertThat(best.text()).isEqualTo(Units.of(french.text().body()).units().get(1).content())
                .startsWith("Les secousses arrivent en salves");
        assertThat(best.origin().itemId()).isEqualTo(item);
        assertThat(best.origin().languageCode()).isEqualTo("fr");
        assertThat(best.origin().revisionNumber()).isEqualTo(french.number());
        assertThat(best.origin().itemTitle()).isEqualTo(french.text().title()).startsWith("Que sont les myoclonies");
    }

    @Test
    void aSlightlyChangedParagraph_isAFuzzyMatch_withAScoreBelow100() {
        long item = editorial.questionId(QUESTION);
        String paragraph = Units.of(editorial.latest(item, "en").text().body()).units().get(1).content()
                .replace("They stop as soon as the baby is woken up.", "They stop as soon as the baby is gently woken up.");

        List<List<Suggestion>> found = memory.suggest("en", "es", List.of(paragraph, "Nothing like any text here."));

        Suggestion best = found.get(0).get(0);
        assertThat(best.exact()).isFalse();
        assertThat(best.score()).isBetween(80, 99);
        assertThat(best.sourceText()).contains("They stop as soon as the baby is woken up.");
        assertThat(best.text()).isEqualTo(Units.of(editorial.latest(item, "es").text().body()).units().get(1)
                .content());
        assertThat(found.get(1)).isEmpty();
    }

    @Test
    void titlesAreRemembered_andEachLanguageGivesItsOwn() {
        List<List<Suggestion>> found = memory.suggest("en", "ar", List.of(QUESTION));

        assertThat(found.get(0).get(0).exact()).isTrue();
        assertThat(found.get(0).get(0).text())
                .isEqualTo(editorial.latest(editorial.questionId(QUESTION), "ar").text().title());
        // another question's title is only similar, and says so
        assertThat(found.get(0).subList(1, found.get(0).size())).allSatisfy(s -> assertThat(s.score()).isLessThan(100));
    }

    @Test
    void aTranslationNotPublished_isNotInTheMemory() throws SQLException {
        memory.suggest("en", "fr", List.of("x"));
        // the French translation still in review (the demo's) was never cut
        assertThat(Rows.strings(db, """
                select count(*) from memory_segments m join revisions r on r.id = m.revision_id
                where r.title like 'Pourquoi mon bébé se réveille%'""")).containsExactly("0");
        assertThat(Rows.count(db, "memory_segments")).isPositive();
    }

    @Test
    void aWithdrawnTranslation_suggestsNothingMore() throws Exception {
        long item = editorial.questionId("Is sleep myoclonus bad?");
        String title = "Is sleep myoclonus bad?";
        assertThat(memory.suggest("en", "ar", List.of(title)).get(0)).anySatisfy(s -> assertThat(s.exact()).isTrue());

        Rows.execute(db, "update publications set withdrawn_at = now(), withdrawn_reason = 'test'"
                + " where item_id = " + item + " and language_code = 'ar' and ended_at is null");

        assertThat(memory.suggest("en", "ar", List.of(title)).get(0))
                .noneSatisfy(s -> assertThat(s.origin().itemId()).isEqualTo(item));
    }

    @Test
    void memoryRows_neverChange_evenForTheServerRole() throws Exception {
        memory.suggest("en", "fr", List.of("x"));
        try (Connection c = db.connectAsServer()) {
            assertThatThrownBy(() -> c.createStatement().execute("update memory_segments set target_text = 'x'"))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> c.createStatement().execute("delete from memory_harvests"))
                    .isInstanceOf(SQLException.class);
        }
    }
}
