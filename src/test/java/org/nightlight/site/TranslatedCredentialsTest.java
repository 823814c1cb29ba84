package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * A reviewer's credentials in the reader's language: the demo's clinician and language reviewers have them in
 * Spanish, French and Arabic, an admin edits them on the person's page (audited, cached pages dropped), and
 * the server's role may write them and nothing else new.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the demo's credentials are read before an admin edits them
class TranslatedCredentialsTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String QUESTION = "What does sleep myoclonus look like?";

    static final Map<String, String> NAMES = Map.of("es", "Spanish", "fr", "French", "ar", "Arabic");
    static final Map<String, String> REVIEWERS = Map.of(
            "es", "profesional de la traducción médica (cuenta de demostración)",
            "fr", "spécialiste de la traduction médicale (compte de démonstration)",
            "ar", "خبرة في الترجمة الطبية (حساب تجريبي)");

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void questionPages_showTheCredentialsInTheReadersLanguage_andNoEnglishOnes() throws Exception {
        Map<String, String> medical = Map.of(
                "es", "licenciatura en Medicina, neuropediatra (cuenta de demostración)",
                "fr", "docteur en médecine, neuropédiatre (compte de démonstration)",
                "ar", "دكتوراه في الطب، اختصاص طب أعصاب الأطفال (حساب تجريبي)");
        for (String lang : List.of("es", "fr", "ar")) {
            Document page = app.page(questionPath(lang, QUESTION));
            String trust = page.select("article .trust").text().replaceAll("[\u2068\u2069]", "");
            assertThat(trust).as(lang).contains("Dr Demo Clinician, " + medical.get(lang));
            assertThat(trust).as(lang).contains("Demo " + NAMES.get(lang) + " Reviewer, " + REVIEWERS.get(lang));
            assertThat(page.body().text()).as(lang).doesNotContain("paediatric neurologist", "demo account");
        }
        assertThat(app.page(questionPath("en", QUESTION)).select("article .trust").text())
                .contains("Dr Demo Clinician, MD, paediatric neurologist (demo account)");
    }

    @Test
    @Order(2)
    void anAdmin_editsTheFrenchCredentials_theFrenchPageShowsThem_andTheAuditLogSaysSo() throws Exception {
        String frenchPage = questionPath("fr", QUESTION);
        assertThat(app.page(frenchPage).select("article .trust").text()).contains("neuropédiatre"); // now cached
        AdminClient admin = new AdminClient(app.base());
        assertThat(admin.login("admin", PASSWORD).statusCode()).isEqualTo(303);
        long id = Long.parseLong(Rows.strings(db, "select id from users where username = 'clinician'").get(0));
        Document form = admin.page("/admin/users/" + id);
        assertThat(form.select("input#credentials-fr").val())
                .isEqualTo("docteur en médecine, neuropédiatre (compte de démonstration)");
        assertThat(form.select("input#credentials-en")).isEmpty(); // the default credentials are English's

        var saved = admin.post("/admin/users/" + id, "displayName", "Dr Demo Clinician",
                "credentials", "MD, paediatric neurologist (demo account)", "role", "CLINICIAN",
                "q", "en:MEDICAL_REVIEW", "q", "es:MEDICAL_REVIEW", "q", "fr:MEDICAL_REVIEW", "q", "ar:MEDICAL_REVIEW",
                "credentials-es", "licenciatura en Medicina, neuropediatra (cuenta de demostración)",
                "credentials-fr", "  neuropédiatre, CHU de démonstration  ",
                "credentials-ar", "");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);

        // credentials are a shared part of pages: the cached copy serves until its background render replaces it
        assertThat(trustLineOnceRendered(frenchPage, "neuropédiatre, CHU de démonstration"))
                .contains("Dr Demo Clinician, neuropédiatre, CHU de démonstration");
        // an emptied language falls back to the default credentials
        assertThat(trustLineOnceRendered(questionPath("ar", QUESTION), "MD, paediatric neurologist (demo account)"))
                .contains("MD, paediatric neurologist (demo account)");
        assertThat(Rows.strings(db, "select details from audit_events where action = 'USER_UPDATED'"
                + " and details like 'clinician:%' order by id desc").get(0)).contains(
                "credentials (fr): docteur en médecine, neuropédiatre (compte de démonstration) -> neuropédiatre,"
                        + " CHU de démonstration",
                "credentials (ar): دكتوراه في الطب، اختصاص طب أعصاب الأطفال (حساب تجريبي) -> ")
                .doesNotContain("credentials (es)");
        assertThat(Rows.strings(db, "select language_code from user_credentials where user_id = " + id
                + " order by language_code")).containsExactly("es", "fr");
    }

    @Test
    void tooLongCredentials_inALanguage_areRefusedNextToTheirField() throws Exception {
        AdminClient admin = new AdminClient(app.base());
        assertThat(admin.login("admin", PASSWORD).statusCode()).isEqualTo(303);
        long id = Long.parseLong(Rows.strings(db, "select id from users where username = 'reviewer-es'").get(0));
        admin.page("/admin/users/" + id);
        var refused = admin.post("/admin/users/" + id, "displayName", "Demo Spanish Reviewer", "role", "TRANSLATOR",
                "q", "es:TRANSLATE", "q", "es:LANGUAGE_REVIEW", "credentials-es", "x".repeat(201));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(org.jsoup.Jsoup.parse(refused.body()).select("#credentials-es-error").text())
                .isEqualTo("Credentials can have at most 200 characters.");
    }

    @Test
    void theServerRole_mayWriteTheCredentialsTable_andNothingElseNew() throws Exception {
        assertThat(Rows.strings(db, "select privileges from server_grants where on_objects ~ 'user_credentials'"))
                .containsExactly("select, insert, update, delete");
        assertThat(Rows.strings(db, "select string_agg(privilege_type, ',' order by privilege_type)"
                + " from information_schema.role_table_grants where grantee = '" + TestPostgres.SERVER_ROLE
                + "' and table_name = 'user_credentials'")).containsExactly("DELETE,INSERT,SELECT,UPDATE");
        long id = Long.parseLong(Rows.strings(db, "select id from users where username = 'translator-fr'").get(0));
        try (Connection c = db.connectAsServer(); Statement st = c.createStatement()) {
            st.execute("insert into user_credentials values (" + id + ", 'fr', 'traduction')");
            st.execute("update user_credentials set credentials = 'traduction médicale' where user_id = " + id);
            st.execute("delete from user_credentials where user_id = " + id);
        }
        // V16 granted nothing else: no table but user_credentials is new to the server since V12
        assertThat(Rows.strings(db, "select distinct table_name from information_schema.role_table_grants"
                + " where grantee = '" + TestPostgres.SERVER_ROLE + "' and table_name like 'user_%'"
                + " order by table_name")).containsExactly("user_credentials", "user_qualifications", "user_roles", "users");
    }

    static String questionPath(String lang, String title) throws Exception {
        String topic = app.page("/en/").selectFirst("main ul.topics a").attr("href");
        String englishHref = app.page(topic).select("nav.toc a").stream()
                .filter(a -> a.text().equals(title)).findFirst().orElseThrow().attr("href");
        if (lang.equals("en")) {
            return englishHref;
        }
        return LanguageChoiceTest.next(app.page(englishHref).selectFirst("nav.languages a[lang=" + lang + "]")
                .attr("href"));
    }

    /** The page's trust line once it says {@code expected}, or after 15 s as it is then. */
    private static String trustLineOnceRendered(String path, String expected) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        String trust = app.page(path).select("article .trust").text();
        while (!trust.contains(expected) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            trust = app.page(path).select("article .trust").text();
        }
        return trust;
    }
}
