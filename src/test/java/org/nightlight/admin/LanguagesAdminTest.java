package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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

/** Content languages over HTTP as an admin: list, add, refusals named per field, edit, public or not. */
class LanguagesAdminTest {

    static final String PASSWORD = "correct horse battery staple 42";

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

    static AdminClient admin() throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login("admin", PASSWORD).statusCode()).isEqualTo(303);
        client.page("/admin/languages");
        return client;
    }

    static java.net.http.HttpResponse<String> add(AdminClient admin, String code, String nativeName,
            String englishName, String direction, String searchConfig, boolean isPublic) throws Exception {
        admin.page("/admin/languages");
        return isPublic
                ? admin.post("/admin/languages", "code", code, "nativeName", nativeName, "englishName", englishName,
                        "direction", direction, "searchConfig", searchConfig, "public", "true")
                : admin.post("/admin/languages", "code", code, "nativeName", nativeName, "englishName", englishName,
                        "direction", direction, "searchConfig", searchConfig);
    }

    static String lastAudit(String action) throws Exception {
        var rows = Rows.strings(db, "select language_code || ' ' || details from audit_events where action = '"
                + action + "' order by id desc limit 1");
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void list_showsEachLanguage_andTheSearchConfigurationsOfPostgres() throws Exception {
        Document page = admin().page("/admin/languages");
        assertThat(page.select("tbody tr td:first-child a").eachText()).contains("en", "es", "fr", "ar");
        var arabic = page.select("tbody tr:has(a:containsOwn(ar))");
        assertThat(arabic.text()).contains("العربية", "Arabic", "Right to left", "arabic", "Public");
        assertThat(arabic.select("td span[lang=ar][dir=rtl]").text()).isEqualTo("العربية");
        assertThat(page.select("tbody tr:has(a:containsOwn(en))").text()).contains("source language");
        assertThat(page.select("#searchConfig option").eachAttr("value"))
                .containsAll(Rows.strings(db, "select cfgname from pg_ts_config"))
                .contains("simple", "german");
    }

    @Test
    void add_aLanguage_notPublic_thenMakeItPublic_showsOnThePublicSite() throws Exception {
        AdminClient admin = admin();
        var response = add(admin, "de", "Deutsch", "German", "ltr", "german", false);
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(admin.page("/admin/languages?done=added").select("p.notice").text())
                .isEqualTo("The language was added.");
        assertThat(Rows.strings(db, "select native_name || '|' || english_name || '|' || direction || '|'"
                + " || search_config || '|' || is_public from languages where code = 'de'"))
                .containsExactly("Deutsch|German|ltr|german|false");
        assertThat(lastAudit("LANGUAGE_ADDED")).startsWith("de German / Deutsch, ltr, search german");
        assertThat(app.get("/de/").statusCode()).isEqualTo(404);

        admin.page("/admin/languages/de");
        assertThat(admin.post("/admin/languages/de/public", "public", "true").statusCode()).isEqualTo(303);
        assertThat(admin.page("/admin/languages/de?done=madePublic").select("p.notice").text())
                .isEqualTo("The language is now on the public site.");
        assertThat(lastAudit("LANGUAGE_MADE_PUBLIC")).isEqualTo("de German");
        assertThat(app.get("/de/").statusCode()).isEqualTo(200);

        assertThat(admin.post("/admin/languages/de/public", "public", "false").statusCode()).isEqualTo(303);
        assertThat(lastAudit("LANGUAGE_MADE_NOT_PUBLIC")).isEqualTo("de German");
        assertThat(app.get("/de/").statusCode()).isEqualTo(404);
    }

    @Test
    void add_writesTheCodeInBcp47LetterCase() throws Exception {
        AdminClient admin = admin();
        assertThat(add(admin, "PT-br", "Português (Brasil)", "Portuguese (Brazil)", "ltr", "portuguese", false)
                .statusCode()).isEqualTo(303);
        assertThat(add(admin, "zh-hant-tw", "繁體中文", "Chinese (Traditional)", "ltr", "simple", false)
                .statusCode()).isEqualTo(303);
        assertThat(Rows.strings(db, "select code from languages where code like 'pt%' or code like 'zh%' order by 1"))
                .containsExactly("pt-BR", "zh-Hant-TW");
    }

    @Test
    void add_withABadCode_unknownSearchConfig_andNoNames_namesEachProblem_andKeepsTheInput() throws Exception {
        AdminClient admin = admin();
        long before = Rows.count(db, "languages");
        var response = add(admin, "english", "", " ", "rtl", "klingon", true);
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#code-error").text()).startsWith("Enter a valid BCP 47 language tag");
        assertThat(page.select("#nativeName-error").text()).isEqualTo("Enter a name of at most 100 characters.");
        assertThat(page.select("#englishName-error").text()).isEqualTo("Enter a name of at most 100 characters.");
        assertThat(page.select("#searchConfig-error").text()).isEqualTo("Choose a search configuration from the list.");
        assertThat(page.select("#code").attr("value")).isEqualTo("english");
        assertThat(page.select("input[name=direction][value=rtl]").hasAttr("checked")).isTrue();
        assertThat(page.select("input[name=public]").hasAttr("checked")).isTrue();
        assertThat(Rows.count(db, "languages")).isEqualTo(before);

        for (String bad : new String[] {"e", "fr_FR", "en-", "en-US-US", "x-private", "1a", "en-thisistoolong"}) {
            var refused = add(admin, bad, "Name", "Name", "ltr", "simple", false);
            assertThat(refused.statusCode()).as(bad).isEqualTo(400);
            assertThat(Jsoup.parse(refused.body()).select("#code-error").text()).as(bad).isNotEmpty();
        }
        assertThat(Rows.count(db, "languages")).isEqualTo(before);
    }

    @Test
    void add_anExistingCode_inAnyLetterCase_isRefusedOnTheCodeField() throws Exception {
        var response = add(admin(), "FR", "Français", "French", "ltr", "french", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(response.body()).select("#code-error").text()).isEqualTo("This language already exists.");
    }

    @Test
    void edit_namesDirectionAndSearchConfig_isSavedAndAudited_andRefusalsAreNamed() throws Exception {
        AdminClient admin = admin();
        add(admin, "fa", "Farsi", "Persian", "ltr", "simple", false);
        Document form = admin.page("/admin/languages/fa");
        assertThat(form.select("#nativeName").attr("value")).isEqualTo("Farsi");
        var saved = admin.post("/admin/languages/fa", "nativeName", "فارسی", "englishName", "Persian (Farsi)",
                "direction", "rtl", "searchConfig", "simple");
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(Rows.strings(db, "select native_name || '|' || english_name || '|' || direction"
                + " from languages where code = 'fa'")).containsExactly("فارسی|Persian (Farsi)|rtl");
        assertThat(lastAudit("LANGUAGE_UPDATED")).isEqualTo(
                "fa native name: Farsi -> فارسی; English name: Persian -> Persian (Farsi); direction: ltr -> rtl");

        var refused = admin.post("/admin/languages/fa", "nativeName", "فارسی", "englishName", "Persian",
                "direction", "up", "searchConfig", "nope");
        assertThat(refused.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(refused.body());
        assertThat(page.select("#direction-error").text()).isEqualTo("Choose left to right or right to left.");
        assertThat(page.select("#searchConfig-error").text()).isEqualTo("Choose a search configuration from the list.");
        assertThat(page.select("#englishName").attr("value")).isEqualTo("Persian");
        assertThat(Rows.strings(db, "select english_name from languages where code = 'fa'"))
                .containsExactly("Persian (Farsi)");
    }

    @Test
    void theSourceLanguage_staysPublic() throws Exception {
        AdminClient admin = admin();
        Document page = admin.page("/admin/languages/en");
        assertThat(page.select("form[action$=/public] button")).isEmpty();
        var response = admin.post("/admin/languages/en/public", "public", "false");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(response.body()).select("#public-error").text())
                .isEqualTo("The source language always stays on the public site.");
        assertThat(Rows.strings(db, "select is_public from languages where code = 'en'")).containsExactly("t");
    }

    @Test
    void adminPages_inArabic_areRightToLeft_andFullyTranslated() throws Exception {
        AdminClient admin = admin();
        assertThat(admin.post("/admin/ui-language", "lang", "ar", "next", "/admin/languages").statusCode())
                .isEqualTo(303);
        String adminId = Rows.strings(db, "select id from users where username = 'admin'").get(0);
        for (String path : java.util.List.of("/admin/users", "/admin/users/new", "/admin/users/" + adminId,
                "/admin/languages", "/admin/languages/fr", "/admin/audit", "/admin/audit?from=nope")) {
            var response = admin.get(path);
            Document page = Jsoup.parse(response.body());
            assertThat(page.select("html").attr("lang")).as(path).isEqualTo("ar");
            assertThat(page.select("html").attr("dir")).as(path).isEqualTo("rtl");
            assertThat(response.body()).as(path).doesNotContain("??");
            assertThat(page.select("h1").text()).as(path).matches(".*\\p{IsArabic}.*");
        }
        assertThat(Jsoup.parse(admin.get("/admin/audit?from=nope").body()).select("#from-error").text())
                .isEqualTo("أدخل التاريخ بصيغة سنة-شهر-يوم، مثلًا 2026-03-31.");
        assertThat(admin.page("/admin/languages").select("tbody tr:has(a:containsOwn(fr)) td").get(3).text())
                .isEqualTo("من اليسار إلى اليمين");
    }

    @Test
    void unknownLanguage_isNotFound() throws Exception {
        AdminClient admin = admin();
        assertThat(admin.get("/admin/languages/xx").statusCode()).isEqualTo(404);
        admin.page("/admin/languages");
        assertThat(admin.post("/admin/languages/xx/public", "public", "true").statusCode()).isEqualTo(404);
    }
}
