package org.nightlight.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nightlight.content.PublishedContent.Found;
import org.nightlight.content.PublishedContent.Missing;
import org.nightlight.content.PublishedContent.QuestionPage;
import org.nightlight.content.SourceChange;
import org.nightlight.testing.TestPostgres;
import org.nightlight.workflow.WorkflowFixture.Item;

/**
 * The public site's read model (live_texts) after every step of the workflow that changes what readers see:
 * one row per live publication, the text rendered once, the trust line's facts, and never a withdrawn text.
 * Each check also rebuilds the item from its publications and expects the same rows: the model is exactly what
 * the publications say, in the transaction that changed them.
 */
class ReadModelTest {

    @RegisterExtension
    static TestPostgres db = new TestPostgres();

    static WorkflowFixture fx;

    @BeforeAll
    static void open() {
        fx = WorkflowFixture.open(db);
    }

    @AfterAll
    static void close() {
        fx.close();
    }

    private static final String ROWS = """
            select t.language_code, t.publication_id, t.revision_id, t.withdrawn, t.title, t.slug, t.html,
                   t.sources_html, t.plain, t.medical_reviewer_id, t.language_reviewer_id,
                   t.source_version_of is not null as translated, t.source_updated_on is not null as outdated,
                   t.source_slug
            from live_texts t where t.item_id = ? order by t.language_code""";

    private static final String VOCABULARY = """
            select language_code, spelling, word, texts from search_vocabulary order by language_code, spelling""";
    private static final String RECOUNTED = """
            select t.language_code, w as spelling, search_fold(w) as word, count(*)::int as texts
            from live_texts t join search_documents d on d.revision_id = t.revision_id, unnest(d.spellings) w
            where not t.withdrawn group by t.language_code, w order by t.language_code, w""";

    /**
     * The item's rows, checked against its live publications and against a rebuild from them; and the search
     * vocabulary against a count of every live text's words.
     */
    private static Map<String, Map<String, Object>> model(long itemId) {
        List<Map<String, Object>> rows = fx.rows(ROWS, itemId);
        List<Map<String, Object>> live = fx.rows("""
                select p.language_code, p.id, p.revision_id, p.withdrawn_at is not null as withdrawn
                from publications p where p.item_id = ? and p.ended_at is null order by p.language_code""", itemId);
        assertThat(rows).extracting(r -> List.of(r.get("language_code"), r.get("publication_id"),
                r.get("revision_id"), r.get("withdrawn")))
                .containsExactlyElementsOf(live.stream().map(p -> List.of(p.get("language_code"), p.get("id"),
                        p.get("revision_id"), p.get("withdrawn"))).toList());
        fx.app.sessions().inTransaction(s -> fx.app.services().readModel().refresh(s, itemId));
        assertThat(fx.rows(ROWS, itemId)).as("rebuilt from the publications").isEqualTo(rows);
        assertThat(fx.rows(VOCABULARY)).as("search vocabulary").isEqualTo(fx.rows(RECOUNTED));
        Map<String, Map<String, Object>> byLanguage = new java.util.LinkedHashMap<>();
        rows.forEach(r -> byLanguage.put((String) r.get("language_code"), r));
        return byLanguage;
    }

    private static long userId(org.nightlight.account.Actor actor) {
        return actor.userId();
    }

    @Test
    void aWrittenItem_hasNoRows_aPublishedOne_hasItsTextRenderedOnce_withItsSignOff() {
        Item item = fx.createItem();
        assertThat(model(item.questionId())).isEmpty();

        fx.publishSource(item.topicId(), null);
        RevisionRef question = fx.publishSource(item.questionId(), null);

        Map<String, Object> en = model(item.questionId()).get("en");
        assertThat(en.get("withdrawn")).isEqualTo(false);
        assertThat(en.get("title")).isEqualTo(question.text().title());
        assertThat(en.get("slug")).isEqualTo(question.text().slug());
        assertThat((String) en.get("html")).contains("<p>" + question.text().body() + "</p>");
        assertThat(en.get("plain")).isEqualTo(question.text().body());
        assertThat(en.get("medical_reviewer_id")).isEqualTo(userId(fx.clinician));
        assertThat(en.get("translated")).isEqualTo(false);
        assertThat(model(item.topicId())).containsOnlyKeys("en");
    }

    @Test
    void aTranslation_hasItsLanguageReview_andIsOutdatedAfterAMinorSourceChange_untilRedone() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "Une réponse.");
        Map<String, Object> fr = model(item.questionId()).get("fr");
        assertThat(fr.get("language_reviewer_id")).isEqualTo(userId(fx.reviewerFr));
        assertThat(fr.get("translated")).isEqualTo(true);
        assertThat(fr.get("outdated")).isEqualTo(false);

        fx.editSource(item.questionId(), "A better English answer.");
        RevisionRef source = fx.publishSource(item.questionId(), SourceChange.MINOR);

        Map<String, Map<String, Object>> rows = model(item.questionId());
        assertThat((String) rows.get("en").get("html")).contains("<p>A better English answer.</p>");
        assertThat(rows.get("fr").get("outdated")).isEqualTo(true);
        assertThat(rows.get("fr").get("source_slug")).isEqualTo(source.text().slug());

        fx.publishTranslation(item.questionId(), "Une meilleure réponse.");
        assertThat(model(item.questionId()).get("fr").get("outdated")).isEqualTo(false);
    }

    @Test
    void aSafetyChange_withdrawsTheTranslation_whoseRowKeepsNoText() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "Texte dangereux.");
        fx.editSource(item.questionId(), "The corrected English answer.");

        fx.publishSource(item.questionId(), SourceChange.SAFETY);

        Map<String, Object> fr = model(item.questionId()).get("fr");
        assertThat(fr.get("withdrawn")).isEqualTo(true);
        assertThat(fr).extractingByKeys("title", "slug", "html", "sources_html", "plain")
                .containsOnly((Object) null);
        assertThat(fx.count("select count(*) from live_texts where html like '%dangereux%'")).isZero();
        // French readers get the corrected English text, told it is being updated
        assertThat(fx.publicQuestion(item, "fr").text().html()).contains("The corrected English answer.");
    }

    @Test
    void anUnsafeRefusal_takesTheSourceAndItsTranslationsOffTheModel_andTheQuestionOffThePages() {
        Item item = fx.publishedItem();
        fx.publishTranslation(item.questionId(), "Réponse française.");
        RevisionRef live = fx.latest(item.questionId(), "en");

        fx.workflow.review(fx.clinician, live.id(), ReviewKind.MEDICAL, Decision.CHANGES_REQUESTED,
                "The dose advice is wrong.", live.contentHash(), LiveOutcome.UNSAFE);

        Map<String, Map<String, Object>> rows = model(item.questionId());
        assertThat(rows.values()).allSatisfy(row -> {
            assertThat(row.get("withdrawn")).isEqualTo(true);
            assertThat(row.get("html")).isNull();
        });
        assertThat(fx.publicQuestion(item, "en")).isNull();
        assertThat(fx.publicQuestion(item, "fr")).isNull();
    }

    @Test
    void unpublishing_removesTheRow_andRollingBack_bringsTheEarlierTextBack() {
        Item item = fx.publishedItem();
        RevisionRef first = fx.latest(item.questionId(), "en");
        fx.editSource(item.questionId(), "Second answer.");
        fx.publishSource(item.questionId(), SourceChange.MINOR);
        assertThat((String) model(item.questionId()).get("en").get("html")).contains("<p>Second answer.</p>");

        fx.workflow.rollback(fx.editor, item.questionId(), "en", first.id());
        assertThat(model(item.questionId()).get("en").get("revision_id")).isEqualTo(first.id());

        fx.workflow.unpublish(fx.editor, item.questionId(), "en", "no longer needed");
        assertThat(model(item.questionId())).isEmpty();
        String topicSlug = item.topicSlug();
        assertThat(fx.published.question("en", topicSlug, first.text().slug())).isInstanceOf(Missing.class);
    }

    @Test
    void reorderingAndRenamingAReviewer_changeThePages_withoutTouchingTheModel() {
        Item item = fx.publishedItem();
        long second = fx.workflow.createQuestion(fx.editor, item.topicId(),
                WorkflowFixture.text("Second question " + WorkflowFixture.unique() + "?", "Second."), "new");
        fx.publishSource(second, null);
        var before = fx.rows("select * from live_texts where topic_id = ? order by item_id", item.topicId());

        fx.workflow.reorder(fx.editor, item.topicId(), List.of(second, item.questionId()));
        fx.execute("update users set display_name = 'Dr Clara Renamed' where id = " + fx.clinician.userId());

        assertThat(fx.rows("select * from live_texts where topic_id = ? order by item_id", item.topicId()))
                .isEqualTo(before);
        var page = ((Found<QuestionPage>) fx.published.question("en", item.topicSlug(),
                fx.latest(second, "en").text().slug())).value();
        assertThat(page.questions()).extracting(q -> q.itemId()).containsExactly(second, item.questionId());
        assertThat(page.question().text().trust().medicalReviewerName()).isEqualTo("Dr Clara Renamed");
        fx.execute("update users set display_name = 'Dr Clara Clinician' where id = " + fx.clinician.userId());
    }

    @Test
    void aPublicationWithdrawnBehindTheAppsBack_leavesTheModelAtOnce_andAStartRebuildsWhatIsMissing() {
        Item item = fx.publishedItem();
        fx.execute("update publications set withdrawn_at = now(), withdrawn_reason = 'by hand' where item_id = "
                + item.questionId() + " and ended_at is null");
        assertThat(fx.count("select count(*) from live_texts where item_id = ?", item.questionId())).isZero();

        assertThat(fx.app.services().readModel().refreshStale(fx.app.dataSource())).isEqualTo(1);

        assertThat(model(item.questionId()).get("en").get("withdrawn")).isEqualTo(true);
        assertThat(fx.app.services().readModel().refreshStale(fx.app.dataSource())).isZero();
    }

    @Test
    void aKeyword_joinsTheSearchVocabularyWhileItsTextIsLive_andLeavesWithIt() {
        Item item = fx.publishedItem();
        var words = fx.app.services().searchWords();
        words.addKeyword(fx.editor, item.questionId(), "en", "Hiccoughs");
        model(item.questionId());
        assertThat(fx.count("select texts from search_vocabulary where language_code = 'en' and spelling = 'hiccoughs'"))
                .isEqualTo(1);

        words.removeKeyword(fx.editor, words.keywords().stream()
                .filter(k -> k.keyword().equals("Hiccoughs")).findFirst().orElseThrow().id());
        model(item.questionId());
        assertThat(fx.count("select count(*) from search_vocabulary where spelling = 'hiccoughs'")).isZero();

        words.addKeyword(fx.editor, item.questionId(), "en", "Hiccoughs");
        fx.workflow.unpublish(fx.editor, item.questionId(), "en", "no longer needed");
        model(item.questionId());
        assertThat(fx.count("select count(*) from search_vocabulary where spelling = 'hiccoughs'")).isZero();
    }

    @Test
    void publicationsInParallel_sharingTheirWords_allCommit_andTheVocabularyAddsUp() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Item>> published = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                published.add(pool.submit(() -> {
                    Item item = fx.publishedItem();
                    fx.publishTranslation(item.questionId(), "La réponse française, commune à toutes.");
                    return item;
                }));
            }
            List<Item> items = new java.util.ArrayList<>();
            for (var item : published) {
                items.add(item.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            items.forEach(item -> model(item.questionId()));
        } finally {
            pool.shutdownNow();
        }
        assertThat(fx.count("select texts from search_vocabulary where language_code = 'fr' and spelling = 'commune'"))
                .isGreaterThanOrEqualTo(12);
    }

    @Test
    void theServerRole_canReadTheModel_butNotWriteIt() throws SQLException {
        Item item = fx.publishedItem();
        try (var c = db.connectAsServer(); var st = c.createStatement()) {
            st.executeQuery("select count(*) from live_texts").close();
            assertThatThrownBy(() -> st.executeUpdate("update live_texts set html = '<p>forged</p>' where item_id = "
                    + item.questionId())).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.executeUpdate("delete from live_texts where item_id = " + item.questionId()))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }
}
