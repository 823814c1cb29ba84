package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Numbers a parent can call: per country, chosen from a remembered choice or the browser's region, as tel:
 * links; kept by editors, signed off by a clinician, never touched by translators, guarded by the database.
 */
class HelpNumbersTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Document numbers(String lang, String acceptLanguage, String... more) throws Exception {
        String[] headers = new String[2 + more.length];
        headers[0] = "Accept-Language";
        headers[1] = acceptLanguage;
        System.arraycopy(more, 0, headers, 2, more.length);
        return app.page("/" + lang + "/help-numbers", headers);
    }

    @Test
    void theReadersCountry_comesFromTheirBrowsersRegion_withTelLinks() throws Exception {
        Document uk = numbers("en", "en-GB,en;q=0.8");
        assertThat(uk.select(".numbers-chosen h2").text()).isEqualTo("United Kingdom");
        assertThat(uk.select(".numbers-chosen a.tel").eachAttr("href")).containsExactly("tel:999", "tel:111");
        assertThat(uk.select(".numbers-chosen").text()).contains("NHS 111");
        assertThat(numbers("en", "en-US").select(".numbers-chosen a.tel").eachAttr("href")).containsExactly("tel:911");
        assertThat(numbers("es", "es-MX,es").select(".numbers-chosen h2").text()).isEqualTo("México");
        assertThat(numbers("fr", "fr-CH").select(".numbers-chosen a.tel").eachAttr("href")).containsExactly("tel:144");
        Document france = numbers("fr", "fr-FR");
        assertThat(france.select(".numbers-chosen a.tel").eachAttr("href")).containsExactly("tel:15", "tel:112");
        assertThat(numbers("ar", "ar-SA").select(".numbers-chosen a.tel").eachAttr("href")).containsExactly("tel:997");
        // every country offered to that language's readers, each with its numbers
        assertThat(france.select("nav ul.countries li")).hasSize(4);
    }

    @Test
    void aChosenCountry_isRemembered_andThePageIsNeverSharedByACache() throws Exception {
        HttpResponse<String> chosen = app.get("/fr/help-numbers?country=BE", "Accept-Language", "fr-CH");
        assertThat(Jsoup.parse(chosen.body()).select(".numbers-chosen h2").text()).isEqualTo("Belgique");
        String cookie = chosen.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("nightlight_country=BE").contains("HttpOnly");
        Document again = numbers("fr", "fr-CH", "Cookie", "nightlight_country=BE");
        assertThat(again.select(".numbers-chosen a.tel").eachAttr("href")).containsExactly("tel:112");
        HttpResponse<String> repeat = app.get("/fr/help-numbers", "Accept-Language", "fr-CH");
        assertThat(repeat.headers().firstValue("Cache-Control").orElse("")).startsWith("private");
        assertThat(repeat.headers().firstValue("X-Nightlight-Cache").orElse("")).isNotEqualTo("HIT");
        assertThat(app.get("/fr/help-numbers?country=ZZ").statusCode()).isEqualTo(200);
    }

    @Test
    void theEmergencyAndUrgentBlocks_linkToTheNumbers() throws Exception {
        Document topic = app.page("/en/benign-neonatal-sleep-myoclonus/");
        assertThat(topic.select("section.care-emergency .care-numbers a").attr("href")).isEqualTo("/en/help-numbers");
        assertThat(topic.select("section.care-urgent .care-numbers a")).hasSize(1);
        assertThat(topic.select("section.care-soon .care-numbers a")).isEmpty();
    }

    @Test
    void editorsPropose_aClinicianSignsOff_andOnlyThenReadersSeeIt() throws Exception {
        AdminClient editor = new AdminClient(app.base());
        editor.login("editor", "demo-password-1234");
        editor.page("/admin/help-numbers");
        assertThat(editor.post("/admin/help-numbers", "country", "NZ", "level", "EMERGENCY", "number", "111",
                "service", "", "languages", "en").statusCode()).isEqualTo(303);
        assertThat(numbers("en", "en-NZ").select(".numbers-chosen h2").text()).as("not signed yet")
                .isNotEqualTo("New Zealand");
        HttpResponse<String> bad = editor.post("/admin/help-numbers", "country", "NZ", "level", "EMERGENCY",
                "number", "call 111", "service", "Ambulance");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("digits and spaces").contains("value=\"call 111\"").contains("at least one language");

        String sign = editor.page("/admin/help-numbers").select("tr:has(td:containsOwn(NZ)) form").attr("action");
        assertThat(sign).as("an editor is offered no sign-off").endsWith("/withdraw");
        AdminClient clinician = new AdminClient(app.base());
        clinician.login("clinician", "demo-password-1234");
        String signForm = clinician.page("/admin/help-numbers").select("tr:has(td:containsOwn(NZ)) form[action$=/sign]")
                .attr("action");
        assertThat(editor.post(signForm).statusCode()).as("an editor may not sign").isEqualTo(403);
        assertThat(clinician.post(signForm).statusCode()).isEqualTo(303);
        assertThat(numbers("en", "en-NZ").select(".numbers-chosen a.tel").eachAttr("href")).containsExactly("tel:111");

        assertThat(editor.post(sign).statusCode()).isEqualTo(303);
        assertThat(numbers("en", "en-NZ").select(".numbers-chosen h2").text()).isNotEqualTo("New Zealand");

        AdminClient translator = new AdminClient(app.base());
        translator.login("translator-es", "demo-password-1234");
        assertThat(translator.get("/admin/help-numbers").statusCode()).isEqualTo(403);
        translator.get("/admin/");
        assertThat(translator.post("/admin/help-numbers", "country", "ES", "level", "EMERGENCY", "number", "061",
                "languages", "es").statusCode()).isEqualTo(403);
    }

    @Test
    void theDatabase_refusesChangedNumbers_selfSignOff_andTranslators_evenToTheServersOwnSql() throws Exception {
        try (Connection c = db.connectAsServer(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("update help_numbers set number = '000' where country = 'GB'"))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("delete from help_numbers where country = 'GB'"));
            assertThatThrownBy(() -> st.executeUpdate("insert into help_numbers (country, care_level, number,"
                    + " languages, proposed_by) select 'ES', 'EMERGENCY', '061', '{es}', id from users"
                    + " where username = 'translator-es'")).hasMessageContaining("editor or admin");
            st.executeUpdate("insert into help_numbers (country, care_level, number, languages, proposed_by)"
                    + " select 'PT', 'EMERGENCY', '112', '{en}', id from users where username = 'editor'");
            assertThatThrownBy(() -> st.executeUpdate("update help_numbers set signed_by = proposed_by,"
                    + " signed_at = now() where country = 'PT'")).hasMessageContaining("did not propose");
        }
        try (Connection c = db.connect(); Statement owner = c.createStatement()) {
            assertThatThrownBy(() -> owner.executeUpdate("update help_numbers set number = '000' where country = 'GB'"))
                    .as("even the owner").hasMessageContaining("never changes");
        }
    }
}
