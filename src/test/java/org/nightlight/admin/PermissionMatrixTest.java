package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * Every role and anonymous tries every admin action over HTTP, each from a fresh sign-in with a valid form
 * token (so it is the authorization that is tested, not the CSRF check; a session is reused until an allowed
 * action such as sign out ends it). A forbidden try gets 403 (anonymous:
 * a redirect to the login page) and changes nothing in the database; an allowed one succeeds (GET 200, POST
 * 303 to somewhere other than the login page); no GET changes anything for anyone.
 *
 * <p>To add an action, add one row to {@link #ACTIONS}: a name, the method, the path, the form fields as
 * name/value pairs (a name may repeat) and who is allowed. In paths and values, {@code {self}} is the acting
 * person's id and {@code {target}} the id of a spare account made for these tests; add placeholders to
 * {@link #resolve}. Rows run in order, forbidden roles first, so a row may rely on an earlier allowed one.
 */
class PermissionMatrixTest {

    /** The demo accounts' password; strong enough for the policy, so "change own password" can set it again. */
    static final String PASSWORD = "matrix lanterns glow over seven harbours";

    /** Who tries: anonymous and one demo account per role (translator and language reviewer are both TRANSLATOR). */
    enum Who {
        ANONYMOUS(null), ADMIN("admin"), EDITOR("editor"), CLINICIAN("clinician"), TRANSLATOR("translator-fr"),
        REVIEWER("reviewer-fr");

        final String username;

        Who(String username) {
            this.username = username;
        }
    }

    static final Set<Who> SIGNED_IN = EnumSet.complementOf(EnumSet.of(Who.ANONYMOUS));
    static final Set<Who> ADMIN_ONLY = EnumSet.of(Who.ADMIN);

    /** One row of the matrix. */
    record Action(String name, String method, String path, List<String> form, Set<Who> allowed) {
    }

    static Action get(String name, String path, Set<Who> allowed) {
        return new Action(name, "GET", path, List.of(), allowed);
    }

    static Action post(String name, String path, Set<Who> allowed, String... form) {
        return new Action(name, "POST", path, List.of(form), allowed);
    }

    static final List<Action> ACTIONS = List.of(
            // everyone signed in
            get("dashboard (my work)", "/admin/", SIGNED_IN),
            get("password form", "/admin/password", SIGNED_IN),
            post("change own password", "/admin/password", SIGNED_IN,
                    "current", PASSWORD, "password", PASSWORD, "confirm", PASSWORD),
            post("choose interface language", "/admin/ui-language", SIGNED_IN, "lang", "fr", "next", "/admin/"),
            post("sign out", "/admin/logout", SIGNED_IN),
            // users
            get("users list", "/admin/users", ADMIN_ONLY),
            get("new user form", "/admin/users/new", ADMIN_ONLY),
            post("create user", "/admin/users", ADMIN_ONLY, "username", "matrix-new", "displayName", "Matrix New",
                    "role", "EDITOR", "q", "fr:TRANSLATE", "password", "tall ships sail past lantern bay",
                    "confirm", "tall ships sail past lantern bay"),
            get("user page", "/admin/users/{target}", ADMIN_ONLY),
            post("change a user's roles and languages", "/admin/users/{target}", ADMIN_ONLY,
                    "displayName", "Matrix Target", "credentials", "RN", "role", "CLINICIAN", "q", "fr:MEDICAL_REVIEW"),
            post("grant myself the admin role", "/admin/users/{self}", ADMIN_ONLY,
                    "displayName", "Me", "role", "ADMIN", "q", "fr:MEDICAL_REVIEW"),
            post("deactivate a user", "/admin/users/{target}/deactivate", ADMIN_ONLY),
            post("reactivate a user", "/admin/users/{target}/reactivate", ADMIN_ONLY),
            post("reset a user's password", "/admin/users/{target}/password", ADMIN_ONLY,
                    "password", "copper kettles whistle at dawn", "confirm", "copper kettles whistle at dawn"),
            // languages
            get("languages list", "/admin/languages", ADMIN_ONLY),
            post("add a language", "/admin/languages", ADMIN_ONLY, "code", "de", "nativeName", "Deutsch",
                    "englishName", "German", "direction", "ltr", "searchConfig", "german"),
            get("language page", "/admin/languages/fr", ADMIN_ONLY),
            post("edit a language", "/admin/languages/fr", ADMIN_ONLY, "nativeName", "Français",
                    "englishName", "French", "direction", "ltr", "searchConfig", "simple"),
            post("take a language off the public site", "/admin/languages/fr/public", ADMIN_ONLY, "public", "false"),
            post("make a language public", "/admin/languages/fr/public", ADMIN_ONLY, "public", "true"),
            // audit log
            get("audit log", "/admin/audit", ADMIN_ONLY),
            get("audit log filtered", "/admin/audit?action=LOGIN&from=2020-01-01", ADMIN_ONLY),
            get("audit log CSV export", "/admin/audit.csv", ADMIN_ONLY),
            get("reader feedback", "/admin/feedback", EnumSet.of(Who.ADMIN, Who.EDITOR, Who.CLINICIAN)),

            // content and the sign-off workflow (the demo's French translation that waits for review)
            get("content list", "/admin/content", SIGNED_IN),
            get("item page", "/admin/items/{question}/en", SIGNED_IN),
            get("new question form", "/admin/content/new/question?topic={topic}", EnumSet.of(Who.EDITOR)),
            post("language review of a French translation", "/admin/revisions/{frInReview}/review",
                    EnumSet.of(Who.REVIEWER), "kind", "LANGUAGE", "decision", "APPROVED", "comment", "",
                    "hash", "{frInReviewHash}"),
            post("medical sign-off of a French translation", "/admin/revisions/{frInReview}/review",
                    EnumSet.of(Who.CLINICIAN), "kind", "MEDICAL", "decision", "APPROVED", "comment", "",
                    "hash", "{frInReviewHash}"),
            post("publish the signed French translation", "/admin/revisions/{frInReview}/publish",
                    EnumSet.of(Who.EDITOR), "change", ""),
            post("reorder questions", "/admin/content/reorder", EnumSet.of(Who.EDITOR), "topic", "{topic}",
                    "item", "{question}", "move", "down"),
            post("unpublish the Spanish text of a question", "/admin/items/{question}/es/unpublish",
                    EnumSet.of(Who.EDITOR), "reason", "permission matrix"));

    /** The tables an action could change; sessions are left out (every request touches them). */
    static final List<String> TABLES = List.of("users", "user_roles", "user_qualifications", "languages",
            "content_items", "revisions", "reviews", "submissions", "publications", "audit_events");

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp app;
    static String targetId;
    static final Map<Who, AdminClient> CLIENTS = new java.util.EnumMap<>(Who.class);

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", PASSWORD));
        app = RunningApp.start(settings, App::loadDemoIfWanted);
        AdminClient admin = signIn(Who.ADMIN);
        admin.page("/admin/users/new");
        var created = admin.post("/admin/users", "username", "matrix-target", "displayName", "Matrix Target",
                "role", "TRANSLATOR", "password", "quiet rivers carry paper boats", "confirm",
                "quiet rivers carry paper boats");
        assertThat(created.statusCode()).isEqualTo(303);
        targetId = Rows.strings(db, "select id from users where username = 'matrix-target'").get(0);
        findContent();
    }

    @AfterAll
    static void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        app.close();
    }

    static java.sql.Connection connection;

    /** The first column of each row, on one connection kept for the whole matrix (it runs many queries). */
    static List<String> query(String sql) throws Exception {
        if (connection == null) {
            connection = db.connect();
        }
        try (var statement = connection.createStatement(); var rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRoleTriesEveryAction() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Action action : ACTIONS) {
            List<Who> order = new ArrayList<>();
            for (Who who : Who.values()) {
                if (!action.allowed().contains(who)) {
                    order.add(who);
                }
            }
            for (Who who : Who.values()) {
                if (action.allowed().contains(who)) {
                    order.add(who);
                }
            }
            for (Who who : order) {
                boolean allowed = action.allowed().contains(who);
                String name = action.method() + " " + action.path() + " (" + action.name() + ") as " + who + " → "
                        + (allowed ? "allowed" : who == Who.ANONYMOUS ? "sign in" : "403");
                tests.add(DynamicTest.dynamicTest(name, () -> tryAction(name, action, who, allowed)));
            }
        }
        return tests.stream();
    }

    static void tryAction(String cell, Action action, Who who, boolean allowed) throws Exception {
        // anonymous starts afresh each time: a refused anonymous request ends its (token-only) session
        AdminClient client = who == Who.ANONYMOUS ? null : CLIENTS.get(who);
        if (client == null) {
            client = signIn(who);
            CLIENTS.put(who, client);
        }
        String self = who == Who.ANONYMOUS ? "0"
                : query("select id from users where username = '" + who.username + "'").get(0);
        String path = resolve(action.path(), self);
        List<String> form = action.form().stream().map(v -> resolve(v, self)).toList();
        List<String> before = snapshot();

        HttpResponse<String> response = action.method().equals("GET") ? client.get(path)
                : client.post(path, form.toArray(String[]::new));

        URI redirect = URI.create(response.headers().firstValue("Location").orElse(""));
        String location = redirect.getPath() == null ? "" : redirect.getPath();
        if (allowed && action.method().equals("POST") && client.get("/admin/").statusCode() != 200) {
            // the action ended the session (sign out): the next one signs in again
            CLIENTS.remove(who);
        }
        if (allowed) {
            assertThat(response.statusCode()).as(cell + ": status").isEqualTo(action.method().equals("GET") ? 200 : 303);
            if (!"signedOut".equals(redirect.getQuery())) {
                assertThat(location).as(cell + ": redirect").isNotEqualTo("/admin/login");
            }
        } else if (who == Who.ANONYMOUS) {
            assertThat(response.statusCode()).as(cell + ": status").isEqualTo(303);
            assertThat(location).as(cell + ": redirect").isEqualTo("/admin/login");
        } else {
            assertThat(response.statusCode()).as(cell + ": status").isEqualTo(403);
            assertThat(response.body()).as(cell + ": page").containsAnyOf("Your account may not do this.",
                    "You do not have the role needed for this.", "You are not qualified for this language.",
                    "You wrote this revision");
        }
        if (!allowed || action.method().equals("GET")) {
            assertThat(snapshot()).as(cell + ": database after the request").isEqualTo(before);
        }
    }

    static String resolve(String text, String self) {
        String resolved = text.replace("{self}", self).replace("{target}", targetId == null ? "0" : targetId);
        for (var placeholder : CONTENT.entrySet()) {
            resolved = resolved.replace("{" + placeholder.getKey() + "}", placeholder.getValue());
        }
        return resolved;
    }

    /** Ids from the demo content the content rows act on. */
    static final Map<String, String> CONTENT = new java.util.HashMap<>();

    static void findContent() throws Exception {
        CONTENT.put("topic", query("select id from content_items where kind = 'TOPIC' order by id limit 1").get(0));
        CONTENT.put("question", query("select item_id from revisions where language_code = 'en'"
                + " and title = 'What is baby sleep myoclonus?' limit 1").get(0));
        String inReview = "select r.%s from revisions r join content_items i on i.id = r.item_id"
                + " where r.language_code = 'fr' and i.kind = 'QUESTION'"
                + " and not exists (select 1 from publications p where p.revision_id = r.id)"
                + " and exists (select 1 from submissions s where s.revision_id = r.id) order by r.id limit 1";
        CONTENT.put("frInReview", query(inReview.formatted("id")).get(0));
        CONTENT.put("frInReviewHash", query(inReview.formatted("content_hash")).get(0));
    }

    /** A fresh session: signed in as this person (or not at all), holding a valid form token. */
    static AdminClient signIn(Who who) throws Exception {
        AdminClient client = new AdminClient(app.base());
        if (who == Who.ANONYMOUS) {
            client.get("/admin/login");
            return client;
        }
        assertThat(client.login(who.username, PASSWORD).statusCode()).as("sign-in of " + who).isEqualTo(303);
        client.page("/admin/");
        return client;
    }

    /** Per table: its row count and a hash of all its rows. */
    static List<String> snapshot() throws Exception {
        return query(String.join(" union all ", TABLES.stream().map(table -> "select '" + table + ": '"
                + " || count(*) || ' rows, ' || md5(coalesce(string_agg(t::text, ',' order by t::text), ''))"
                + " from " + table + " t").toList()));
    }
}
