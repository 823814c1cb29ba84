package org.nightlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Accounts;
import org.nightlight.account.Actor;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.LiveOutcome;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;

/**
 * Two instances on one database: a reviewer's new name reaches every cached page without sending any visitor
 * to the slow path, while a withdrawal takes its text off both at once, from every encoding, pending background
 * renders or not.
 */
class NoStormTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp a;
    static RunningApp b;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String[] CODINGS = {"identity", "gzip", "zstd"};

    @BeforeAll
    static void start() throws Exception {
        var settings = db.settings(Map.of("NIGHTLIGHT_DEMO", "true", "NIGHTLIGHT_DEMO_PASSWORD", "demo-password-1234"));
        a = RunningApp.start(settings, App::loadDemoIfWanted);
        b = RunningApp.start(settings);
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static HttpResponse<byte[]> get(RunningApp app, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.base() + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The page's text, whatever its encoding. */
    static String text(HttpResponse<byte[]> response) throws Exception {
        String coding = response.headers().firstValue("Content-Encoding").orElse("identity");
        try (InputStream in = switch (coding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(response.body()));
            case "zstd" -> new ZstdInputStream(new ByteArrayInputStream(response.body()));
            default -> new ByteArrayInputStream(response.body());
        }) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String cacheStatus(HttpResponse<?> response) {
        return response.headers().firstValue(PageCacheFilter.STATUS_HEADER).orElse(null);
    }

    /** Polls for at most 30 s: on the shared 2-core machine one cold render has taken 10 s. */
    static void eventually(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            assertThat(System.nanoTime()).as("not within 30 s: " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The address of a question's live page in a language. */
    static String page(String lang, long topicId, long questionId) throws Exception {
        return "/" + lang + "/" + slug(lang, topicId) + "/" + slug(lang, questionId);
    }

    static String slug(String lang, long itemId) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement st = c.prepareStatement("""
                        select r.slug from publications p join revisions r on r.id = p.revision_id
                        where p.item_id = ? and p.language_code = ? and p.ended_at is null""")) {
            st.setLong(1, itemId);
            st.setString(2, lang);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("item %s live in %s", itemId, lang).isTrue();
                return rs.getString(1);
            }
        }
    }

    /** Renames the demo clinician, who signed every demo text off, through instance A. */
    static String renameTheClinician() {
        Accounts accounts = a.app().services().accounts();
        Accounts.Person clinician = accounts.byUsername("clinician").orElseThrow();
        String name = "Dr Renamed " + System.nanoTime();
        accounts.updateUser(Actor.of(accounts.byUsername("admin").orElseThrow().id()), clinician.id(),
                new Accounts.UserChanges(name, clinician.credentials(), clinician.roles(), clinician.qualifications()));
        return name;
    }

    @Test
    void aReviewersNewName_reachesTheCachedPagesOfBothInstances_withoutAVisitorWaitingForARender() throws Exception {
        Editorial editorial = new Editorial(a.app());
        long topic = editorial.topicId();
        List<String> pages = List.of("/en/", page("en", topic, editorial.questionId("Is sleep myoclonus bad?")),
                page("fr", topic, editorial.questionId("Is sleep myoclonus bad?")));
        for (RunningApp app : List.of(a, b)) {
            for (String path : pages) {
                for (String coding : CODINGS) {
                    get(app, path, "Accept-Encoding", coding);
                    assertThat(cacheStatus(get(app, path, "Accept-Encoding", coding))).isEqualTo("HIT");
                }
            }
        }

        String name = renameTheClinician();

        String question = pages.get(1);
        for (RunningApp app : List.of(a, b)) {
            eventually("the new name on " + app.base(), () -> {
                HttpResponse<byte[]> r = get(app, question);
                assertThat(cacheStatus(r)).as("every visitor is answered from the cache").isEqualTo("HIT");
                return text(r).contains(name);
            });
            for (String path : pages) {
                for (String coding : CODINGS) {
                    HttpResponse<byte[]> r = get(app, path, "Accept-Encoding", coding);
                    assertThat(cacheStatus(r)).as("%s %s %s", app.base(), path, coding).isIn("HIT", "MISS");
                }
            }
            eventually("the French page too", () -> text(get(app, pages.get(2), "Accept-Encoding", "zstd"))
                    .contains(name));
        }
    }

    @Test
    void aWithdrawnText_isNeverServedAgain_fromAnyEncoding_byEitherInstance_evenWithRendersPending()
            throws Exception {
        Editorial editorial = new Editorial(a.app());
        long question = editorial.questionId("What does sleep myoclonus look like?");
        String path = page("fr", editorial.topicId(), question);
        // letters only, in the last paragraph: the automatic checks refuse new numbers or paragraphs
        String sentence = "Phrase a retirer " + new java.util.Random().ints(10, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".";
        RevisionRef live = editorial.latest(question, "fr");
        RevisionRef published = editorial.publishTranslation(question, "fr", live.text().title(),
                live.text().body() + " " + sentence);
        String[][] etags = new String[2][CODINGS.length];
        List<RunningApp> apps = List.of(a, b);
        for (int n = 0; n < apps.size(); n++) {
            RunningApp app = apps.get(n);
            for (int i = 0; i < CODINGS.length; i++) {
                String coding = CODINGS[i];
                eventually("the new text cached on " + app.base() + " " + coding, () -> {
                    HttpResponse<byte[]> r = get(app, path, "Accept-Encoding", coding);
                    return "HIT".equals(cacheStatus(r)) && text(r).contains(sentence);
                });
                etags[n][i] = get(app, path, "Accept-Encoding", coding).headers().firstValue("ETag").orElseThrow();
            }
        }
        renameTheClinician(); // every page outdated: re-renders pending on both instances

        a.app().services().workflow().review(editorial.person("clinician"), published.id(), ReviewKind.MEDICAL,
                Decision.CHANGES_REQUESTED, "Unsafe wording.", published.contentHash(), LiveOutcome.UNSAFE);

        for (int i = 0; i < CODINGS.length; i++) {
            assertThat(text(get(a, path, "Accept-Encoding", CODINGS[i]))).as("A, %s, at once", CODINGS[i])
                    .doesNotContain(sentence);
            assertThat(get(a, path, "Accept-Encoding", CODINGS[i], "If-None-Match", etags[0][i]).statusCode())
                    .as("A, %s: no 304 for the withdrawn copy", CODINGS[i]).isNotEqualTo(304);
        }
        eventually("B drops it", () -> !text(get(b, path)).contains(sentence));
        for (int round = 0; round < 20; round++) {
            for (RunningApp app : apps) {
                for (int i = 0; i < CODINGS.length; i++) {
                    assertThat(text(get(app, path, "Accept-Encoding", CODINGS[i]))).as("%s %s", app.base(), CODINGS[i])
                            .doesNotContain(sentence);
                }
            }
        }
        for (int i = 0; i < CODINGS.length; i++) {
            assertThat(get(b, path, "Accept-Encoding", CODINGS[i], "If-None-Match", etags[1][i]).statusCode())
                    .as("B, %s: no 304 for the withdrawn copy", CODINGS[i]).isNotEqualTo(304);
        }
    }
    /** The languages are kept in memory: a change reaches pages rendered afterwards on both instances. */
    @Test
    void aLanguageTakenOffTheSite_vanishesFromBothInstances_fromPagesNotCachedToo() throws Exception {
        Accounts accounts = a.app().services().accounts();
        Actor admin = Actor.of(accounts.byUsername("admin").orElseThrow().id());
        var languages = a.app().services().languages();
        for (RunningApp app : List.of(a, b)) {
            assertThat(get(app, "/es/?feedback=fresh-" + System.nanoTime()).statusCode()).isEqualTo(200);
            assertThat(text(get(app, "/en/?feedback=fresh-" + System.nanoTime()))).contains("hreflang=\"es\"");
        }

        languages.setPublic(admin, "es", false);
        try {
            assertThat(get(a, "/es/?feedback=fresh-" + System.nanoTime()).statusCode()).as("A, at once").isEqualTo(404);
            assertThat(text(get(a, "/en/?feedback=fresh-" + System.nanoTime()))).doesNotContain("hreflang=\"es\"");
            eventually("B forgets Spanish", () -> get(b, "/es/?feedback=fresh-" + System.nanoTime()).statusCode() == 404);
            assertThat(text(get(b, "/en/?feedback=fresh-" + System.nanoTime()))).doesNotContain("hreflang=\"es\"");
        } finally {
            languages.setPublic(admin, "es", true);
        }
        assertThat(get(a, "/es/?feedback=fresh-" + System.nanoTime()).statusCode()).as("A, back at once").isEqualTo(200);
        eventually("B shows Spanish again", () -> get(b, "/es/?feedback=fresh-" + System.nanoTime()).statusCode() == 200);
    }
}
