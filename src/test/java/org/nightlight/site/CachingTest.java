package org.nightlight.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import com.github.luben.zstd.ZstdInputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.App;
import org.nightlight.account.Actor;
import org.nightlight.content.RevisionText;
import org.nightlight.content.SourceChange;
import org.nightlight.db.ContentChanges;
import org.nightlight.testing.Editorial;
import org.nightlight.testing.RunningApp;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.Decision;
import org.nightlight.workflow.ReviewKind;
import org.nightlight.workflow.RevisionRef;

/**
 * The render cache, HTTP caching, compression and static fingerprints, with two app instances (A and B)
 * on one database, as behind a load balancer.
 */
class CachingTest {

    @RegisterExtension
    static TestPostgres db = TestPostgres.withDemo();

    static RunningApp a;
    static RunningApp b;

    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    static final String TOPIC = "/en/benign-neonatal-sleep-myoclonus/";
    static final String STOP = TOPIC + "when-does-sleep-myoclonus-stop";
    static final String LOOK = TOPIC + "what-does-sleep-myoclonus-look-like";

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
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.base() + path)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Polls (no blind sleep) until the condition holds, for at most 10 seconds. */
    static void eventually(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    static Actor demoUser(String username) {
        return Actor.of(a.app().services().accounts().byUsername(username).orElseThrow().id());
    }

    static long itemId(String englishTitle) throws Exception {
        try (Connection c = db.connect();
                PreparedStatement st = c.prepareStatement(
                        "select item_id from revisions where language_code = 'en' and title = ? limit 1")) {
            st.setString(1, englishTitle);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A new English revision of an item, signed off and published through instance A's workflow. */
    static void publishThroughA(long itemId, String appendedSentence) {
        App.Services services = a.app().services();
        Actor editor = demoUser("editor");
        RevisionRef latest = services.queries().history(itemId, "en").get(0);
        RevisionText text = latest.text();
        RevisionRef next = services.workflow().saveRevision(editor, itemId, "en", latest.number(),
                new RevisionText(text.title(), text.slug(), text.body() + "\n\n" + appendedSentence, text.sources()),
                "test edit");
        services.workflow().submit(editor, next.id());
        services.workflow().review(demoUser("clinician"), next.id(), ReviewKind.MEDICAL, Decision.APPROVED, "",
                next.contentHash());
        services.workflow().publish(editor, next.id(), SourceChange.MINOR);
    }

    /** Two GETs: the first may render, the second must come from the cache. */
    static void prime(RunningApp app, String path) throws Exception {
        get(app, path);
        assertThat(header(get(app, path), "X-Nightlight-Cache")).as("cached on %s", app.base()).isEqualTo("HIT");
    }

    @Test
    void aPublicPage_isRenderedOnce_thenServedFromTheCache_identically() throws Exception {
        a.app().pageCache().invalidateAll();
        HttpResponse<byte[]> first = get(a, TOPIC);
        HttpResponse<byte[]> second = get(a, TOPIC);
        assertThat(header(first, "X-Nightlight-Cache")).isEqualTo("MISS");
        // a change notice from an earlier test may still arrive and empty the cache once; then it fills again
        for (int i = 0; i < 3 && "MISS".equals(header(second, "X-Nightlight-Cache")); i++) {
            first = second;
            second = get(a, TOPIC);
        }
        assertThat(header(second, "X-Nightlight-Cache")).isEqualTo("HIT");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(header(second, "Content-Type")).isEqualTo(header(first, "Content-Type"));
        assertThat(header(second, "Content-Security-Policy")).isEqualTo(header(first, "Content-Security-Policy"));
        assertThat(header(second, "X-Request-Id")).isNotEqualTo(header(first, "X-Request-Id"));
        assertThat(second.headers().allValues("Content-Security-Policy")).hasSize(1);
    }

    @Test
    void cachedPages_areAnsweredWithoutAHandOverToAnotherThread() {
        // every handler in front of the cache lookup must be non-blocking for Jetty to run it where it read
        assertThat(a.app().server().getInvocationType())
                .isEqualTo(org.eclipse.jetty.util.thread.Invocable.InvocationType.NON_BLOCKING);
    }

    @Test
    void publicPages_haveAStrongETag_publicCacheControl_and304WhenUnchanged() throws Exception {
        for (String path : new String[] {"/en/", TOPIC, STOP, "/en/search?q=sleep", "/ar/"}) {
            HttpResponse<byte[]> page = get(a, path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String etag = header(page, "ETag");
            assertThat(etag).as(path).matches("\"[A-Za-z0-9_-]{24}\"");
            assertThat(header(page, "Cache-Control")).as(path).isEqualTo("public, max-age=300");
            HttpResponse<byte[]> again = get(a, path, "If-None-Match", etag);
            assertThat(again.statusCode()).as(path).isEqualTo(304);
            assertThat(again.body()).as(path).isEmpty();
            assertThat(header(again, "ETag")).as(path).isEqualTo(etag);
            assertThat(get(a, path, "If-None-Match", "\"something-else\"").statusCode()).as(path).isEqualTo(200);
            assertThat(get(a, path, "If-None-Match", "\"x\", W/" + etag).statusCode()).as(path).isEqualTo(304);
        }
        assertThat(header(get(a, "/en/"), "ETag")).isNotEqualTo(header(get(a, "/ar/"), "ETag"));
    }

    @Test
    void errorPages_andEverythingThatIsNotAPublicPage_areNoStore() throws Exception {
        HttpResponse<byte[]> missing = get(a, "/en/no-such-topic/");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(header(missing, "Cache-Control")).isEqualTo("no-store");
        assertThat(header(missing, "ETag")).isNull();
        assertThat(header(get(a, "/xx/"), "Cache-Control")).isEqualTo("no-store");
        assertThat(header(get(a, "/health"), "Cache-Control")).isEqualTo("no-store");
        assertThat(header(get(a, "/en/no-such-topic/"), "X-Nightlight-Cache")).as("errors are never cached").isNull();
    }

    @Test
    void pagesAreGzipped_whenTheBrowserAcceptsIt_withTheirOwnETag() throws Exception {
        HttpResponse<byte[]> plain = get(a, STOP);
        HttpResponse<byte[]> gzipped = get(a, STOP, "Accept-Encoding", "gzip");
        assertThat(header(gzipped, "Content-Encoding")).isEqualTo("gzip");
        assertThat(header(gzipped, "Vary")).containsIgnoringCase("Accept-Encoding");
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertThat(unzipped).isEqualTo(plain.body());
        assertThat(gzipped.body().length).isLessThan(plain.body().length / 2);
        assertThat(header(plain, "Content-Encoding")).isNull();
        String gzipEtag = header(gzipped, "ETag");
        assertThat(gzipEtag).isNotEqualTo(header(plain, "ETag"));
        assertThat(get(a, STOP, "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> css = get(a, "/static/site.css", "Accept-Encoding", "gzip");
        assertThat(header(css, "Content-Encoding")).isEqualTo("gzip");
    }

    /** Polls until the path answers from the cache (a change notice of an earlier test may empty it once). */
    static HttpResponse<byte[]> hit(RunningApp app, String path, String... headers) throws Exception {
        HttpResponse<byte[]>[] last = new HttpResponse[1];
        eventually(path + " is a HIT", () -> {
            last[0] = get(app, path, headers);
            return "HIT".equals(header(last[0], "X-Nightlight-Cache"));
        });
        return last[0];
    }

    static byte[] decoded(HttpResponse<byte[]> response) throws Exception {
        String coding = header(response, "Content-Encoding");
        if (coding == null) {
            return response.body();
        }
        return switch (coding) {
            case "gzip" -> new GZIPInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
            case "zstd" -> new ZstdInputStream(new ByteArrayInputStream(response.body())).readAllBytes();
            default -> throw new AssertionError("unexpected coding " + coding);
        };
    }

    /** The headers of a response but those that belong to one response only. */
    static Map<String, List<String>> fixedHeaders(HttpResponse<?> response) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        for (String name : new String[] {"date", "x-request-id", "x-nightlight-cache"}) {
            headers.remove(name);
        }
        return headers;
    }

    @Test
    void aSharedLinksTrackingParameters_findTheCachedPage_butAReadParameterNeverAnother() throws Exception {
        HttpResponse<byte[]> page = hit(a, LOOK);
        HttpResponse<byte[]> shared = get(a, LOOK + "?utm_source=whatsapp&fbclid=IwAR" + System.nanoTime());
        assertThat(header(shared, "X-Nightlight-Cache")).isEqualTo("HIT");
        assertThat(header(shared, "ETag")).isEqualTo(header(page, "ETag"));

        String zebra = text(get(a, "/en/search?%71=zebra&utm_campaign=" + System.nanoTime()));
        assertThat(zebra).as("q spelt encoded is still q").contains("zebra");
        assertThat(text(get(a, "/en/search?utm_campaign=" + System.nanoTime()))).doesNotContain("zebra");
    }

    @Test
    void aHit_carriesExactlyTheHeadersOfTheMissThatStoredIt_inEveryEncoding() throws Exception {
        for (String coding : new String[] {"identity", "gzip", "zstd"}) {
            a.app().pageCache().invalidateAll();
            String path = STOP;
            HttpResponse<byte[]> miss = get(a, path, "Accept-Encoding", coding);
            assertThat(header(miss, "X-Nightlight-Cache")).as(coding).isEqualTo("MISS");
            HttpResponse<byte[]> hit = hit(a, path, "Accept-Encoding", coding);
            assertThat(fixedHeaders(hit)).as(coding).isEqualTo(fixedHeaders(miss));
            assertThat(hit.body()).as(coding).isEqualTo(miss.body());
            assertThat(header(hit, "X-Request-Id")).matches("[0-9a-f]{12}").isNotEqualTo(header(miss, "X-Request-Id"));
            assertThat(header(hit, "Content-Security-Policy")).isNotBlank();
            assertThat(hit.headers().allValues("Vary")).containsExactly("Accept-Encoding");
            assertThat(decoded(hit)).as("encoded once, %s", coding).isEqualTo(decoded(get(a, path)));
        }
    }

    @Test
    void theEncodingFollowsAcceptEncodingQValues_eachVariantHasItsOwnETag_and304() throws Exception {
        String path = LOOK;
        HttpResponse<byte[]> plain = get(a, path);
        byte[] identity = plain.body();
        Map<String, String> chosen = new java.util.LinkedHashMap<>();
        chosen.put("gzip", "gzip");
        chosen.put("zstd", "zstd");
        chosen.put("gzip, deflate, br, zstd", "zstd");
        chosen.put("zstd;q=0.5, gzip", "gzip");
        chosen.put("gzip;q=0.2, identity", null);
        chosen.put("br", null);
        chosen.put("*", "zstd");
        chosen.put("identity;q=0, *;q=0.1", "zstd");
        List<String> etags = new ArrayList<>();
        for (Map.Entry<String, String> c : chosen.entrySet()) {
            HttpResponse<byte[]> page = hit(a, path, "Accept-Encoding", c.getKey());
            assertThat(header(page, "Content-Encoding")).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(decoded(page)).as(c.getKey()).isEqualTo(identity);
            String etag = header(page, "ETag");
            if (!etags.contains(etag)) {
                etags.add(etag);
            }
            HttpResponse<byte[]> notModified = get(a, path, "Accept-Encoding", c.getKey(), "If-None-Match", etag);
            assertThat(notModified.statusCode()).as(c.getKey()).isEqualTo(304);
            assertThat(notModified.body()).isEmpty();
            assertThat(header(notModified, "ETag")).isEqualTo(etag);
        }
        assertThat(etags).as("identity, gzip, zstd").hasSize(3);
        assertThat(etags).contains(header(plain, "ETag"));
        assertThat(get(a, path, "Accept-Encoding", "gzip", "If-None-Match", header(plain, "ETag")).statusCode())
                .as("another variant's ETag").isEqualTo(200);
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(a.base() + path))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(header(head, "Content-Encoding")).isEqualTo("gzip");
    }

    /** The address of an item's live text in a language: {question item id, "/fr/topic-slug/question-slug"}. */
    static Object[] livePage(String lang, long topicId, String notTitle) throws Exception {
        String sql = """
                select p.item_id, tr.slug, r.slug from publications p
                join revisions r on r.id = p.revision_id
                join content_items i on i.id = p.item_id
                join publications tp on tp.item_id = i.topic_id and tp.language_code = p.language_code
                     and tp.ended_at is null and tp.withdrawn_at is null
                join revisions tr on tr.id = tp.revision_id
                where p.language_code = ? and i.topic_id = ? and i.kind = 'QUESTION'
                  and p.ended_at is null and p.withdrawn_at is null
                  and exists (select 1 from publications e where e.item_id = i.id and e.language_code = 'es'
                              and e.ended_at is null and e.withdrawn_at is null)
                  and r.title <> ?
                order by i.position limit 1""";
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setString(1, lang);
            st.setLong(2, topicId);
            st.setString(3, notTitle);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("a live %s question", lang).isTrue();
                return new Object[] {rs.getLong(1), address(lang, rs.getString(2), rs.getString(3))};
            }
        }
    }

    static String address(String lang, String topicSlug, String questionSlug) throws Exception {
        String path = "/" + lang + "/" + topicSlug + "/" + (questionSlug == null ? "" : questionSlug);
        return new URI(null, null, path, null).toASCIIString();
    }

    /**
     * A second topic with two questions, in English and French: {topic id, first question's French address, its
     * id, second question's French address, its id}.
     */
    static Object[] secondTopic;

    static synchronized Object[] secondTopic() throws Exception {
        if (secondTopic == null) {
            Editorial editorial = new Editorial(a.app());
            String body = "Newborns feed every two to three hours, at night too. ".repeat(4);
            long topic = editorial.publishNewTopic("Feeding at night", body, "");
            editorial.publishTranslation(topic, "fr", "Les tetees de nuit", body);
            long first = editorial.publishNewQuestion(topic, "How often do newborns feed at night?", body, "");
            editorial.publishTranslation(first, "fr", "Combien de tetees la nuit", body);
            long second = editorial.publishNewQuestion(topic, "Should I wake my baby to feed?", body, "");
            editorial.publishTranslation(second, "fr", "Faut-il reveiller bebe pour la tetee", body);
            String topicSlug = slug("fr", topic);
            secondTopic = new Object[] {topic, address("fr", topicSlug, slug("fr", first)), first,
                address("fr", topicSlug, slug("fr", second)), second};
        }
        return secondTopic;
    }

    /** A new French revision of an item's live text with one more sentence, published through instance A. */
    static void publishFrenchThroughA(long itemId, String sentence) {
        Editorial editorial = new Editorial(a.app());
        RevisionText live = editorial.latest(itemId, "fr").text();
        // in the last paragraph: the automatic checks refuse a translation with a paragraph the English lacks
        editorial.publishTranslation(itemId, "fr", live.title(), live.body() + " " + sentence);
    }

    /** Letters only: a number the English lacks would be refused by the automatic checks. */
    static String unique() {
        return new java.util.Random().ints(12, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    @Test
    void aPublication_dropsOnlyThePagesShowingThatItemInThatLanguage_onBothInstances() throws Exception {
        Object[] second = secondTopic();
        long demoTopic = new Editorial(a.app()).topicId();
        Object[] itemA = livePage("fr", demoTopic, "");
        long a1 = (Long) itemA[0];
        String aFr = (String) itemA[1];
        String aEs = address("es", slug("es", demoTopic), slug("es", a1));
        String bFr = (String) second[1];
        String frTopic = address("fr", slug("fr", demoTopic), null);
        List<String> dropped = List.of(aFr, frTopic, "/fr/", "/fr/search?q=sommeil", "/sitemap.xml",
                "/sitemap.xml?part=1");
        List<String> kept = List.of(bFr, aEs, "/es/", "/en/");
        for (RunningApp app : List.of(a, b)) {
            for (String path : concat(dropped, kept)) {
                assertThat(get(app, path).statusCode()).as(path).isEqualTo(200);
                hit(app, path);
            }
        }
        String sentence = "Phrase de controle " + unique() + ".";

        publishFrenchThroughA(a1, sentence);

        // at once on the instance that published: before the call returned
        for (String path : dropped) {
            assertThat(header(get(a, path), "X-Nightlight-Cache")).as("A: %s", path).isEqualTo("MISS");
        }
        assertThat(text(get(a, aFr))).contains(sentence);
        for (String path : kept) {
            assertThat(header(get(a, path), "X-Nightlight-Cache")).as("A: %s", path).isEqualTo("HIT");
        }
        // on the other as soon as the notice arrives: all the pages of one change drop together
        eventually("instance B serves the new text", () -> text(get(b, aFr)).contains(sentence));
        for (String path : dropped.subList(1, dropped.size())) {
            assertThat(header(get(b, path), "X-Nightlight-Cache")).as("B: %s", path).isEqualTo("MISS");
        }
        for (String path : kept) {
            assertThat(header(get(b, path), "X-Nightlight-Cache")).as("B: %s", path).isEqualTo("HIT");
        }
    }

    @Test
    void anUnpublishedText_isNeverServedAgain_inAnyEncoding_byEitherInstance() throws Exception {
        Object[] second = secondTopic();
        String page = (String) second[3];
        long questionId = (Long) second[4];
        String sentence = "Texte retire " + unique() + ".";
        publishFrenchThroughA(questionId, sentence);
        String[] codings = {"identity", "gzip", "zstd"};
        for (RunningApp app : List.of(a, b)) {
            for (String coding : codings) {
                eventually("the new text cached", () -> {
                    HttpResponse<byte[]> r = get(app, page, "Accept-Encoding", coding);
                    return "HIT".equals(header(r, "X-Nightlight-Cache"))
                            && new String(decoded(r), StandardCharsets.UTF_8).contains(sentence);
                });
            }
        }

        a.app().services().workflow().unpublish(demoUser("editor"), questionId, "fr", "test");

        for (String coding : codings) {
            assertThat(new String(decoded(get(a, page, "Accept-Encoding", coding)), StandardCharsets.UTF_8))
                    .as("A, %s, at once", coding).doesNotContain(sentence);
        }
        eventually("B drops it", () -> !text(get(b, page)).contains(sentence));
        for (String coding : codings) {
            assertThat(new String(decoded(get(b, page, "Accept-Encoding", coding)), StandardCharsets.UTF_8))
                    .as("B, %s", coding).doesNotContain(sentence);
        }
    }

    /** The slug of an item's live text in a language. */
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

    static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    @Test
    void theStylesheet_isLinkedByAFingerprintedName_cachedForAYear() throws Exception {
        Document page = Jsoup.parse(text(get(a, STOP)));
        String href = page.selectFirst("link[rel=stylesheet]").attr("href");
        assertThat(href).matches("/static/site\\.[0-9a-f]{12}\\.css");
        HttpResponse<byte[]> css = get(a, href);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(header(css, "Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(header(css, "Content-Type")).startsWith("text/css");
        assertThat(css.body()).isEqualTo(get(a, "/static/site.css").body());
        assertThat(get(a, href, "If-None-Match", header(css, "ETag")).statusCode()).isEqualTo(304);

        HttpResponse<byte[]> other = get(a, "/static/site.0123456789ab.css");
        assertThat(other.statusCode()).as("another version's name still styles the page").isEqualTo(200);
        assertThat(header(other, "Cache-Control")).isEqualTo("public, max-age=60");
        assertThat(get(a, "/static/nothing.0123456789ab.css").statusCode()).isEqualTo(404);
    }

    /**
     * What a phone downloads for a question page: page and stylesheet, gzip-compressed as every browser asks,
     * fit in the first round trip (TCP's initial window, about 14 KB); uncompressed, the HTML stays lean too.
     * (Arabic addresses are percent-encoded, three times their letters' bytes: they weigh on the second figure.)
     */
    @Test
    void everyQuestionPage_withItsStylesheet_fitsInTheFirstRoundTrip() throws Exception {
        String css = Jsoup.parse(text(get(a, "/en/"))).selectFirst("link[rel=stylesheet]").attr("href");
        int cssBytes = get(a, css, "Accept-Encoding", "gzip").body().length;
        List<Integer> sizes = new ArrayList<>();
        for (String lang : new String[] {"en", "es", "fr", "ar"}) {
            Document home = Jsoup.parse(text(get(a, "/" + lang + "/")));
            Document topic = Jsoup.parse(text(get(a, home.selectFirst("main ul.topics a").attr("href"))));
            for (String question : topic.select("nav.toc a").eachAttr("href")) {
                HttpResponse<byte[]> page = get(a, question);
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body().length).as(question + " uncompressed").isLessThan(36 * 1024);
                HttpResponse<byte[]> gzipped = get(a, question, "Accept-Encoding", "gzip");
                assertThat(header(gzipped, "Content-Encoding")).isEqualTo("gzip");
                assertThat(gzipped.body().length + cssBytes).as(question + " as sent").isLessThan(14 * 1024);
                sizes.add(gzipped.body().length);
            }
        }
        assertThat(sizes).hasSizeGreaterThan(30);
    }

    @Test
    void publishingThroughOneInstance_updatesTheOtherInstancesCachedPage_withinSeconds() throws Exception {
        prime(a, LOOK);
        prime(b, LOOK);
        String etagBefore = header(get(b, LOOK), "ETag");
        String sentence = "Cache check sentence " + System.nanoTime() + ".";
        assertThat(text(get(b, LOOK))).doesNotContain(sentence);

        publishThroughA(itemId("What does sleep myoclonus look like?"), sentence);

        eventually("instance B serves the new text", () -> text(get(b, LOOK)).contains(sentence));
        eventually("instance A serves the new text", () -> text(get(a, LOOK)).contains(sentence));
        assertThat(header(get(b, LOOK), "ETag")).isNotEqualTo(etagBefore);
        assertThat(get(b, LOOK, "If-None-Match", etagBefore).statusCode()).isEqualTo(200);
        eventually("the search on B finds the new text", () ->
                text(get(b, "/en/search?q=" + sentence.split(" ")[3].replace(".", ""))).contains("search-results"));
    }

    @Test
    void unpublishingThroughOneInstance_takesThePageOffTheOtherInstance() throws Exception {
        String path = TOPIC + "is-sleep-myoclonus-bad";
        prime(b, path);
        a.app().services().workflow().unpublish(demoUser("editor"), itemId("Is sleep myoclonus bad?"), "en", "test");
        eventually("instance B answers 404", () -> get(b, path).statusCode() == 404);
    }

    @Test
    void theListener_reconnectsAfterLosingItsConnection_andNoChangeIsMissed() throws Exception {
        eventually("both instances listen", () -> listeners().size() == 2);
        List<Integer> before = listeners();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                    + ContentChanges.APPLICATION_NAME + "' and datname = current_database()");
        }
        eventually("both instances listen again, on new connections", () -> {
            List<Integer> now = listeners();
            return now.size() == 2 && now.stream().noneMatch(before::contains);
        });
        prime(b, STOP);
        String sentence = "Reconnect check " + System.nanoTime() + ".";
        publishThroughA(itemId("When does sleep myoclonus stop?"), sentence);
        eventually("instance B serves the new text", () -> text(get(b, STOP)).contains(sentence));
    }

    /** Backend pids of the listeners on this test's database. */
    static List<Integer> listeners() throws Exception {
        List<Integer> pids = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select pid from pg_stat_activity where application_name = '"
                        + ContentChanges.APPLICATION_NAME + "' and datname = current_database()")) {
            while (rs.next()) {
                pids.add(rs.getInt(1));
            }
        }
        return pids;
    }

    @Test
    void feedbackPosts_andTheirThankYouPage_areNotStoredAsTheAnswerPage() throws Exception {
        prime(a, STOP);
        HttpResponse<byte[]> thanks = get(a, STOP + "?feedback=thanks");
        assertThat(text(thanks)).contains("Thank you for your feedback");
        assertThat(text(get(a, STOP))).doesNotContain("Thank you for your feedback");
    }
}
