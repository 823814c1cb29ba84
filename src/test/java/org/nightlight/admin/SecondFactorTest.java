package org.nightlight.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.account.Accounts.NewUser;
import org.nightlight.account.Role;
import org.nightlight.testing.AdminClient;
import org.nightlight.testing.HtmlChecker;
import org.nightlight.testing.MutableClock;
import org.nightlight.testing.Rows;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;

/**
 * The second factor with NIGHTLIGHT_SECOND_FACTOR=staff, on a clock the test moves: codes are computed here
 * with the TOTP library from the secret the enrolment page shows. Each test uses its own accounts, so one test's
 * accepted codes and throttle counts do not touch another's.
 */
class SecondFactorTest {

    static final String PASSWORD = "correct horse battery staple 42";

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:05Z"));
    static RunningApp app;

    @BeforeAll
    static void start() throws Exception {
        app = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_SECOND_FACTOR", "staff")), CLOCK, a -> {
            for (String name : List.of("enroller", "replayer", "recoverer", "guarded", "throttled", "lostphone",
                    "switcher", "resetme", "validator", "slow")) {
                a.services().accounts().createSystemUser(new NewUser(name, "Test " + name, "", PASSWORD,
                        Set.of(Role.EDITOR), Set.of(), false));
            }
            for (String name : List.of("boss", "newadmin")) {
                a.services().accounts().createSystemUser(new NewUser(name, "Test admin", "", PASSWORD,
                        Set.of(Role.ADMIN), Set.of(), false));
            }
            a.services().accounts().createSystemUser(new NewUser("translator", "Test translator", "", PASSWORD,
                    Set.of(Role.TRANSLATOR), Set.of(), false));
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** An enrolled person's secret and recovery codes, and the session that enrolled. */
    record Enrolled(String secret, List<String> recoveryCodes, AdminClient client) {
    }

    static String code(String secret, Duration offset) throws Exception {
        long step = Math.floorDiv(CLOCK.instant().plus(offset).getEpochSecond(), 30);
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, step);
    }

    static String code(String secret) throws Exception {
        return code(secret, Duration.ZERO);
    }

    static String location(HttpResponse<String> response) {
        return URI.create(response.headers().firstValue("Location").orElse("")).getPath();
    }

    /** Password, then the enrolment page (a staff member with none yet), then a code from its secret. */
    static Enrolled enrol(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        HttpResponse<String> password = client.login(username, PASSWORD);
        assertThat(password.statusCode()).isEqualTo(303);
        assertThat(location(password)).isEqualTo("/admin/login/code");
        HttpResponse<String> codePage = client.get("/admin/login/code");
        assertThat(location(codePage)).isEqualTo("/admin/second-factor/enrol");
        Document page = client.page("/admin/second-factor/enrol");
        assertThat(page.select("img#qr").attr("src")).startsWith("data:image/png;base64,");
        String secret = page.select("#secret").text().replace(" ", "");
        assertThat(secret).matches("[A-Z2-7]{32}");
        HttpResponse<String> confirmed = client.post("/admin/second-factor/enrol", "code", code(secret));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        List<String> codes = Jsoup.parse(confirmed.body()).select("#recoveryCodes code").eachText();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(client.get("/admin/").statusCode()).isEqualTo(200);
        // the next code of this person belongs to a later step
        CLOCK.advance(Duration.ofSeconds(30));
        return new Enrolled(secret, codes, client);
    }

    /** Password accepted, code asked: a session in the second step. */
    static AdminClient atTheCodePage(String username) throws Exception {
        AdminClient client = new AdminClient(app.base());
        HttpResponse<String> password = client.login(username, PASSWORD);
        assertThat(location(password)).isEqualTo("/admin/login/code");
        assertThat(client.page("/admin/login/code").select("h1").text()).isEqualTo("Enter your code");
        return client;
    }

    @Test
    void enrolment_thenSignInWithACode_renewsTheSessionId() throws Exception {
        AdminClient client = new AdminClient(app.base());
        client.login("enroller", PASSWORD);
        String halfway = client.sessionId().orElseThrow();
        Document enrolPage = client.page("/admin/second-factor/enrol");
        assertThat(enrolPage.select(".notice").text()).contains("Your role needs a second step");
        String secret = enrolPage.select("#secret").text().replace(" ", "");
        // the page shows the same secret when reloaded
        assertThat(client.page("/admin/second-factor/enrol").select("#secret").text().replace(" ", ""))
                .isEqualTo(secret);
        HttpResponse<String> confirmed = client.post("/admin/second-factor/enrol", "code", code(secret));
        assertThat(confirmed.statusCode()).isEqualTo(200);
        assertThat(client.sessionId().orElseThrow()).isNotEqualTo(halfway);
        assertThat(client.page("/admin/").select("h1").text()).isEqualTo("My work");
        assertThat(Rows.strings(db, "select action from audit_events where details = 'enroller' order by id"))
                .containsSubsequence("SECOND_FACTOR_ENROLLED", "LOGIN");
        // the secret is kept, but on no admin page
        assertThat(client.get("/admin/second-factor").body()).doesNotContain(secret);

        CLOCK.advance(Duration.ofMinutes(5));
        AdminClient later = new AdminClient(app.base());
        later.get("/admin/login?next=/admin/content");
        later.post("/admin/login", "username", "enroller", "password", PASSWORD, "next", "/admin/content");
        String pending = later.sessionId().orElseThrow();
        later.page("/admin/login/code");
        HttpResponse<String> signedIn = later.post("/admin/login/code", "code", code(secret));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(location(signedIn)).isEqualTo("/admin/content");
        assertThat(later.sessionId().orElseThrow()).isNotEqualTo(pending);
        assertThat(later.get("/admin/content").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongCode_aReplayedCode_andCodesTwoStepsAway_areRefused_oneStepAwayIsAccepted() throws Exception {
        Enrolled me = enrol("replayer");

        AdminClient wrong = atTheCodePage("replayer");
        String right = code(me.secret());
        String wrongCode = right.equals("123456") ? "654321" : "123456";
        HttpResponse<String> refused = wrong.post("/admin/login/code", "code", wrongCode);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(Jsoup.parse(refused.body()).select(".form-error").text()).contains("That code is not right");
        assertThat(wrong.get("/admin/").statusCode()).isEqualTo(303);

        for (Duration away : List.of(Duration.ofSeconds(60), Duration.ofSeconds(-60))) {
            AdminClient far = atTheCodePage("replayer");
            assertThat(far.post("/admin/login/code", "code", code(me.secret(), away)).statusCode())
                    .as("a code %s away", away).isEqualTo(401);
        }

        AdminClient first = atTheCodePage("replayer");
        assertThat(first.post("/admin/login/code", "code", right).statusCode()).isEqualTo(303);
        AdminClient second = atTheCodePage("replayer");
        assertThat(second.post("/admin/login/code", "code", right).statusCode()).as("the same code again")
                .isEqualTo(401);
        // nor an earlier step's code, once a later one was used
        AdminClient ahead = atTheCodePage("replayer");
        assertThat(ahead.post("/admin/login/code", "code", code(me.secret(), Duration.ofSeconds(30))).statusCode())
                .as("the next step's code").isEqualTo(303);
        CLOCK.advance(Duration.ofSeconds(30));
        AdminClient behind = atTheCodePage("replayer");
        assertThat(behind.post("/admin/login/code", "code", code(me.secret(), Duration.ofSeconds(-30))).statusCode())
                .as("a code of a step before the last used").isEqualTo(401);
        CLOCK.advance(Duration.ofSeconds(60));
    }

    @Test
    void aRecoveryCode_signsInExactlyOnce() throws Exception {
        Enrolled me = enrol("recoverer");
        String recovery = me.recoveryCodes().get(3);

        AdminClient lostPhone = atTheCodePage("recoverer");
        HttpResponse<String> signedIn = lostPhone.post("/admin/login/code", "code", recovery.toUpperCase());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        Document status = lostPhone.page(location(signedIn) + "?recoveryUsed");
        assertThat(status.select(".notice").text()).contains("Recovery codes left: 9");
        assertThat(Rows.strings(db, "select details from audit_events where action = 'RECOVERY_CODE_USED'"))
                .containsExactly("recoverer: 9 left");

        AdminClient again = atTheCodePage("recoverer");
        assertThat(again.post("/admin/login/code", "code", recovery).statusCode()).isEqualTo(401);
        assertThat(Rows.strings(db, "select count(*) from recovery_codes r join users u on u.id = r.user_id"
                + " where u.username = 'recoverer' and r.used_at is null")).containsExactly("9");
        // stored as Argon2id hashes, never as typed
        assertThat(Rows.strings(db, "select code_hash from recovery_codes r join users u on u.id = r.user_id"
                + " where u.username = 'recoverer'")).allMatch(h -> h.startsWith("$argon2id$"))
                .noneMatch(h -> h.contains(recovery));
    }

    @Test
    void halfwaySignedIn_reachesNoAdminPageOrAction() throws Exception {
        enrol("guarded");
        long guardedId = app.app().services().accounts().byUsername("guarded").orElseThrow().id();
        // one session owes a code, one (an admin who never enrolled) owes an enrolment
        AdminClient owesCode = atTheCodePage("guarded");
        AdminClient owesEnrolment = new AdminClient(app.base());
        assertThat(location(owesEnrolment.login("newadmin", PASSWORD))).isEqualTo("/admin/login/code");
        owesEnrolment.page("/admin/second-factor/enrol");

        List<String> before = Rows.strings(db, "select count(*) || ':' || string_agg(username || active::text, ',')"
                + " from users");
        long languages = Rows.count(db, "languages");
        for (AdminClient client : List.of(owesCode, owesEnrolment)) {
            for (String page : List.of("/admin/", "/admin/content", "/admin/users", "/admin/users/new",
                    "/admin/users/" + guardedId, "/admin/audit", "/admin/audit.csv", "/admin/languages",
                    "/admin/password", "/admin/feedback", "/admin/second-factor")) {
                HttpResponse<String> response = client.get(page);
                assertThat(response.statusCode()).as(page).isEqualTo(303);
                assertThat(location(response)).as(page).isEqualTo("/admin/login/code");
            }
            for (List<String> action : List.of(
                    List.of("/admin/users", "username", "intruder", "displayName", "Intruder", "role", "ADMIN",
                            "password", "an intruder's long password", "confirm", "an intruder's long password"),
                    List.of("/admin/users/" + guardedId + "/deactivate"),
                    List.of("/admin/second-factor/reset/" + guardedId),
                    List.of("/admin/password", "current", PASSWORD, "password", "another long passphrase 1",
                            "confirm", "another long passphrase 1"),
                    List.of("/admin/languages", "code", "de", "nativeName", "Deutsch", "englishName", "German",
                            "direction", "ltr", "searchConfig", "german"),
                    List.of("/admin/second-factor/off", "code", "123456"))) {
                HttpResponse<String> response = client.post(action.get(0),
                        action.subList(1, action.size()).toArray(String[]::new));
                assertThat(response.statusCode()).as(action.get(0)).isEqualTo(303);
                assertThat(location(response)).as(action.get(0)).isEqualTo("/admin/login/code");
            }
        }
        assertThat(Rows.strings(db, "select count(*) || ':' || string_agg(username || active::text, ',')"
                + " from users")).isEqualTo(before);
        assertThat(Rows.count(db, "languages")).isEqualTo(languages);
        assertThat(Rows.strings(db, "select count(*) from second_factors f join users u on u.id = f.user_id"
                + " where u.username = 'guarded' and f.confirmed_at is not null")).containsExactly("1");
        // and the pages of the step name nobody's menu
        assertThat(owesCode.page("/admin/login/code").select("nav")).isEmpty();
    }

    @Test
    void aTranslator_isNotAskedInStaffMode_andOptionalModeLetsStaffInWithThePassword() throws Exception {
        AdminClient translator = new AdminClient(app.base());
        assertThat(location(translator.login("translator", PASSWORD))).isEqualTo("/admin/");
        assertThat(translator.get("/admin/").statusCode()).isEqualTo(200);

        try (RunningApp optional = RunningApp.start(db.settings(Map.of("NIGHTLIGHT_SECOND_FACTOR", "optional")),
                CLOCK, a -> { })) {
            AdminClient editor = new AdminClient(optional.base());
            assertThat(location(editor.login("switcher", PASSWORD))).isEqualTo("/admin/");
            assertThat(editor.get("/admin/").statusCode()).isEqualTo(200);
            // one who enrolled of their own accord is still asked for the code
            Document enrolPage = editor.page("/admin/second-factor/enrol");
            assertThat(enrolPage.select(".notice")).isEmpty();
            String secret = enrolPage.select("#secret").text().replace(" ", "");
            assertThat(editor.post("/admin/second-factor/enrol", "code", code(secret)).statusCode()).isEqualTo(200);
            CLOCK.advance(Duration.ofSeconds(30));
            AdminClient again = new AdminClient(optional.base());
            assertThat(location(again.login("switcher", PASSWORD))).isEqualTo("/admin/login/code");
            again.page("/admin/login/code");
            assertThat(again.post("/admin/login/code", "code", code(secret)).statusCode()).isEqualTo(303);
            CLOCK.advance(Duration.ofSeconds(30));
            // and may turn it off with a current code, then signs in with the password alone
            assertThat(again.page("/admin/second-factor").select("#status").text()).contains("is on");
            assertThat(again.post("/admin/second-factor/off", "code", "000000", "then", "off").statusCode())
                    .isEqualTo(400);
            HttpResponse<String> off = again.post("/admin/second-factor/off", "code", code(secret), "then", "off");
            assertThat(off.statusCode()).isEqualTo(303);
            assertThat(again.get("/admin/").statusCode()).isEqualTo(200);
            assertThat(location(new AdminClient(optional.base()).login("switcher", PASSWORD))).isEqualTo("/admin/");
        }
    }

    @Test
    void staffWhoTurnItOff_mustEnrolAgainBeforeAnythingElse() throws Exception {
        Enrolled me = enrol("lostphone");
        AdminClient client = me.client();
        HttpResponse<String> off = client.post("/admin/second-factor/off", "code", code(me.secret()), "then", "off");
        assertThat(location(off)).isEqualTo("/admin/second-factor/enrol");
        assertThat(location(client.get("/admin/content"))).isEqualTo("/admin/login/code");
        Document enrolPage = client.page("/admin/second-factor/enrol");
        String secret = enrolPage.select("#secret").text().replace(" ", "");
        assertThat(secret).isNotEqualTo(me.secret());
        assertThat(client.post("/admin/second-factor/enrol", "code", code(secret)).statusCode()).isEqualTo(200);
        assertThat(client.get("/admin/content").statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(30));
    }

    @Test
    void anAdminsReset_isAudited_endsThatPersonsSessions_andTheyEnrolAgain() throws Exception {
        Enrolled victim = enrol("resetme");
        assertThat(victim.client().get("/admin/").statusCode()).isEqualTo(200);
        Enrolled boss = enrolBossOnce();
        long id = app.app().services().accounts().byUsername("resetme").orElseThrow().id();
        boss.client().page("/admin/users/" + id);
        CLOCK.advance(Duration.ofSeconds(5));

        HttpResponse<String> reset = boss.client().post("/admin/second-factor/reset/" + id);
        assertThat(reset.statusCode()).isEqualTo(303);
        assertThat(boss.client().page(location(reset) + "?done=secondFactorReset").select(".notice").text())
                .contains("Two-step sign-in was reset");
        assertThat(location(victim.client().get("/admin/"))).isEqualTo("/admin/login");
        assertThat(Rows.strings(db, "select a.details || ' by ' || u.username from audit_events a"
                + " join users u on u.id = a.actor_id where a.action = 'SECOND_FACTOR_RESET'"))
                .containsExactly("resetme by boss");
        assertThat(Rows.strings(db, "select count(*) from second_factors f join users u on u.id = f.user_id"
                + " where u.username = 'resetme'")).containsExactly("0");
        // the next sign-in asks for a new enrolment
        AdminClient back = new AdminClient(app.base());
        back.login("resetme", PASSWORD);
        assertThat(location(back.get("/admin/login/code"))).isEqualTo("/admin/second-factor/enrol");
    }

    @Test
    void codes_areThrottledLikePasswords_evenTheRightOne() throws Exception {
        Enrolled me = enrol("throttled");
        AdminClient client = atTheCodePage("throttled");
        for (int i = 0; i < 4; i++) {
            assertThat(client.post("/admin/login/code", "code", "00000" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = client.post("/admin/login/code", "code", code(me.secret()));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(client.get("/admin/").statusCode()).isEqualTo(303);
        // after the wait the right code goes in
        CLOCK.advance(Duration.ofSeconds(30));
        assertThat(client.post("/admin/login/code", "code", code(me.secret())).statusCode()).isEqualTo(303);
    }

    @Test
    void theSecondStep_endsAfterTenMinutes_andTheRightCodeThenOpensNothing() throws Exception {
        Enrolled me = enrol("slow");
        AdminClient client = atTheCodePage("slow");
        CLOCK.advance(Duration.ofMinutes(10).plusSeconds(30));
        HttpResponse<String> late = client.post("/admin/login/code", "code", code(me.secret()));
        assertThat(location(late)).isEqualTo("/admin/login");
        assertThat(location(client.get("/admin/"))).isEqualTo("/admin/login");
        CLOCK.advance(Duration.ofSeconds(30));
    }

    @Test
    void thePagesOfTheSecondFactor_areValidHtml() throws Exception {
        HtmlChecker checker = new HtmlChecker();
        AdminClient client = new AdminClient(app.base());
        client.login("validator", PASSWORD);
        HttpResponse<String> enrolPage = client.get("/admin/second-factor/enrol");
        assertThat(checker.errors(enrolPage.body())).as("enrolment page").isEmpty();
        String secret = Jsoup.parse(enrolPage.body()).select("#secret").text().replace(" ", "");
        HttpResponse<String> codesPage = client.post("/admin/second-factor/enrol", "code", code(secret));
        assertThat(checker.errors(codesPage.body())).as("recovery codes page").isEmpty();
        assertThat(checker.errors(client.get("/admin/second-factor").body())).as("settings page").isEmpty();
        CLOCK.advance(Duration.ofSeconds(30));
        AdminClient again = new AdminClient(app.base());
        again.login("validator", PASSWORD);
        assertThat(checker.errors(again.get("/admin/login/code").body())).as("code page").isEmpty();
    }

    private static Enrolled bossEnrolled;

    /** The admin enrols once for the class; later calls sign in again with a fresh code. */
    private static synchronized Enrolled enrolBossOnce() throws Exception {
        if (bossEnrolled == null) {
            bossEnrolled = enrol("boss");
            return bossEnrolled;
        }
        AdminClient client = atTheCodePage("boss");
        assertThat(client.post("/admin/login/code", "code", code(bossEnrolled.secret())).statusCode()).isEqualTo(303);
        CLOCK.advance(Duration.ofSeconds(30));
        return new Enrolled(bossEnrolled.secret(), bossEnrolled.recoveryCodes(), client);
    }
}
