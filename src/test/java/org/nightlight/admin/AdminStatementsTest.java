package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.content.RevisionText;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Every admin page runs a bounded number of SQL statements, whatever the number of revisions, items or
 * languages: counted on the real connection pool (datasource-proxy), session store included.
 */
class AdminStatementsTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static final AtomicInteger STATEMENTS = new AtomicInteger();
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, Clock.systemUTC(), pool -> ProxyDataSourceBuilder.create(pool)
                .afterQuery((execution, queries) -> {
                    // only the pages' own statements: the mail queue and background renders run on other threads
                    if (Thread.currentThread().getName().startsWith("qtp")) {
                        STATEMENTS.addAndGet(Math.max(1, queries.size()));
                    }
                }).build(),
                App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int statements(AdminClient client, String path) throws Exception {
        quiet();
        STATEMENTS.set(0);
        var response = client.get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        quiet();
        return STATEMENTS.get();
    }

    /**
     * Waits until no statement has run for 100 ms: a page's last statements (the session store's write) may run
     * after its response has reached the client, and must count for that page, not the next.
     */
    static void quiet() throws InterruptedException {
        int seen;
        do {
            seen = STATEMENTS.get();
            Thread.sleep(100);
        } while (STATEMENTS.get() != seen);
    }

    /** The most statements each page may run, session store and sign-in checks included. */
    static final Map<String, Integer> BOUNDS = Map.ofEntries(Map.entry("dashboard", 10), Map.entry("content", 11),
            Map.entry("item", 30), Map.entry("translation", 32), Map.entry("edit", 15), Map.entry("revision", 30),
            Map.entry("feedback", 10), Map.entry("searchWords", 12), Map.entry("password", 7), Map.entry("users", 8),
            Map.entry("languages", 9), Map.entry("audit", 13));

    private Map<String, Integer> measure(AdminClient editor, AdminClient admin, String item, String revision)
            throws Exception {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("dashboard", statements(editor, "/admin/"));
        counts.put("content", statements(editor, "/admin/content"));
        counts.put("item", statements(editor, item));
        counts.put("translation", statements(editor, item.replace("/en", "/fr")));
        counts.put("edit", statements(editor, item + "/edit"));
        counts.put("revision", statements(editor, revision));
        counts.put("feedback", statements(editor, "/admin/feedback"));
        counts.put("searchWords", statements(editor, "/admin/search-words"));
        counts.put("password", statements(editor, "/admin/password"));
        counts.put("users", statements(admin, "/admin/users"));
        counts.put("languages", statements(admin, "/admin/languages"));
        counts.put("audit", statements(admin, "/admin/audit"));
        return counts;
    }

    @Test
    void everyAdminPage_runsABoundedNumberOfStatements_thatDoesNotGrowWithRevisionsItemsOrLanguages()
            throws Exception {
        AdminClient admin = new AdminClient(app.base());
        admin.login("admin", "demo-password-1234");
        AdminClient editor = new AdminClient(app.base());
        editor.login("editor", "demo-password-1234");
        String item = editor.page("/admin/content").select("a[href~=^/admin/items/\\d+/en$]").first().attr("href");
        String revision = editor.page(item).select("a[href~=^/admin/revisions/\\d+$]").first().attr("href");
        // each count after a first pass, so per-person caches (the inbox's unread count) are as steady as later
        measure(editor, admin, item, revision);
        Map<String, Integer> before = measure(editor, admin, item, revision);
        before.forEach((page, count) -> assertThat(count).as(page + " (all: " + before + ")")
                .isLessThanOrEqualTo(BOUNDS.get(page)));

        // more of everything: eight more revisions of the item, six more questions, two more languages
        var services = app.app().services();
        Actor editorActor = Actor.of(services.accounts().byUsername("editor").orElseThrow().id());
        long itemId = Long.parseLong(item.split("/")[3]);
        for (int i = 0; i < 8; i++) {
            int basedOn = services.queries().history(itemId, "en").get(0).number();
            var draft = services.queries().history(itemId, "en").get(0).text();
            services.workflow().saveRevision(editorActor, itemId, "en", basedOn,
                    new RevisionText(draft.title(), draft.slug(), draft.body() + "\n\nDraft " + i + ".",
                            draft.sources()), "draft " + i);
        }
        Long parent = services.queries().overviewOf(itemId).stream().filter(w -> w.itemId() == itemId)
                .findFirst().orElseThrow().topicId();
        long topicId = parent == null ? itemId : parent;
        for (int i = 0; i < 6; i++) {
            services.workflow().createQuestion(editorActor, topicId,
                    new RevisionText("Extra question " + i + "?", "extra-question-" + i, "An answer " + i + ".", ""), "new");
        }
        for (String code : new String[] {"de", "it"}) {
            assertThat(admin.post("/admin/languages", "code", code, "nativeName", code, "englishName", code,
                    "direction", "ltr", "searchConfig", "simple").statusCode()).isEqualTo(303);
        }

        measure(editor, admin, item, revision);
        Map<String, Integer> after = measure(editor, admin, item, revision);
        after.forEach((page, count) -> assertThat(count).as(page + " before " + before + " after " + after)
                .isLessThanOrEqualTo(before.get(page) + 1));
    }
}
