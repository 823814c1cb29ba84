package org.nightlight;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** A second start on the same database, the way main starts (open, newServer, demo, start), adds nothing. */
class RestartTest {

    private static final String TOPIC_PAGE = "/en/benign-neonatal-sleep-myoclonus/";
    private static final String TABLES = "content_items, revisions, publications, reviews, users, languages";

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    @Test
    void restart_withDemoOn_showsTheSameQuestions_andImportsNothingTwice() throws Exception {
        Settings settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true"));

        List<String> first;
        Map<String, Long> rowsAfterFirst;
        try (RunningApp app = RunningApp.start(settings, App::loadDemoIfWanted)) {
            first = questions(app.page(TOPIC_PAGE));
            rowsAfterFirst = rows();
        }
        // 14 seed questions, 3 of them refused by the demo clinician and never published
        assertThat(first).hasSize(11).doesNotHaveDuplicates()
                .startsWith("What is baby sleep myoclonus?")
                .endsWith("Why does my baby wake up crying in his sleep?");
        assertThat(rowsAfterFirst).containsEntry("content_items", 18L);

        try (RunningApp app = RunningApp.start(settings, App::loadDemoIfWanted)) {
            Document again = app.page(TOPIC_PAGE);

            assertThat(questions(again)).containsExactlyElementsOf(first);
            assertThat(again.select("section.question").eachText()).doesNotHaveDuplicates();
            assertThat(rows()).isEqualTo(rowsAfterFirst);
            assertThat(app.page("/en/").select("main ul.topics a").eachText())
                    .containsExactly("Benign neonatal sleep myoclonus");
        }
    }

    private static List<String> questions(Document topicPage) {
        return topicPage.select("section.question h2").eachText();
    }

    private static Map<String, Long> rows() throws Exception {
        Map<String, Long> rows = new java.util.LinkedHashMap<>();
        for (String table : TABLES.split(", ")) {
            rows.put(table, Rows.count(db, table));
        }
        return rows;
    }
}
