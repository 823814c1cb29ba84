package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/** The audit log page and its CSV export: newest first, pages, filters, named filter errors, safe CSV. */
class AuditLogTest {

    static final String PASSWORD = "correct horse battery staple 42";

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static String editorId;
    static String adminId;
    static String itemId;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        editorId = Rows.strings(db, "select id from users where username = 'editor'").get(0);
        adminId = Rows.strings(db, "select id from users where username = 'admin'").get(0);
        itemId = Rows.strings(db, "select min(id) from content_items where kind = 'QUESTION'").get(0);
        // 120 events an hour apart from 2020-01-01 00:00 UTC, by the editor
        Rows.execute(db, "insert into audit_events (at, actor_id, action, details, client)"
                + " select timestamptz '2020-01-01 00:00:00+00' + (g - 1) * interval '1 hour', " + editorId
                + ", 'TEST_BULK', 'bulk ' || g, '10.0.0.1' from generate_series(1, 120) g");
        // 2,100 events at one instant: the export must page through them by id without losing or repeating any
        Rows.execute(db, "insert into audit_events (at, actor_id, action, details)"
                + " select timestamptz '2019-06-01 12:00:00+00', null, 'TEST_MANY', 'many ' || g"
                + " from generate_series(1, 2100) g");
        Rows.execute(db, "insert into audit_events (at, actor_id, action, item_id, language_code, details, client)"
                + " values ('2020-03-01 10:00:00+00', " + adminId + ", 'TEST_CSV', null, null,"
                + " '=HYPERLINK(\"http://example.invalid\",\"click\")', '+1 proxy'),"
                + " ('2020-03-01 11:00:00+00', " + adminId + ", 'TEST_CSV', null, null,"
                + " E'comma, \"quoted\"\\nsecond line', '@host'),"
                + " ('2020-03-01 12:00:00+00', " + adminId + ", 'TEST_CSV', null, null, '-2+3', 'x'),"
                + " ('2020-03-02 09:00:00+00', " + editorId + ", 'TEST_ITEM', " + itemId + ", 'fr', 'on an item', null)");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static AdminClient admin() throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login("admin", PASSWORD).statusCode()).isEqualTo(303);
        return client;
    }

    static List<String> column(Document page, int index) {
        return page.select("table.audit tbody tr").stream().map(tr -> tr.select("td").get(index).text()).toList();
    }

    @Test
    void newestFirst_fiftyAPage_withPageLinksKeepingTheFilter_andThePersonsName() throws Exception {
        AdminClient admin = admin();
        Document first = admin.page("/admin/audit?action=TEST_BULK");
        assertThat(first.select("p.summary span").text()).isEqualTo("120 events, page 1 of 3");
        assertThat(first.select("table.audit tbody tr")).hasSize(50);
        assertThat(column(first, 5).get(0)).isEqualTo("bulk 120");
        assertThat(column(first, 5).get(49)).isEqualTo("bulk 71");
        assertThat(column(first, 0).get(0)).isEqualTo("2020-01-05 23:00:00 UTC");
        assertThat(column(first, 1).get(0)).isEqualTo("Demo Editor editor");
        assertThat(first.select("select#action option[selected]").attr("value")).isEqualTo("TEST_BULK");
        assertThat(first.select(".pager a[rel=prev]")).isEmpty();
        String next = first.select(".pager a[rel=next]").attr("href");
        assertThat(next).isEqualTo("/admin/audit?action=TEST_BULK&page=2");

        Document second = admin.page(next);
        assertThat(column(second, 5).get(0)).isEqualTo("bulk 70");
        Document third = admin.page("/admin/audit?action=TEST_BULK&page=3");
        assertThat(third.select("table.audit tbody tr")).hasSize(20);
        assertThat(third.select(".pager a[rel=next]")).isEmpty();
        assertThat(third.select(".pager a[rel=prev]").attr("href")).isEqualTo("/admin/audit?action=TEST_BULK&page=2");

        Document everything = admin.page("/admin/audit");
        assertThat(everything.select("table.audit tbody tr")).hasSize(50);
        assertThat(everything.select("p.summary span").text()).startsWith(String.format(java.util.Locale.ENGLISH, "%,d events", Rows.count(db, "audit_events")));
    }

    @Test
    void filters_byPersonItemLanguageActionAndDates() throws Exception {
        AdminClient admin = admin();
        Document day = admin.page("/admin/audit?action=TEST_BULK&from=2020-01-02&to=2020-01-02");
        assertThat(day.select("p.summary span").text()).isEqualTo("24 events, page 1 of 1");
        assertThat(column(day, 0)).allMatch(t -> t.startsWith("2020-01-02 "));

        Document byAdmin = admin.page("/admin/audit?action=TEST_BULK&person=" + adminId);
        assertThat(byAdmin.select("main p").text()).contains("No events match these filters.");
        Document byEditor = admin.page("/admin/audit?person=" + editorId + "&from=2020-01-01&to=2020-12-31");
        assertThat(byEditor.select("p.summary span").text()).startsWith("121 events");
        assertThat(column(byEditor, 1)).containsOnly("Demo Editor editor");
        assertThat(byEditor.select("select#person option[selected]").attr("value")).isEqualTo(editorId);

        Document item = admin.page("/admin/audit?item=" + itemId + "&language=fr&to=2020-12-31");
        assertThat(column(item, 2)).containsExactly("TEST_ITEM");
        assertThat(column(item, 3)).containsExactly(itemId);
        assertThat(column(item, 4)).containsExactly("fr");

        Document anonymous = admin.page("/admin/audit?action=TEST_MANY");
        assertThat(column(anonymous, 1)).containsOnly("Nobody signed in");
    }

    @Test
    void badFilters_areNamedNextToTheirFields_notAServerError() throws Exception {
        AdminClient admin = admin();
        var response = admin.get("/admin/audit?from=2026-02-30&to=yesterday&item=abc&person=x1&language=zz"
                + "&action=drop%20table");
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#from-error").text()).isEqualTo("Enter a date as year-month-day, for example 2026-03-31.");
        assertThat(page.select("#to-error").text()).isEqualTo("Enter a date as year-month-day, for example 2026-03-31.");
        assertThat(page.select("#item-error").text()).isEqualTo("Enter an item number (digits only).");
        assertThat(page.select("#person-error").text()).isEqualTo("Choose a person from the list.");
        assertThat(page.select("#language-error").text()).isEqualTo("Choose a language from the list.");
        assertThat(page.select("#action-error").text()).isEqualTo("Choose an action from the list.");
        assertThat(page.select("#from").attr("value")).isEqualTo("2026-02-30");
        assertThat(page.select("#item").attr("value")).isEqualTo("abc");
        assertThat(page.select("table.audit")).isEmpty();

        var order = admin.get("/admin/audit?from=2020-02-01&to=2020-01-01");
        assertThat(order.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(order.body()).select("#to-error").text()).isEqualTo("The end date is before the start date.");

        var csv = admin.get("/admin/audit.csv?from=31/12/2020");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(Jsoup.parse(csv.body()).select("#from-error").text()).isNotEmpty();

        assertThat(admin.get("/admin/audit?page=abc").statusCode()).isEqualTo(200);
        assertThat(admin.get("/admin/audit?page=99999").statusCode()).isEqualTo(200);
    }

    @Test
    void csvExport_ofTheFilteredRows_isAnAttachment_escapedAndSafeFromFormulas() throws Exception {
        AdminClient admin = admin();
        Document page = admin.page("/admin/audit?action=TEST_CSV");
        String href = page.select("a[href^=/admin/audit.csv]").attr("href");
        assertThat(href).isEqualTo("/admin/audit.csv?action=TEST_CSV");
        var response = admin.get(href);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow().replace(" ", "").toLowerCase())
                .isEqualTo("text/csv;charset=utf-8");
        assertThat(response.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"nightlight-audit-\\d{4}-\\d{2}-\\d{2}\\.csv\"");
        assertThat(response.body()).startsWith("\uFEFFid,at_utc,actor_id,actor_username,actor_name,action,");

        List<CSVRecord> records = parse(response.body());
        assertThat(records).hasSize(3);
        assertThat(records.get(0).get("details")).isEqualTo("'-2+3");
        assertThat(records.get(0).get("actor_name")).isEqualTo("Demo Admin");
        assertThat(records.get(0).get("actor_username")).isEqualTo("admin");
        assertThat(records.get(0).get("at_utc")).isEqualTo("2020-03-01T12:00:00Z");
        assertThat(records.get(1).get("details")).isEqualTo("comma, \"quoted\"\nsecond line");
        assertThat(records.get(1).get("client")).isEqualTo("'@host");
        assertThat(records.get(2).get("details")).isEqualTo("'=HYPERLINK(\"http://example.invalid\",\"click\")");
        assertThat(records.get(2).get("client")).isEqualTo("'+1 proxy");
        assertThat(response.body()).contains("\"comma, \"\"quoted\"\"\nsecond line\"");
    }

    @Test
    void csvExport_readsLongLogsInBatches_withoutLosingOrRepeatingRows() throws Exception {
        var response = admin().get("/admin/audit.csv?action=TEST_MANY");
        List<CSVRecord> records = parse(response.body());
        assertThat(records).hasSize(2100);
        assertThat(records.stream().map(r -> r.get("id")).distinct().count()).isEqualTo(2100);
        assertThat(records.get(0).get("details")).isEqualTo("many 2100");
        assertThat(records.get(2099).get("details")).isEqualTo("many 1");
        assertThat(records.get(0).get("actor_name")).isEmpty();

        var all = parse(admin().get("/admin/audit.csv").body());
        assertThat((long) all.size()).isGreaterThanOrEqualTo(Rows.count(db, "audit_events") - 5);
    }

    static List<CSVRecord> parse(String body) throws Exception {
        String text = body.startsWith("\uFEFF") ? body.substring(1) : body;
        try (var parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text))) {
            return parser.getRecords();
        }
    }
}
