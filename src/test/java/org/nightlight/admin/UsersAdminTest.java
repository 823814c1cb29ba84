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

/** Users over HTTP as an admin: list, create, edit, deactivate and reactivate, reset password, last admin. */
class UsersAdminTest {

    static final String PASSWORD = "correct horse battery staple 42";
    static final String NEW_PASSWORD = "violet lanterns hum over quiet harbours";

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

    static AdminClient signedIn(String username, String password) throws Exception {
        AdminClient client = new AdminClient(app.base());
        assertThat(client.login(username, password).statusCode()).isEqualTo(303);
        client.page("/admin/");
        return client;
    }

    static long id(String username) throws Exception {
        return Long.parseLong(Rows.strings(db, "select id from users where username = '" + username + "'").get(0));
    }

    static String audit(String action, String detailsLike) throws Exception {
        var rows = Rows.strings(db, "select coalesce(u.username, '') || ' ' || e.details from audit_events e"
                + " left join users u on u.id = e.actor_id where e.action = '" + action + "' and e.details like '"
                + detailsLike + "' order by e.id desc");
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Creates an account over HTTP; returns the response to the POST. */
    static java.net.http.HttpResponse<String> create(AdminClient admin, String username, String... extra)
            throws Exception {
        admin.page("/admin/users/new");
        var fields = new java.util.ArrayList<>(java.util.List.of("username", username, "displayName",
                "Person " + username, "password", NEW_PASSWORD, "confirm", NEW_PASSWORD));
        fields.addAll(java.util.List.of(extra));
        return admin.post("/admin/users", fields.toArray(String[]::new));
    }

    @Test
    void list_showsEveryAccount_withCredentialsRolesAndLanguages() throws Exception {
        Document page = signedIn("admin", PASSWORD).page("/admin/users");
        assertThat(page.select("h1").text()).isEqualTo("Users");
        var clinician = page.select("tbody tr:has(a:containsOwn(clinician))");
        assertThat(clinician.text()).contains("Dr Demo Clinician", "MD, paediatric neurologist", "Clinician",
                "fr Medical sign-off", "Active");
        var reviewer = page.select("tbody tr:has(a:containsOwn(reviewer-fr))");
        assertThat(reviewer.text()).contains("Translator", "fr Translate, Language review");
        assertThat(page.select("tbody tr a").eachText()).contains("admin", "editor", "clinician", "translator-es",
                "translator-fr", "translator-ar", "reviewer-es", "reviewer-fr", "reviewer-ar");
    }

    @Test
    void create_withProblems_keepsTheInput_andNamesEachProblemNextToItsField() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        long users = Rows.count(db, "users");
        admin.page("/admin/users/new");
        var response = admin.post("/admin/users", "username", "Bad Name!", "displayName", "",
                "credentials", "RN, midwife", "role", "TRANSLATOR", "q", "fr:TRANSLATE", "q", "es:LANGUAGE_REVIEW",
                "password", "short", "confirm", "short");
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#username").attr("value")).isEqualTo("bad name!");
        assertThat(page.select("#username-error").text()).startsWith("Use 2 to 40 lower-case letters");
        assertThat(page.select("#displayName-error").text()).isEqualTo("Enter a name of at most 120 characters.");
        assertThat(page.select("#credentials").attr("value")).isEqualTo("RN, midwife");
        assertThat(page.select("#password-error").text()).isEqualTo("The password needs at least 12 characters.");
        assertThat(page.select("input[name=role][value=TRANSLATOR]").hasAttr("checked")).isTrue();
        assertThat(page.select("input[name=role][value=EDITOR]").hasAttr("checked")).isFalse();
        assertThat(page.select("#q-fr-TRANSLATE").hasAttr("checked")).isTrue();
        assertThat(page.select("#q-es-LANGUAGE_REVIEW").hasAttr("checked")).isTrue();
        assertThat(page.select("#q-fr-MEDICAL_REVIEW").hasAttr("checked")).isFalse();
        assertThat(page.select("#password").attr("value")).isEmpty();
        assertThat(Rows.count(db, "users")).isEqualTo(users);

        admin.page("/admin/users/new");
        var mismatch = admin.post("/admin/users", "username", "mismatch-person", "displayName", "Mismatch",
                "password", NEW_PASSWORD, "confirm", "something else entirely here");
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(mismatch.body()).select("#confirm-error").text())
                .isEqualTo("The two passwords are not the same.");
    }

    @Test
    void create_savesRolesAndQualifications_theNewPersonSignsIn_andItIsAudited() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        var response = create(admin, "nurse-fr", "credentials", "RN", "role", "TRANSLATOR",
                "q", "fr:TRANSLATE", "q", "fr:LANGUAGE_REVIEW");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/admin/users?done=created");
        Document list = admin.page("/admin/users?done=created");
        assertThat(list.select("p.notice").text()).isEqualTo("The account was created.");
        assertThat(list.select("tbody tr:has(a:containsOwn(nurse-fr))").text())
                .contains("Person nurse-fr", "RN", "Translator", "fr Translate, Language review");
        assertThat(Rows.strings(db, "select language_code || ':' || capability from user_qualifications"
                + " where user_id = " + id("nurse-fr") + " order by 1"))
                .containsExactly("fr:LANGUAGE_REVIEW", "fr:TRANSLATE");
        assertThat(audit("USER_CREATED", "nurse-fr%")).startsWith("admin nurse-fr");
        signedIn("nurse-fr", NEW_PASSWORD);
    }

    @Test
    void create_withAUsernameInUse_isNamedOnTheUsernameField() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        var response = create(admin, "Editor", "role", "EDITOR");
        assertThat(response.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select("#username-error").text()).isEqualTo("This username is already in use. Choose another one.");
        assertThat(page.select("input[name=role][value=EDITOR]").hasAttr("checked")).isTrue();
    }

    @Test
    void edit_changesNameCredentialsRolesAndLanguages_andIsAudited() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        create(admin, "edit-me", "role", "TRANSLATOR", "q", "es:TRANSLATE");
        long id = id("edit-me");
        Document form = admin.page("/admin/users/" + id);
        assertThat(form.select("#displayName").attr("value")).isEqualTo("Person edit-me");
        assertThat(form.select("#q-es-TRANSLATE").hasAttr("checked")).isTrue();

        var response = admin.post("/admin/users/" + id, "displayName", "Dr Edit Me", "credentials",
                "MD, neonatologist", "role", "CLINICIAN", "q", "es:MEDICAL_REVIEW", "q", "ar:MEDICAL_REVIEW");
        assertThat(response.statusCode()).isEqualTo(303);
        Document after = admin.page("/admin/users/" + id + "?done=updated");
        assertThat(after.select("p.notice").text()).isEqualTo("The changes were saved.");
        assertThat(after.select("#displayName").attr("value")).isEqualTo("Dr Edit Me");
        assertThat(after.select("#credentials").attr("value")).isEqualTo("MD, neonatologist");
        assertThat(after.select("input[name=role][checked]").eachAttr("value")).containsExactly("CLINICIAN");
        assertThat(after.select("input[name=q][checked]").eachAttr("value"))
                .containsExactlyInAnyOrder("es:MEDICAL_REVIEW", "ar:MEDICAL_REVIEW");
        assertThat(audit("USER_UPDATED", "edit-me:%")).contains("roles: [TRANSLATOR] -> [CLINICIAN]",
                "credentials:  -> MD, neonatologist", "qualifications: [es:TRANSLATE] -> [ar:MEDICAL_REVIEW, es:MEDICAL_REVIEW]");

        var bad = admin.post("/admin/users/" + id, "displayName", " ", "credentials", "x".repeat(201),
                "role", "SUPERUSER", "q", "xx:TRANSLATE");
        assertThat(bad.statusCode()).isEqualTo(400);
        Document refused = Jsoup.parse(bad.body());
        assertThat(refused.select("#displayName-error").text()).isNotEmpty();
        assertThat(refused.select("#credentials-error").text()).isEqualTo("Credentials can have at most 200 characters.");
        assertThat(refused.select("#roles-error").text()).isEqualTo("Choose roles from the list.");
        assertThat(refused.select("#qualifications-error").text()).isEqualTo("Choose languages and tasks from the table.");
        assertThat(Rows.strings(db, "select display_name from users where id = " + id)).containsExactly("Dr Edit Me");
    }

    @Test
    void deactivate_endsTheOpenSessionAtTheNextRequest_andRefusesSignIn_untilReactivated() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        create(admin, "leaving", "role", "EDITOR");
        long id = id("leaving");
        AdminClient leaving = signedIn("leaving", NEW_PASSWORD);
        assertThat(leaving.get("/admin/").statusCode()).isEqualTo(200);

        admin.page("/admin/users/" + id);
        var response = admin.post("/admin/users/" + id + "/deactivate");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(admin.page("/admin/users/" + id + "?done=deactivated").select("p.notice").text())
                .startsWith("The account was deactivated.");
        var next = leaving.get("/admin/");
        assertThat(next.statusCode()).isEqualTo(303);
        assertThat(next.headers().firstValue("Location").orElseThrow()).contains("/admin/login");
        assertThat(new AdminClient(app.base()).login("leaving", NEW_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(Rows.strings(db, "select active from users where id = " + id)).containsExactly("f");
        assertThat(audit("USER_DEACTIVATED", "leaving")).isEqualTo("admin leaving");
        assertThat(admin.page("/admin/users").select("tbody tr:has(a:containsOwn(leaving))").text())
                .contains("Deactivated");

        admin.page("/admin/users/" + id);
        assertThat(admin.post("/admin/users/" + id + "/reactivate").statusCode()).isEqualTo(303);
        assertThat(audit("USER_REACTIVATED", "leaving")).isEqualTo("admin leaving");
        signedIn("leaving", NEW_PASSWORD);
    }

    @Test
    void theLastActiveAdmin_cannotDeactivateThemselves_norDropTheirAdminRole() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        long adminId = id("admin");
        long admins = Long.parseLong(Rows.strings(db, "select count(*) from users u join user_roles r on"
                + " r.user_id = u.id where r.role = 'ADMIN' and u.active").get(0));
        assertThat(admins).isEqualTo(1);

        admin.page("/admin/users/" + adminId);
        var deactivate = admin.post("/admin/users/" + adminId + "/deactivate");
        assertThat(deactivate.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(deactivate.body()).select("#active-error").text())
                .startsWith("Refused: this is the last active administrator.");

        var dropRole = admin.post("/admin/users/" + adminId, "displayName", "Demo Admin", "credentials", "",
                "role", "EDITOR");
        assertThat(dropRole.statusCode()).isEqualTo(400);
        Document page = Jsoup.parse(dropRole.body());
        assertThat(page.select("#roles-error").text()).startsWith("Refused: this is the last active administrator.");
        assertThat(page.select("input[name=role][checked]").eachAttr("value")).containsExactly("EDITOR");
        assertThat(Rows.strings(db, "select role from user_roles where user_id = " + adminId)).containsExactly("ADMIN");
        assertThat(Rows.strings(db, "select active from users where id = " + adminId)).containsExactly("t");
        assertThat(admin.get("/admin/users").statusCode()).isEqualTo(200);

        // with a second active admin, an admin may step down
        create(admin, "second-admin", "role", "ADMIN");
        AdminClient second = signedIn("second-admin", NEW_PASSWORD);
        long secondId = id("second-admin");
        second.page("/admin/users/" + secondId);
        assertThat(second.post("/admin/users/" + secondId, "displayName", "Second", "credentials", "",
                "role", "EDITOR").statusCode()).isEqualTo(303);
        assertThat(second.get("/admin/users").statusCode()).isEqualTo(403);
    }

    @Test
    void resetPassword_checksThePolicy_andTheNewPasswordWorks() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        create(admin, "forgetful", "role", "EDITOR");
        long id = id("forgetful");
        admin.page("/admin/users/" + id);
        var weak = admin.post("/admin/users/" + id + "/password", "password", "password1234", "confirm",
                "password1234");
        assertThat(weak.statusCode()).isEqualTo(400);
        assertThat(Jsoup.parse(weak.body()).select("#password-error").text())
                .isEqualTo("This password is too common or too easy to guess. Try a longer phrase.");
        var mismatch = admin.post("/admin/users/" + id + "/password", "password", "amber tides under a late moon",
                "confirm", "amber tides under a late noon");
        assertThat(Jsoup.parse(mismatch.body()).select("#confirm-error").text())
                .isEqualTo("The two passwords are not the same.");
        var ok = admin.post("/admin/users/" + id + "/password", "password", "amber tides under a late moon",
                "confirm", "amber tides under a late moon");
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(audit("PASSWORD_RESET", "forgetful")).isEqualTo("admin forgetful");
        assertThat(new AdminClient(app.base()).login("forgetful", NEW_PASSWORD).statusCode()).isEqualTo(401);
        signedIn("forgetful", "amber tides under a late moon");
    }

    @Test
    void unknownAccount_isNotFound() throws Exception {
        AdminClient admin = signedIn("admin", PASSWORD);
        assertThat(admin.get("/admin/users/999999").statusCode()).isEqualTo(404);
        admin.page("/admin/users");
        assertThat(admin.post("/admin/users/999999/deactivate").statusCode()).isEqualTo(404);
    }
}
