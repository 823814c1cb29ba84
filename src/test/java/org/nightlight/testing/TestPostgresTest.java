package org.nightlight.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;

/** {@link TestPostgres#withDemo()}: a copy of the demo that the app takes as it is. */
class TestPostgresTest {

    static final String PASSWORD = "a password of this class only";
    static final List<String> TABLES = List.of("content_items", "revisions", "reviews", "publications", "users",
            "audit_events");

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    @Test
    void aDemoCopy_isNotLoadedAgain_andTakesTheDemoPasswordItIsGiven() throws Exception {
        Map<String, Long> before = rows();
        assertThat(before).containsEntry("content_items", 18L).containsEntry("users", 9L);

        try (App app = App.open(db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD)))) {
            app.loadDemoIfWanted();

            assertThat(rows()).isEqualTo(before);
            assertThat(app.services().accounts().authenticate("clinician", PASSWORD)).isPresent();
        }
    }

    private static Map<String, Long> rows() throws Exception {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            rows.put(table, Rows.count(db, table));
        }
        return rows;
    }
}
